/// "type", "ts" and "id" as little-endian words, to find those keys without memcmp.
private let typeWord = UInt32(0x6570_7974)
private let tsWord = UInt16(0x7374)
private let idWord = UInt16(0x6469)

/// Writes a parsed input record to the stream. A record that already has an `id` and a
/// canonical `ts` (or none) is copied through as raw bytes; otherwise only `ts` is rewritten to
/// RFC 3339 with milliseconds and an `id` is added at the end. Every other field is kept as it
/// was, in its order.
public struct RecordEmitter {
    public var ids: IDAllocator

    public init(idPrefix: String) { ids = IDAllocator(prefix: idPrefix) }

    /// What `inspect` found in a record.
    public struct Facts {
        public var ts: Timestamp?
        var tsIsCanonical: Bool
        var hasID: Bool
        public var type: RecordType?
    }

    /// Reads the fields the emitter cares about, validating `type`, `ts` and `id`, in one pass
    /// over the record's members. Keys are told apart by length and compared as small integers;
    /// an escaped key is decoded.
    public static func inspect(_ document: JSONDocument) throws(RecordError) -> Facts {
        var typeIndex: Int?, tsIndex: Int?, idIndex: Int?
        let base = document.bytes.baseAddress!
        let root = document[0]
        var key = 1
        for _ in 0..<root.count {
            let name = document[key]
            let value = key &+ 1
            let start = Int(name.start)
            switch name.end &- name.start {
            case _ where name.hasEscapes:
                if document.stringEquals(key, "type") { typeIndex = value }
                else if document.stringEquals(key, "ts") { tsIndex = value }
                else if document.stringEquals(key, "id") { idIndex = value }
            case 4 where UnsafeRawPointer(base + start).loadUnaligned(as: UInt32.self) == typeWord:
                typeIndex = value
            case 2:
                let word = UnsafeRawPointer(base + start).loadUnaligned(as: UInt16.self)
                if word == tsWord { tsIndex = value } else if word == idWord { idIndex = value }
            default:
                break
            }
            key = Int(document[value].next)
        }
        guard let typeIndex else { throw RecordError("record", field: "type", "missing") }
        guard document[typeIndex].kind == .string, document[typeIndex].end > document[typeIndex].start else {
            throw RecordError("record", field: "type", "expected a non-empty string")
        }
        let type = RecordType(typeNode: typeIndex, in: document)
        var facts = Facts(ts: nil, tsIsCanonical: true, hasID: false, type: type)
        if let tsIndex {
            let text = document.text(tsIndex)
            if document[tsIndex].kind == .string, let ts = try? document.times.timestamp(text) {
                facts.ts = ts
                facts.tsIsCanonical = Timestamp.hasCanonicalShape(text)
            } else {
                facts.ts = try RecordEmitter.fields(document, type).timestamp("ts")
                facts.tsIsCanonical = false
            }
        }
        if let idIndex {
            guard document[idIndex].kind == .string, document[idIndex].end > document[idIndex].start else {
                throw RecordError(RecordEmitter.fields(document, type).recordType, field: "id", "expected a non-empty string")
            }
            facts.hasID = true
        }
        return facts
    }

    /// Field access named after the record's type, for messages.
    private static func fields(_ document: JSONDocument, _ type: RecordType?) -> RecordFields {
        if let type { return RecordFields(document, type: type.rawValue) }
        let name = document.member("type").flatMap { document.string($0) } ?? "record"
        return RecordFields(document, type: name)
    }

    /// Control records of the feedback ring carry no id.
    static func needsID(_ type: RecordType?) -> Bool { type != .barrier && type != .ack }

    public mutating func emit(_ document: JSONDocument, facts: Facts, to output: OutputBuffer) {
        let addID = !facts.hasID && RecordEmitter.needsID(facts.type)
        if facts.tsIsCanonical && !addID {
            output.append(UnsafeBufferPointer(rebasing: document.bytes[Int(document[0].start)..<Int(document[0].end)]))
            output.append(UInt8(ascii: "\n"))
            return
        }
        var writer = JSONObjectWriter(output)
        document.forEachMember { key, value in
            if !facts.tsIsCanonical, let ts = facts.ts, document.stringEquals(key, "ts") {
                writer.timestamp("ts", ts)
            } else {
                writer.member(from: document, key: key, value: value)
            }
        }
        if addID {
            writer.key("id")
            ids.appendNext(to: output)
        }
        writer.close()
        output.append(UInt8(ascii: "\n"))
    }
}
