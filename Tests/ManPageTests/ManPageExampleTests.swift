import Foundation
import SluiceTestSupport
import Testing

/// One command from the EXAMPLES section of a man page: a `$ ` line in a literal display, and
/// the lines after it up to the next command or the end of the display as its expected output.
struct ManPageExample: CustomTestStringConvertible, Sendable {
    var page: String
    var command: String
    var expectedOutput: String?
    var testDescription: String { "\(page): \(command)" }

    static let manDirectory = ProgramRunner.repositoryRoot.appendingPathComponent("man")

    static var pages: [URL] {
        let sections = ["man1", "man7"].map { manDirectory.appendingPathComponent($0) }
        return sections.flatMap { section in
            ((try? FileManager.default.contentsOfDirectory(atPath: section.path)) ?? []).sorted().map { section.appendingPathComponent($0) }
        }
    }

    static var all: [ManPageExample] { pages.flatMap { (try? examples(in: $0)) ?? [] } }

    /// Undoes the roff escapes used in displays.
    static func unescape(_ line: String) -> String {
        line.replacingOccurrences(of: "\\e", with: "\\").replacingOccurrences(of: "\\&", with: "")
            .replacingOccurrences(of: "\\(mu", with: "×")
    }

    static func examples(in page: URL) throws -> [ManPageExample] {
        let lines = try String(contentsOf: page, encoding: .utf8).components(separatedBy: "\n")
        var inExamples = false, inDisplay = false
        var examples: [ManPageExample] = []
        var output: [String] = []
        func finish() {
            guard !examples.isEmpty, examples[examples.count - 1].expectedOutput == nil else { return }
            if !output.isEmpty { examples[examples.count - 1].expectedOutput = output.joined(separator: "\n") + "\n" }
        }
        for line in lines {
            if line.hasPrefix(".Sh ") {
                inExamples = line == ".Sh EXAMPLES"
                continue
            }
            guard inExamples else { continue }
            if line.hasPrefix(".Bd ") { inDisplay = true; output = []; continue }
            if line == ".Ed" { finish(); inDisplay = false; continue }
            guard inDisplay else { continue }
            if line.hasPrefix("$ ") {
                finish()
                output = []
                examples.append(ManPageExample(page: page.lastPathComponent, command: unescape(String(line.dropFirst(2)))))
            } else {
                output.append(unescape(line))
            }
        }
        return examples
    }
}

@Suite("Man page examples")
struct ManPageExampleTests {
    /// Section order from mdoc(7).
    static let sectionOrder = ["NAME", "LIBRARY", "SYNOPSIS", "DESCRIPTION", "CONTEXT", "IMPLEMENTATION NOTES", "RETURN VALUES",
                               "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES", "DIAGNOSTICS", "ERRORS", "SEE ALSO",
                               "STANDARDS", "HISTORY", "AUTHORS", "CAVEATS", "BUGS", "SECURITY CONSIDERATIONS"]

    @Test func sectionsFollowMdocOrder() throws {
        for page in ManPageExample.pages {
            let sections = try String(contentsOf: page, encoding: .utf8).components(separatedBy: "\n")
                .filter { $0.hasPrefix(".Sh ") }.map { String($0.dropFirst(4)) }
            for required in ["NAME", "SYNOPSIS", "DESCRIPTION", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
                #expect(sections.contains(required), "\(page.lastPathComponent) lacks \(required)")
            }
            let positions = sections.map { Self.sectionOrder.firstIndex(of: $0) ?? -1 }
            #expect(!positions.contains(-1), "\(page.lastPathComponent) has an unknown section: \(sections)")
            #expect(positions == positions.sorted(), "\(page.lastPathComponent) sections out of order: \(sections)")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff")))
    func groffFindsNothingToWarnAbout() throws {
        for page in ManPageExample.pages {
            let result = try ProgramRunner.runExecutable("/usr/bin/groff", ["-mandoc", "-ww", "-z", page.path], stdin: Data(),
                                                         directory: nil, environment: nil)
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty, "\(page.lastPathComponent): \(result.stderr)")
        }
    }

    @Test func everyPageHasExamples() throws {
        #expect(!ManPageExample.pages.isEmpty)
        for page in ManPageExample.pages {
            #expect(try !ManPageExample.examples(in: page).isEmpty, "\(page.lastPathComponent) has no runnable example")
        }
    }

    @Test func everyDisplayInExamplesIsRun() throws {
        for page in ManPageExample.pages {
            let text = try String(contentsOf: page, encoding: .utf8)
            guard let examples = text.components(separatedBy: ".Sh EXAMPLES").dropFirst().first?.components(separatedBy: "\n.Sh ").first else { continue }
            let displays = examples.components(separatedBy: ".Bd ").dropFirst()
            for display in displays {
                #expect(display.contains("\n$ "), "\(page.lastPathComponent): a display in EXAMPLES has no command to run")
            }
        }
    }

    @Test(arguments: ManPageExample.all)
    func example(_ example: ManPageExample) throws {
        let result = try ProgramRunner.shell(example.command, directory: ProgramRunner.repositoryRoot)
        #expect(result.status == 0, "\(example.command): \(result.stderr)")
        if let expected = example.expectedOutput {
            #expect(result.stdout == expected)
        } else {
            #expect(!result.stdout.isEmpty)
        }
    }
}
