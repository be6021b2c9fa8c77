/// A stage's work on its input, a line at a time: what `Stage.run` drives.
public protocol LineProcessor: AnyObject {
    func process(_ line: InputLine, file: String?) throws
    /// Writes what is pending: the output, then any state that goes with it.
    func flush() throws
}

extension Stage {
    /// Feeds every line of `paths` (standard input when empty) to `processor`, flushing it when
    /// the input is about to wait, when a block of output is ready, at the end and on a signal.
    public func run(_ processor: some LineProcessor, on paths: [String], readAhead: Bool? = nil) throws {
        try readLines(of: paths, readAhead: readAhead, process: { [unowned processor] line, file in try processor.process(line, file: file) },
                      flush: { [unowned processor] in try processor.flush() })
    }

    /// `--print-config`: writes the effective configuration and says the run ends there.
    public func printedConfiguration(_ arguments: ParsedArguments) -> Bool {
        guard arguments.flag("print-config") else { return false }
        output.append(text: arguments.effectiveConfigurationJSON + "\n")
        return true
    }
}
