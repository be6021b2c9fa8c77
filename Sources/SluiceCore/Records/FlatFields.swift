import Glibc

/// A record's fields read straight from its line, without a document, when the line has the
/// form every stage writes: one compact object (no whitespace), its `type` first, every value a
/// string or a number, no key escaped and none twice. That is nearly every line a pipeline
/// carries, and reading it this way makes no nodes and finds each key once.
///
/// `init` gives up (nil) on any other line, and the readers give up on any value the general
/// path would refuse, convert or decode (a null, a numeric string, an escape). Such a line takes
/// `RecordFields`, which reads everything this reads to the same values and explains what it
/// refuses: giving up never changes an outcome, only its cost.
struct FlatFields: FieldReader {
    struct Irregular: Error {}

    /// A value's text (inside the quotes for a string) and, for a short number, its digits.
    struct Value {
        var start: Int32
        var end: Int32
        var coefficient: Int64
        var shortScale: UInt8
        var isString: Bool
    }

    private let base: UnsafePointer<UInt8>
    /// The index the fields are numbered by, for `members(_:)` to check that it is given the same.
    private let index: Unmanaged<MemberIndex>
    /// The time and symbol caches of the thread reading (its document's).
    private let times: UnsafeMutablePointer<TimestampCache>
    private let symbols: UnsafeMutablePointer<ShortStringCache>
    /// The value of each field found, by field number: only those in `found` are set.
    private let values: UnsafeMutablePointer<Value>
    /// A bit for each field found.
    private var found: UInt32 = 0

    /// The fields of `line` when it is a flat record of type `type` (the name, unquoted), by
    /// `index`'s field numbers.
    init?(_ line: UnsafeBufferPointer<UInt8>, type: JSONKey, index: borrowing MemberIndex, caches: borrowing JSONDocument) {
        guard let base = line.baseAddress else { return nil }
        let count = line.count
        let prefix: JSONKey = "{\"type\":\""
        let valueEnd = prefix.count &+ type.count
        guard count > valueEnd &+ 2, memcmp(base, prefix.pointer, prefix.count) == 0,
              memcmp(base + prefix.count, type.pointer, type.count) == 0,
              base[valueEnd] == UInt8(ascii: "\""), base[valueEnd &+ 1] == UInt8(ascii: ",") else { return nil }
        self.base = base
        self.index = Unmanaged.passUnretained(index)
        times = caches.timeCache
        symbols = caches.symbolCache
        values = caches.flatValues
        let scanner = JSONScanner(base: base, count: count)
        // Known keys are told apart exactly by field; the others (and `type`) only by signature,
        // and a line where two of those might be equal is left to the parser's full check.
        var otherKeys = KeySignatureBits()
        _ = otherKeys.insert(JSONKey("type").signature)
        var p = valueEnd &+ 2
        // Stages write a record's keys in its index's order: the key after field n is nearly
        // always field n + 1, and is recognized by comparing two words.
        var expected = 0
        let fieldCount = index.keys.count
        while true {
            guard p < count && base[p] == UInt8(ascii: "\"") else { return nil }
            let keyStart = p &+ 1
            let field: Int
            let keyEnd: Int
            if expected < fieldCount && keyStart &+ 16 <= count, case let length = index.quotedKeyLength(expected, at: base + keyStart), length >= 0 {
                field = expected
                keyEnd = keyStart &+ length
            } else {
                guard let key = try? scanner.stringEnd(from: keyStart), !key.escapes else { return nil }
                keyEnd = key.end
                let keyLength = key.end &- keyStart
                let signature = scanner.keySignature(start: keyStart, length: keyLength)
                field = index.field(signature: signature, text: base + keyStart, count: keyLength)
                if field < 0 && otherKeys.insert(signature) { return nil }
            }
            if field >= 0 {
                let bit: UInt32 = 1 &<< UInt32(truncatingIfNeeded: field)
                guard found & bit == 0 else { return nil }
                found |= bit
                expected = field &+ 1
            }
            p = keyEnd &+ 1
            guard p &+ 1 < count && base[p] == UInt8(ascii: ":") else { return nil }
            p &+= 1
            let value: Value
            let first = base[p]
            if first == UInt8(ascii: "\"") {
                guard let string = try? scanner.stringEnd(from: p &+ 1), !(string.escapes && field >= 0) else { return nil }
                value = Value(start: Int32(truncatingIfNeeded: p &+ 1), end: Int32(truncatingIfNeeded: string.end),
                              coefficient: 0, shortScale: 0, isString: true)
                p = string.end &+ 1
            } else if first == UInt8(ascii: "-") || first &- UInt8(ascii: "0") <= 9 {
                guard let number = try? scanner.number(from: p) else { return nil }
                value = Value(start: Int32(truncatingIfNeeded: p), end: Int32(truncatingIfNeeded: number.end),
                              coefficient: number.coefficient, shortScale: number.shortScale, isString: false)
                p = number.end
            } else {
                return nil
            }
            if field >= 0 { values[field] = value }
            guard p < count else { return nil }
            let separator = base[p]
            p &+= 1
            if separator == UInt8(ascii: ",") { continue }
            guard separator == UInt8(ascii: "}") && p == count else { return nil }
            return
        }
    }

