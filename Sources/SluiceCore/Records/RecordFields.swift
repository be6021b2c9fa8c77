/// Validating access to the fields of one record (the root object of a parsed line).
public struct RecordFields {
    public let document: JSONDocument
    public let recordType: String

    public init(_ document: JSONDocument, type: String) {
        self.document = document
        self.recordType = type
    }

    func failure(_ key: JSONKey, _ problem: String) -> RecordError {
        RecordError(recordType, field: key.name, problem)
    }

    /// A value as it appears in the line, shortened, for messages.
    func shown(_ index: Int) -> String {
        let raw = document.rawValue(index)
        let text = String(decoding: raw.prefix(40), as: UTF8.self)
        return raw.count > 40 ? text + "…" : text
    }

    public func has(_ key: JSONKey) -> Bool {
        guard let index = document.member(key) else { return false }
        return document[index].kind != .null
    }

    public func required(_ key: JSONKey) throws(RecordError) -> Int {
        guard let index = document.member(key), document[index].kind != .null else { throw failure(key, "missing") }
        return index
    }

    public func string(_ key: JSONKey) throws(RecordError) -> String {
        let index = try required(key)
        guard let text = document.string(index), !text.isEmpty else {
            throw failure(key, "expected a non-empty string, got \(shown(index))")
        }
        return text
    }

    public func optionalString(_ key: JSONKey) throws(RecordError) -> String? {
        has(key) ? try string(key) : nil
    }

    /// An exact decimal from a JSON number or a numeric string (as some venues send them).
    public func decimal(_ key: JSONKey) throws(RecordError) -> Decimal {
        let index = try required(key)
        let kind = document[index].kind
        guard kind == .number || (kind == .string && !document[index].hasEscapes) else {
            throw failure(key, "expected a number, got \(shown(index))")
        }
        do throws(DecimalError) {
            return try Decimal(parsing: document.text(index))
        } catch {
            throw failure(key, "expected a number, got \(shown(index))")
        }
    }

    public func optionalDecimal(_ key: JSONKey) throws(RecordError) -> Decimal? {
        has(key) ? try decimal(key) : nil
    }

    public func positiveDecimal(_ key: JSONKey) throws(RecordError) -> Decimal {
        let value = try decimal(key)
        guard value.signum > 0 else { throw failure(key, "expected a positive number, got \(value)") }
        return value
    }

    public func optionalPositiveDecimal(_ key: JSONKey) throws(RecordError) -> Decimal? {
        has(key) ? try positiveDecimal(key) : nil
    }

    public func nonNegativeDecimal(_ key: JSONKey) throws(RecordError) -> Decimal {
        let value = try decimal(key)
        guard value.signum >= 0 else { throw failure(key, "expected a number of at least 0, got \(value)") }
        return value
    }

    /// A score from 0 to 1 inclusive.
    public func unitInterval(_ key: JSONKey) throws(RecordError) -> Decimal {
        let value = try decimal(key)
        guard value >= .zero && value <= .one else {
            throw failure(key, "expected a number from 0 to 1, got \(value)")
        }
        return value
    }

    public func optionalUnitInterval(_ key: JSONKey) throws(RecordError) -> Decimal? {
        has(key) ? try unitInterval(key) : nil
    }

    /// A whole number, parsed by hand with overflow checks.
    public func integer(_ key: JSONKey) throws(RecordError) -> Int64 {
        let index = try required(key)
        guard document[index].kind == .number, let value = RecordFields.parseInteger(document.text(index)) else {
            throw failure(key, "expected a whole number, got \(shown(index))")
        }
        return value
    }

    public func optionalInteger(_ key: JSONKey) throws(RecordError) -> Int64? {
        has(key) ? try integer(key) : nil
    }

    public func bool(_ key: JSONKey) throws(RecordError) -> Bool? {
        guard has(key) else { return nil }
        let index = try required(key)
        guard let value = document.bool(index) else { throw failure(key, "expected true or false, got \(shown(index))") }
        return value
    }

    /// Event time: an RFC 3339 string or integer epoch milliseconds.
    public func timestamp(_ key: JSONKey) throws(RecordError) -> Timestamp {
        let index = try required(key)
        do throws(TimeError) {
            switch document[index].kind {
            case .string:
                return try Timestamp(rfc3339: document.text(index))
            case .number:
                guard let ms = RecordFields.parseInteger(document.text(index)) else {
                    throw TimeError("expected whole epoch milliseconds, got \(shown(index))")
                }
                return try Timestamp(epochMilliseconds: ms)
            default:
                throw TimeError("expected an RFC 3339 time or epoch milliseconds, got \(shown(index))")
            }
        } catch {
            throw failure(key, error.message)
        }
    }

    public func optionalTimestamp(_ key: JSONKey) throws(RecordError) -> Timestamp? {
        has(key) ? try timestamp(key) : nil
    }

    /// One of a fixed set of words, with accepted aliases.
    public func word<T: RawRepresentable>(_ key: JSONKey, as: T.Type, aliases: [String: T] = [:]) throws(RecordError) -> T where T.RawValue == String {
        let index = try required(key)
        if let text = document.string(index) {
            if let value = T(rawValue: text) ?? aliases[text] { return value }
        }
        throw failure(key, "unknown value \(shown(index))")
    }

    public func optionalWord<T: RawRepresentable>(_ key: JSONKey, as type: T.Type) throws(RecordError) -> T? where T.RawValue == String {
        has(key) ? try word(key, as: type) : nil
    }

    /// A JSON integer's text as an Int64; nil if it has a fraction, an exponent, or overflows.
    public static func parseInteger(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if text.count > 0 && text[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        }
        guard i < text.count else { return nil }
        var value: Int64 = 0
        while i < text.count {
            let b = text[i]
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(b - UInt8(ascii: "0"))
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
            i += 1
        }
        return value
    }
}
