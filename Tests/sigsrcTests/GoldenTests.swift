import Foundation
import Testing

/// Golden cases: each folder under `Golden/` holds `cmd` (a shell command line, run in that
/// folder with the built programs on PATH), optionally `stdin`, and the expected `stdout`,
/// `stderr` (empty when absent) and `status` (0 when absent).
struct GoldenCase: CustomTestStringConvertible, Sendable {
    let name: String
    var testDescription: String { name }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var all: [GoldenCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map(GoldenCase.init)
    }

    func read(_ file: String) -> String? {
        try? String(contentsOf: GoldenCase.directory.appendingPathComponent(name).appendingPathComponent(file), encoding: .utf8)
    }
}

@Suite("sigsrc golden cases")
struct GoldenTests {
    @Test func thereAreGoldenCases() {
        #expect(GoldenCase.all.count >= 10)
    }

    @Test(arguments: GoldenCase.all)
    func golden(_ golden: GoldenCase) throws {
        let command = try #require(golden.read("cmd"), "missing cmd").trimmingCharacters(in: .newlines)
        let result = try ProgramRunner.shell(command, stdin: Data((golden.read("stdin") ?? "").utf8),
                                             directory: GoldenCase.directory.appendingPathComponent(golden.name))
        #expect(result.stdout == (golden.read("stdout") ?? ""), "stdout of: \(command)")
        #expect(result.stderr == (golden.read("stderr") ?? ""), "stderr of: \(command)")
        #expect(result.status == Int32((golden.read("status") ?? "0").trimmingCharacters(in: .whitespacesAndNewlines)), "status of: \(command)")
    }
}
