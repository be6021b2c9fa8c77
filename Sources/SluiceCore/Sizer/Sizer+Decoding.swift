extension Sizer {
    /// A signal and where its members sit in its line: the order copies its id, time, symbol
    /// and strategy from the line as they were written.
    public struct DecodedSignal: Sendable {
        var signal: Signal
        var members: Signal.Members
        var symbol: SymbolKey
    }

    /// Decodes a signal on the read-ahead thread: reading it is a sixth of what sizing one costs.
    public static func decode(_ document: JSONDocument, into record: UnsafeMutablePointer<DecodedSignal>) -> Bool {
        guard RecordType(of: document) == .signal else { return false }
        let members = Signal.Members(document)
        do throws(RecordError) {
            let signal = try Signal(RecordFields(document, type: "signal"), at: members)
            record.initialize(to: DecodedSignal(signal: signal, members: members, symbol: SymbolKey(signal.symbol)))
            return true
        } catch {
            return false
        }
    }

    public func process(_ line: InputLine, decoded: UnsafeMutablePointer<DecodedSignal>, file: String?) throws {
        let decoded = decoded.move()
        guard try stage.parse(line, into: document, file: file) else { return }
        size(decoded.signal, symbol: decoded.symbol, at: decoded.members)
    }
}
