import Foundation
import SluiceTestSupport
import Testing

@Suite("journal golden cases")
struct JournalGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test func thereAreGoldenCases() {
        #expect(GoldenCase.all(in: Self.directory).count >= 5)
    }

    @Test(arguments: GoldenCase.all(in: directory))
    func golden(_ golden: GoldenCase) throws {
        try golden.check()
    }
}
