import Foundation
import Testing

/// Runs a built Sluice program and captures what it did. The programs are found next to the
/// test bundle (SwiftPM builds them first because this target depends on them), or in
/// `$SLUICE_BIN` when that is set.
public struct ProgramRunner {
    public struct Result {
        public var stdout: String
        public var stderr: String
        public var status: Int32
        public var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    public static let binDirectory: URL = {
        if let bin = ProcessInfo.processInfo.environment["SLUICE_BIN"] { return URL(fileURLWithPath: bin) }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent()
    }()

    /// The repository root, from this file's place in `Tests/SluiceTestSupport/`.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(of program: String) -> String { binDirectory.appendingPathComponent(program).path }

    /// Runs `program` with `arguments`, feeding `stdin`, in `directory`.
    public static func run(_ program: String, _ arguments: [String] = [], stdin: Data = Data(), directory: URL? = nil,
                    environment: [String: String]? = nil) throws -> Result {
        try runExecutable(path(of: program), arguments, stdin: stdin, directory: directory, environment: environment)
    }

    public static func run(_ program: String, _ arguments: [String] = [], stdin: String, directory: URL? = nil) throws -> Result {
        try run(program, arguments, stdin: Data(stdin.utf8), directory: directory)
    }

    /// Runs a shell command line with the programs on PATH.
    public static func shell(_ command: String, stdin: Data = Data(), directory: URL? = nil) throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binDirectory.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        return try runExecutable("/bin/sh", ["-c", command], stdin: stdin, directory: directory, environment: environment)
    }

    public static func runExecutable(_ executable: String, _ arguments: [String], stdin: Data, directory: URL?,
                              environment: [String: String]?) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        // Files, not pipes: nothing can stall on a full pipe, and no reader threads are needed.
        let scratch = try ScratchDirectory()
        let inputFile = scratch.url.appendingPathComponent("stdin")
        let outputFile = scratch.url.appendingPathComponent("stdout")
        let errorFile = scratch.url.appendingPathComponent("stderr")
        try stdin.write(to: inputFile)
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        let outData = try Data(contentsOf: outputFile)
        let errData = try Data(contentsOf: errorFile)
        return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                      status: process.terminationStatus)
    }
}

extension ProgramRunner.Result {
    /// Every line parsed as a JSON object.
    public func records() throws -> [[String: Any]] {
        try stdoutLines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CocoaError(.coderReadCorrupt)
            }
            return object
        }
    }
}

/// A scratch directory removed when the test ends.
public final class ScratchDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }
}

/// Golden cases: each folder under a `Golden/` directory holds `cmd` (a shell command line, run
/// in that folder with the built programs on PATH), optionally `stdin`, and the expected `stdout`,
/// `stderr` (empty when absent) and `status` (0 when absent).
public struct GoldenCase: CustomTestStringConvertible, Sendable {
    public let directory: URL
    public var testDescription: String { directory.lastPathComponent }

    public static func all(in golden: URL) -> [GoldenCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? []
        return names.sorted().map { GoldenCase(directory: golden.appendingPathComponent($0)) }
    }

    public func read(_ file: String) -> String? {
        try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    /// Runs the case and checks stdout, stderr and status.
    public func check() throws {
        let command = try #require(read("cmd"), "missing cmd").trimmingCharacters(in: .newlines)
        let result = try ProgramRunner.shell(command, stdin: Data((read("stdin") ?? "").utf8), directory: directory)
        #expect(result.stdout == (read("stdout") ?? ""), "stdout of: \(command)")
        #expect(result.stderr == (read("stderr") ?? ""), "stderr of: \(command)")
        #expect(result.status == Int32((read("status") ?? "0").trimmingCharacters(in: .whitespacesAndNewlines)), "status of: \(command)")
    }
}
