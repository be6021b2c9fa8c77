import Foundation
import SluiceTestSupport
import Testing

@Suite("reconcile golden cases")
struct ReconcileGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test func thereAreGoldenCases() {
        #expect(GoldenCase.all(in: Self.directory).count >= 8)
    }

    @Test(arguments: GoldenCase.all(in: directory))
    func golden(_ golden: GoldenCase) throws {
        try golden.check()
    }
}
