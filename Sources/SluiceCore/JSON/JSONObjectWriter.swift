/// Writes one compact JSON object into an output buffer, field by field, in the order given.
/// Keys are literals of our own and are written as they are.
public struct JSONObjectWriter {
    public let output: OutputBuffer
    private var isFirst = true

    public init(_ output: OutputBuffer) {
        self.output = output
        output.append(UInt8(ascii: "{"))
    }

    /// Starts a member; the value is appended by the caller.
    @inline(__always)
    public mutating func key(_ name: StaticString) {
        output.appendKey(name, first: isFirst)
        isFirst = false
    }

    /// Starts a member whose key is not a literal (escaped as needed).
    public mutating func key(named name: String) {
        if !isFirst { output.append(UInt8(ascii: ",")) }
        isFirst = false
        output.appendJSONString(name)
        output.append(UInt8(ascii: ":"))
    }

    public mutating func string(_ name: StaticString, _ value: String) {
        key(name)
        output.appendJSONString(value)
    }

    /// A value that is one of our own words (an enum's raw value): nothing in it needs escaping.
    @inline(__always)
    public mutating func word<Word: RawRepresentable>(_ name: StaticString, _ value: Word) where Word.RawValue == String {
        key(name)
        output.append(word: value.rawValue)
    }

    /// The same for a word whose text is static: no String is made to write it.
    @inline(__always)
    public mutating func word<Word: RawRepresentable & JSONWord>(_ name: StaticString, _ value: Word) where Word.RawValue == String {
        word(name, value.jsonText)
    }

    /// A word of our own held in a String (a stage's name, a rule's): nothing in it needs escaping.
    @inline(__always)
    public mutating func word(_ name: StaticString, text value: String) {
        key(name)
        output.append(word: value)
    }

    /// A literal word of our own (`"type":"order"`).
    @inline(__always)
    public mutating func word(_ name: StaticString, _ value: StaticString) {
        key(name)
        output.append(UInt8(ascii: "\""))
        output.append(value)
        output.append(UInt8(ascii: "\""))
    }

    public mutating func string(_ name: StaticString, bytes value: UnsafeBufferPointer<UInt8>) {
        key(name)
        output.appendJSONString(value)
    }

    /// A value that is already JSON text (a number's text, a copied value).
    public mutating func raw(_ name: StaticString, _ value: UnsafeBufferPointer<UInt8>) {
        key(name)
        output.append(value)
    }

    public mutating func integer(_ name: StaticString, _ value: Int64) {
        key(name)
        output.append(integer: value)
    }

    public mutating func bool(_ name: StaticString, _ value: Bool) {
        key(name)
        output.append(value ? "true" : "false")
    }

    /// Copies a member (key and value) verbatim from a parsed document.
    public mutating func member(from document: JSONDocument, key: Int, value: Int) {
        if !isFirst { output.append(UInt8(ascii: ",")) }
        isFirst = false
        let range = document.memberRange(key: key, value: value)
        output.append(UnsafeBufferPointer(rebasing: document.bytes[range]))
    }

    /// A member whose value is a list of objects, each written by `body`.
    public mutating func objects<S: Sequence>(_ name: StaticString, _ items: S, _ body: (inout JSONObjectWriter, S.Element) -> Void) {
        key(name)
        output.append(UInt8(ascii: "["))
        for (n, item) in items.enumerated() {
            if n > 0 { output.append(UInt8(ascii: ",")) }
            var entry = JSONObjectWriter(output)
            body(&entry, item)
            entry.close()
        }
        output.append(UInt8(ascii: "]"))
    }

    /// A member whose value is an object written by `body`.
    public mutating func object(_ name: StaticString, _ body: (inout JSONObjectWriter) -> Void) {
        key(name)
        var entry = JSONObjectWriter(output)
        body(&entry)
        entry.close()
    }

    public func close() { output.append(UInt8(ascii: "}")) }
}
