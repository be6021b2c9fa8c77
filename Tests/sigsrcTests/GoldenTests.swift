import Foundation
import SluiceTestSupport
import Testing

@Suite("sigsrc golden cases")
struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test func thereAreGoldenCases() {
        #expect(GoldenCase.all(in: Self.directory).count >= 10)
    }

    @Test(arguments: GoldenCase.all(in: directory))
    func golden(_ golden: GoldenCase) throws {
        try golden.check()
    }
}
