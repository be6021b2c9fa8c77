import Glibc

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

    public func has(_ key: JSONKey) -> Bool { present(key) != nil }

    /// The member's value index, nil when it is missing or null.
    @inline(__always)
    func present(_ key: JSONKey) -> Int? {
        guard let index = document.member(key), document[index].kind != .null else { return nil }
        return index
    }

    public func required(_ key: JSONKey) throws(RecordError) -> Int {
        guard let index = document.member(key), document[index].kind != .null else { throw failure(key, "missing") }
        return index
    }

    /// A member found beforehand (0 when absent or null, as `Signal.Members` and its kind give
    /// them), required to be there. Every reader at an index starts here.
    @inline(__always)
    func required(_ key: JSONKey, at index: Int) throws(RecordError) -> Int {
        guard index != 0 else { throw failure(key, "missing") }
        return index
    }

    public func string(_ key: JSONKey) throws(RecordError) -> String {
        try string(key, at: required(key))
    }

    func string(_ key: JSONKey, at index: Int) throws(RecordError) -> String {
        try nonEmpty(key, at: index, document.string)
    }

    /// Checks that a required non-empty string is there, without making a String of it: for a
    /// field that is only copied through (a signal's id). Escapes always decode to something, so
    /// a string is empty only when nothing stands between its quotes.
    func requireNonEmptyString(_ key: JSONKey, at index: Int) throws(RecordError) {
        let index = try required(key, at: index)
        let node = document[index]
        guard node.kind == .string && node.end > node.start else {
            throw failure(key, "expected a non-empty string, got \(shown(index))")
        }
    }

    /// A required non-empty string, made by `decode` from the value's index.
    @inline(__always)
    private func nonEmpty(_ key: JSONKey, at index: Int, _ decode: (Int) -> String?) throws(RecordError) -> String {
        let index = try required(key, at: index)
        guard let text = decode(index), !text.isEmpty else {
            throw failure(key, "expected a non-empty string, got \(shown(index))")
        }
        return text
    }

    /// A symbol, or another name that most records repeat (a strategy): a non-empty string,
    /// like `string`.
    public func symbol(_ key: JSONKey) throws(RecordError) -> String {
        try symbol(key, at: required(key))
    }

    func symbol(_ key: JSONKey, at index: Int) throws(RecordError) -> String {
        try nonEmpty(key, at: index, document.repeatedString)
    }

    /// At a member found beforehand; nil when it is absent (0).
    @inline(__always)
    func optionalSymbol(_ key: JSONKey, at index: Int) throws(RecordError) -> String? {
        index == 0 ? nil : try symbol(key, at: index)
    }

    public func optionalString(_ key: JSONKey) throws(RecordError) -> String? {
        try optionalString(key, at: present(key) ?? 0)
    }

    /// At a member found beforehand; nil when it is absent (0).
    @inline(__always)
    func optionalString(_ key: JSONKey, at index: Int) throws(RecordError) -> String? {
        index == 0 ? nil : try string(key, at: index)
    }

    /// An exact decimal from a JSON number or a numeric string (as some venues send them).
    public func decimal(_ key: JSONKey) throws(RecordError) -> Decimal {
        try decimal(key, at: required(key))
    }

    func decimal(_ key: JSONKey, at index: Int) throws(RecordError) -> Decimal {
        let index = try required(key, at: index)
        if let (coefficient, scale) = document.shortNumber(index) { return Decimal(coefficient: Int128(coefficient), scale: scale) }
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
        try optionalDecimal(key, at: present(key) ?? 0)
    }

    /// At a member found beforehand; nil when it is absent (0).
    @inline(__always)
    func optionalDecimal(_ key: JSONKey, at index: Int) throws(RecordError) -> Decimal? {
        index == 0 ? nil : try decimal(key, at: index)
    }

    public func positiveDecimal(_ key: JSONKey) throws(RecordError) -> Decimal {
        try positiveDecimal(key, at: required(key))
    }

    func positiveDecimal(_ key: JSONKey, at index: Int) throws(RecordError) -> Decimal {
        let value = try decimal(key, at: index)
        guard value.signum > 0 else { throw failure(key, "expected a positive number, got \(value)") }
        return value
    }

    public func optionalPositiveDecimal(_ key: JSONKey) throws(RecordError) -> Decimal? {
        try optionalPositiveDecimal(key, at: present(key) ?? 0)
    }

    /// At a member found beforehand; nil when it is absent (0).
    @inline(__always)
    func optionalPositiveDecimal(_ key: JSONKey, at index: Int) throws(RecordError) -> Decimal? {
        index == 0 ? nil : try positiveDecimal(key, at: index)
    }

    public func nonNegativeDecimal(_ key: JSONKey) throws(RecordError) -> Decimal {
        try nonNegativeDecimal(key, at: required(key))
    }

    func nonNegativeDecimal(_ key: JSONKey, at index: Int) throws(RecordError) -> Decimal {
        let value = try decimal(key, at: index)
        guard value.signum >= 0 else { throw failure(key, "expected a number of at least 0, got \(value)") }
        return value
    }

    /// A score from 0 to 1 inclusive.
    public func unitInterval(_ key: JSONKey) throws(RecordError) -> Decimal {
        try unitInterval(key, at: required(key))
    }

    func unitInterval(_ key: JSONKey, at index: Int) throws(RecordError) -> Decimal {
        let value = try decimal(key, at: index)
        // 0 ≤ c × 10^−s ≤ 1, compared on the coefficient: a score is read for every signal.
        guard value.coefficient >= 0 && value.coefficient <= Decimal.powerOfTen(value.scale) else {
            throw failure(key, "expected a number from 0 to 1, got \(value)")
        }
        return value
    }

    public func optionalUnitInterval(_ key: JSONKey) throws(RecordError) -> Decimal? {
        try optionalUnitInterval(key, at: present(key) ?? 0)
    }

    /// At a member found beforehand; nil when it is absent (0).
    @inline(__always)
    func optionalUnitInterval(_ key: JSONKey, at index: Int) throws(RecordError) -> Decimal? {
        index == 0 ? nil : try unitInterval(key, at: index)
    }

    /// A whole number, parsed by hand with overflow checks.
    public func integer(_ key: JSONKey) throws(RecordError) -> Int64 {
        try integer(key, at: required(key))
    }

    func integer(_ key: JSONKey, at index: Int) throws(RecordError) -> Int64 {
        let index = try required(key, at: index)
        guard let value = RecordFields.wholeNumber(in: document, at: index) else {
            throw failure(key, "expected a whole number, got \(shown(index))")
        }
        return value
    }

    public func optionalInteger(_ key: JSONKey) throws(RecordError) -> Int64? {
        try optionalInteger(key, at: present(key) ?? 0)
    }

    /// At a member found beforehand; nil when it is absent (0).
    @inline(__always)
    func optionalInteger(_ key: JSONKey, at index: Int) throws(RecordError) -> Int64? {
        index == 0 ? nil : try integer(key, at: index)
    }

    public func bool(_ key: JSONKey) throws(RecordError) -> Bool? {
        try optionalBool(key, at: present(key) ?? 0)
    }

    /// At a member found beforehand; nil when it is absent (0).
    @inline(__always)
    func optionalBool(_ key: JSONKey, at index: Int) throws(RecordError) -> Bool? {
        index == 0 ? nil : try bool(key, at: index)
    }

    func bool(_ key: JSONKey, at index: Int) throws(RecordError) -> Bool {
        let index = try required(key, at: index)
        guard let value = document.bool(index) else { throw failure(key, "expected true or false, got \(shown(index))") }
        return value
    }

    /// Event time: an RFC 3339 string or integer epoch milliseconds.
    public func timestamp(_ key: JSONKey) throws(RecordError) -> Timestamp {
        try timestamp(key, at: required(key))
    }

    func timestamp(_ key: JSONKey, at index: Int) throws(RecordError) -> Timestamp {
        let index = try required(key, at: index)
        do throws(TimeError) {
            switch document[index].kind {
            case .string:
                return try document.times.timestamp(document.text(index))
            case .number:
                guard let ms = RecordFields.wholeNumber(in: document, at: index) else {
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
        try optionalTimestamp(key, at: present(key) ?? 0)
    }

    /// At a member found beforehand; nil when it is absent (0).
    @inline(__always)
    func optionalTimestamp(_ key: JSONKey, at index: Int) throws(RecordError) -> Timestamp? {
        index == 0 ? nil : try timestamp(key, at: index)
    }

    /// One of a fixed set of words, with accepted aliases, found by its bytes in the type's
    /// `WordTable`, so that reading one builds no String; an escaped or aliased one is decoded.
    /// No aliases is nil rather than an empty dictionary, which would be made and freed for
    /// every word read.
    public func word<T: TableWord>(_ key: JSONKey, as type: T.Type, aliases: [String: T]? = nil) throws(RecordError) -> T {
        try word(key, at: required(key), as: type, aliases: aliases)
    }

    @inline(__always)
    func word<T: TableWord>(_ key: JSONKey, at index: Int, as type: T.Type, aliases: [String: T]? = nil) throws(RecordError) -> T {
        let index = try required(key, at: index)
        let node = document[index]
        if node.kind == .string && !node.hasEscapes, let value = T.wordTable.word(document.text(index)) { return value }
        if aliases != nil || node.hasEscapes, let text = document.string(index) {
            if let value = T(rawValue: text) ?? aliases?[text] { return value }
        }
        throw failure(key, "unknown value \(shown(index))")
    }

    public func optionalWord<T: TableWord>(_ key: JSONKey, as type: T.Type) throws(RecordError) -> T? {
        try optionalWord(key, at: present(key) ?? 0, as: type)
    }

    /// At a member found beforehand; nil when it is absent (0).
    @inline(__always)
    func optionalWord<T: TableWord>(_ key: JSONKey, at index: Int, as type: T.Type) throws(RecordError) -> T? {
        index == 0 ? nil : try word(key, at: index, as: type)
    }

    /// A number value as an Int64: the scanner's sum when it kept one, else its text parsed;
    /// nil for other values and for a number with a fraction, an exponent, or out of range.
    @inline(__always)
    static func wholeNumber(in document: JSONDocument, at index: Int) -> Int64? {
        if case (let value, 0)? = document.shortNumber(index) { return value }
        guard document[index].kind == .number else { return nil }
        return parseInteger(document.text(index))
    }

    /// The value of eight ASCII digits, nil if a byte is not one: validated and combined in a
    /// few word operations (the first digit is the lowest byte of the little-endian word).
    @inline(__always)
    static func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
        let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).littleEndian
        let high = word & 0xF0F0_F0F0_F0F0_F0F0
        let carried = (word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
        guard high | (carried >> 4) == 0x3333_3333_3333_3333 else { return nil }
        var value = ((word & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
        value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        return ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
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
        if text.count &- i <= 18 {
            // Eighteen digits cannot overflow: no checks per digit (epoch milliseconds have 13),
            // and eight at a time while eight are left.
            while text.count &- i >= 8, let eight = RecordFields.eightDigits(text.baseAddress! + i) {
                value = value &* 100_000_000 &+ Int64(eight)
                i &+= 8
            }
            while i < text.count {
                let digit = text[i] &- UInt8(ascii: "0")
                guard digit <= 9 else { return nil }
                value = value &* 10 &+ Int64(digit)
                i &+= 1
            }
            return negative ? -value : value
        }
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
