import Glibc

/// What every program shares while it runs: its name for diagnostics, its buffered standard
/// output, where its diagnostics go, and the policy for bad input (an `error` record, or exit 65
/// under `--strict`).
public final class Stage {
    /// How much of a bad line an `error` record carries.
    public static let maximumRawLength = 4096

    public let name: String
    public let output: OutputBuffer
    /// Standard error, except where a test runs a stage inside its own process: redirecting the
    /// process's descriptor 2 there would race with the test runner's own reporting.
    public let diagnostics: FileDescriptor
    public var isStrict = false
    /// `"<name>"` and `<name>-reject-`, kept as bytes: every reject record carries both, and
    /// writing them from the String cost a tenth of writing the reject.
    let quotedName: UnsafeBufferPointer<UInt8>
    let rejectIdPrefix: UnsafeBufferPointer<UInt8>
    private let nameBytes: UnsafeMutableBufferPointer<UInt8>

    public init(name: String, output: OutputBuffer = OutputBuffer(destination: .standardOutput),
                diagnostics: FileDescriptor = .standardError) {
        self.name = name
        self.output = output
        self.diagnostics = diagnostics
        let quoted = Array("\"\(name)\"".utf8), prefix = Array("\(name)-reject-".utf8)
        nameBytes = .allocate(capacity: quoted.count + prefix.count)
        _ = nameBytes.initialize(fromContentsOf: quoted + prefix)
        quotedName = UnsafeBufferPointer(rebasing: nameBytes[..<quoted.count])
        rejectIdPrefix = UnsafeBufferPointer(rebasing: nameBytes[quoted.count...])
    }

    deinit { nameBytes.deallocate() }

    /// Writes `PROG: message` to the diagnostics, standard error in every program.
    public func warn(_ message: String) {
        try? diagnostics.writeAll("\(name): \(message)\n")
    }

    /// Reports a bad input line: one line on stderr and an `error` record carrying the raw text,
    /// or, under `--strict`, a `BadInputError` that ends the run.
    /// `truncated` says the raw text is already only the start of the line.
    public func reportBadLine(_ raw: UnsafeBufferPointer<UInt8>, line: Int, file: String?, reason: String,
                              truncated: Bool = false) throws(BadInputError) {
        let location = (file.map { "\($0): " } ?? "") + "line \(line)"
        if isStrict { throw BadInputError("\(location): \(reason)") }
        warn("\(location): \(reason)")
        var record = JSONObjectWriter(output)
        record.word("type", "error")
        record.string("stage", name)
        if let file { record.string("file", file) }
        record.integer("line", Int64(line))
        record.string("reason", reason)
        record.string("raw", bytes: UnsafeBufferPointer(rebasing: raw.prefix(Stage.maximumRawLength)))
        if truncated || raw.count > Stage.maximumRawLength { record.bool("truncated", true) }
        record.close()
        output.append(UInt8(ascii: "\n"))
    }

    /// Runs a program: parses its command line, calls `body`, then flushes and closes standard
    /// output, mapping every failure to its exit status and a `PROG: message` line.
    public static func main(_ command: CommandDescription, arguments: [String] = Array(CommandLine.arguments.dropFirst()),
                            _ body: (ParsedArguments, Stage) throws -> Void) -> Never {
        TerminationSignals.install()
        let stage = Stage(name: command.name)
        let status: Int32
        do {
            let parsed = try ArgumentParser.parse(arguments, for: command)
            stage.isStrict = parsed.flag("strict")
            try body(parsed, stage)
            try stage.output.flush()
            try FileDescriptor.standardOutput.close()
            status = ExitStatus.success
        } catch let error as CommandLineError {
            status = stage.exitStatus(for: error, command: command)
        } catch IOError.brokenPipe {
            status = ExitStatus.success
        } catch let IOError.interrupted(signal) {
            try? stage.output.flush()
            status = 128 + signal
        } catch let error as IOError {
            try? stage.output.flush()
            stage.warn(error.description)
            status = error.isMissingInput ? ExitStatus.noInput : ExitStatus.ioError
        } catch let error as BadInputError {
            try? stage.output.flush()
            stage.warn(error.message)
            status = ExitStatus.dataError
        } catch {
            try? stage.output.flush()
            stage.warn("\(error)")
            status = ExitStatus.failure
        }
        exit(status)
    }

    private func exitStatus(for error: CommandLineError, command: CommandDescription) -> Int32 {
        switch error {
        case .helpRequested:
            try? FileDescriptor.standardOutput.writeAll(command.help)
            return ExitStatus.success
        case .versionRequested:
            try? FileDescriptor.standardOutput.writeAll("\(command.name) (sluice) \(CommandDescription.version)\n")
            return ExitStatus.success
        case let .usage(message):
            warn(message)
            try? diagnostics.writeAll("\(command.usageLine)\nTry '\(command.name) --help' for more information.\n")
            return ExitStatus.usage
        case let .configuration(message):
            try? output.flush()
            warn(message)
            return ExitStatus.configuration
        }
    }
}
