import Foundation
import SluiceTestSupport
import Testing

@Suite("exec golden cases")
struct ExecGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test func thereAreGoldenCases() {
        #expect(GoldenCase.all(in: Self.directory).count >= 8)
    }

    @Test(arguments: GoldenCase.all(in: directory))
    func golden(_ golden: GoldenCase) throws {
        try golden.check()
    }
}