    func members(_ index: MemberIndex) -> MemberValues {
        precondition(index === self.index.takeUnretainedValue(), "fields read by another index")
        var members = MemberValues()
        var rest = found
        while rest != 0 {
            let field = rest.trailingZeroBitCount
            members[field] = field &+ 1
            rest &= rest &- 1
        }
        return members
    }

    func failure(_ key: JSONKey, _ problem: String) -> Irregular { Irregular() }

    /// The value of the field at `at` (field number + 1), which must be there.
    @inline(__always)
    private func value(_ at: Int) throws(Irregular) -> Value {
        guard at != 0 else { throw Irregular() }
        return values[at &- 1]
    }

    @inline(__always)
    private func text(_ value: Value) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + Int(value.start), count: Int(value.end &- value.start))
    }

    /// A non-empty string's text.
    @inline(__always)
    private func nonEmptyText(at index: Int) throws(Irregular) -> UnsafeBufferPointer<UInt8> {
        let value = try value(index)
        guard value.isString && value.end > value.start else { throw Irregular() }
        return text(value)
    }

    func string(_ key: JSONKey, at index: Int) throws(Irregular) -> String {
        JSONDocument.makeString(try nonEmptyText(at: index))
    }

    func symbol(_ key: JSONKey, at index: Int) throws(Irregular) -> String {
        symbols.pointee.string(try nonEmptyText(at: index))
    }

    func word<T: TableWord>(_ key: JSONKey, at index: Int, as type: T.Type, aliases: [String: T]?) throws(Irregular) -> T {
        let value = try value(index)
        guard value.isString, let word = T.wordTable.word(text(value)) else { throw Irregular() }
        return word
    }

    func optionalWord<T: TableWord>(_ key: JSONKey, at index: Int, as type: T.Type) throws(Irregular) -> T? {
        index == 0 ? nil : try word(key, at: index, as: type, aliases: nil)
    }

    /// An RFC 3339 string or whole epoch milliseconds, as `RecordFields.timestamp` reads them.
    func timestamp(_ key: JSONKey, at index: Int) throws(Irregular) -> Timestamp {
        let value = try value(index)
        let time: Timestamp?
        if value.isString {
            time = try? times.pointee.timestamp(text(value))
        } else if value.shortScale == 0 {
            time = try? Timestamp(epochMilliseconds: value.coefficient)
        } else {
            // A fraction is refused; a long or exponent number is read as `RecordFields` reads it.
            let ms = value.shortScale == JSONNode.noShortValue ? RecordFields.parseInteger(text(value)) : nil
            time = ms.flatMap { try? Timestamp(epochMilliseconds: $0) }
        }
        guard let time else { throw Irregular() }
        return time
    }

    func optionalTimestamp(_ key: JSONKey, at index: Int) throws(Irregular) -> Timestamp? {
        index == 0 ? nil : try timestamp(key, at: index)
    }

    /// A JSON number, as `RecordFields.decimal` reads it (numeric strings are left to it).
    @inline(__always)
    private func decimal(at index: Int) throws(Irregular) -> Decimal {
        let value = try value(index)
        guard !value.isString else { throw Irregular() }
        if value.shortScale != JSONNode.noShortValue { return Decimal(coefficient: Int128(value.coefficient), scale: Int(value.shortScale)) }
        do throws(DecimalError) {
            return try Decimal(parsing: text(value))
        } catch {
            throw Irregular()
        }
    }

    func positiveDecimal(_ key: JSONKey, at index: Int) throws(Irregular) -> Decimal {
        let value = try decimal(at: index)
        guard value.signum > 0 else { throw Irregular() }
        return value
    }

    func optionalPositiveDecimal(_ key: JSONKey, at index: Int) throws(Irregular) -> Decimal? {
        index == 0 ? nil : try positiveDecimal(key, at: index)
    }

    func nonNegativeDecimal(_ key: JSONKey, at index: Int) throws(Irregular) -> Decimal {
        let value = try decimal(at: index)
        guard value.signum >= 0 else { throw Irregular() }
        return value
    }
}
