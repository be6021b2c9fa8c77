/// A stage's work on its input, a line at a time: what `Stage.run` drives.
public protocol LineProcessor: AnyObject {
    /// The record a stage decodes from most of its lines (gate's and sizer's signals,
    /// reconcile's orders). When the input is read ahead, the read-ahead thread decodes it too,
    /// so that the stage's thread only decides.
    associatedtype Decoded: Sendable = Never

    /// Initializes `record` with the record `document` holds and says true; false when it holds
    /// another or a bad one, which the stage then reads itself and reports. Runs on the
    /// read-ahead thread, so it depends on the line alone, never on the stage's state; writes
    /// in place, as a record can be a few hundred bytes.
    static func decode(_ document: JSONDocument, into record: UnsafeMutablePointer<Decoded>) -> Bool
    /// Decodes like `decode(_:into:)`, from a flat line's bytes (`FlatFields`) without scanning
    /// them, and says false for any other line, which then takes the scanned path; `caches` lends
    /// its time and string caches to the thread decoding. nil when the stage has none. With one,
    /// the read-ahead thread leaves a line it does not decode unscanned, as the stage reads most
    /// lines without their nodes.
    static var flatDecoder: ReadAhead.FlatDecode<Decoded>? { get }
    func process(_ line: InputLine, file: String?) throws
    /// Processes a line whose record the read-ahead thread decoded, and takes the record: it
    /// moves it out of `decoded` (`move()`) before anything else, as the batch no longer
    /// destroys it. A record lent in place was copied out to be used, its Strings retained and
    /// released again (about 200 instructions an order).
    func process(_ line: InputLine, decoded: UnsafeMutablePointer<Decoded>, file: String?) throws
    /// Writes what is pending: the output, then any state that goes with it.
    func flush() throws
}

extension LineProcessor {
    public static var flatDecoder: ReadAhead.FlatDecode<Decoded>? { nil }
}

extension LineProcessor where Decoded == Never {
    public static func decode(_ document: JSONDocument, into record: UnsafeMutablePointer<Never>) -> Bool { false }
    public func process(_ line: InputLine, decoded: UnsafeMutablePointer<Never>, file: String?) throws {}
}

extension Stage {
    /// Feeds every line of `paths` (standard input when empty) to `processor`, flushing it when
    /// the input is about to wait, when a block of output is ready, at the end and on a signal.
    public func run<Processor: LineProcessor>(_ processor: Processor, on paths: [String], readAhead: Bool? = nil) throws {
        // The closures hold the processor strongly: they live only as long as this call, and an
        // unowned reference cost an atomic increment and decrement for every line.
        try readLines(of: paths, readAhead: readAhead, decode: Processor.decode,
                      decodeFlat: Processor.flatDecoder,
                      process: { line, decoded, file in
                          if let decoded {
                              try processor.process(line, decoded: decoded, file: file)
                          } else {
                              try processor.process(line, file: file)
                          }
                      },
                      flush: { try processor.flush() })
    }

    /// `--print-config`: writes the effective configuration and says the run ends there.
    public func printedConfiguration(_ arguments: ParsedArguments) -> Bool {
        guard arguments.flag("print-config") else { return false }
        output.append(text: arguments.effectiveConfigurationJSON + "\n")
        return true
    }
}
