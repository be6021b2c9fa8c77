import Testing
@testable import SluiceCore

/// Parses `text` and returns the document, or the error.
func parseJSON(_ text: String) -> Result<JSONDocument, JSONError> {
    let document = JSONDocument()
    let bytes = Array(text.utf8)
    // The document points into the bytes, so keep them alive by copying into a stable buffer.
    let stable = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    _ = stable.initialize(from: bytes)
    do throws(JSONError) {
        try document.parse(UnsafeBufferPointer(start: stable.baseAddress, count: bytes.count))
        return .success(document)
    } catch {
        return .failure(error)
    }
}

func parseJSONBytes(_ bytes: [UInt8]) -> JSONError? {
    let document = JSONDocument()
    return bytes.withUnsafeBufferPointer { buffer in
        do throws(JSONError) { try document.parse(buffer); return nil } catch { return error }
    }
}

@Suite("JSON scanner: valid documents")
struct JSONValidTests {
    @Test("every kind of value parses and keeps its text", arguments: [
        "{}", "[]", "0", "-0", "1.5", "-12.25e+3", "1E-7", "true", "false", "null", "\"\"",
        "{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}", " \t{\"a\" : 1 } ", "[[[[]]]]", "\"\\u00e9\\n\"",
    ])
    func valid(_ text: String) throws {
        #expect(throws: Never.self) { try parseJSON(text).get() }
    }

    @Test("the scanner keeps a short number's value", arguments: [
        ("1.50", 150, 2), ("-0", 0, 0), ("0", 0, 0), ("-12.25", -1225, 2), ("0.000001", 1, 6),
        ("1709303400314", 1_709_303_400_314, 0), ("999999999999999999", 999_999_999_999_999_999, 0),
        ("-99999999.9999999999", -999_999_999_999_999_999, 10),
    ])
    func shortNumbers(_ text: String, coefficient: Int64, scale: Int) throws {
        let document = try parseJSON(text).get()
        let short = try #require(document.shortNumber(0))
        #expect(short.coefficient == coefficient && short.scale == scale)
    }

    @Test("numbers with an exponent or past eighteen digits keep no short value", arguments: [
        "1e5", "1.5E-3", "-2e0", "1000000000000000000", "0.0000000000000000001", "12345678901234567.89",
    ])
    func longNumbers(_ text: String) throws {
        let document = try parseJSON(text).get()
        #expect(document.shortNumber(0) == nil)
        #expect(try parseJSON("\"\(text)\"").get().shortNumber(0) == nil)
    }

    @Test func numbersReadAsTheirTextParses() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let whole = String(UInt64.random(in: 0...UInt64.max, using: &random) >> UInt64.random(in: 0...63, using: &random))
            let fraction = (0..<Int.random(in: 0...12, using: &random)).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
            let sign = Bool.random(using: &random) ? "-" : ""
            let text = sign + whole + (fraction.isEmpty ? "" : "." + fraction)
            let document = try parseJSON("{\"x\":\(text)}").get()
            let read = try RecordFields(document, type: "test").decimal("x")
            let parsed = try #require(Decimal(text))
            #expect(read.coefficient == parsed.coefficient && read.scale == parsed.scale, "\(text)")
        }
    }

    @Test func numbersKeepTheirText() throws {
        let document = try parseJSON(#"{"price":0.011000, "qty":1e-8, "big":123456789012345678901234567890}"#).get()
        #expect(String(decoding: document.text(document.member("price")!), as: UTF8.self) == "0.011000")
        #expect(String(decoding: document.text(document.member("qty")!), as: UTF8.self) == "1e-8")
        #expect(String(decoding: document.text(document.member("big")!), as: UTF8.self) == "123456789012345678901234567890")
    }

    @Test func objectsKeepKeyOrderAndUnknownFields() throws {
        let document = try parseJSON(#"{"z":1,"type":"bar","a":{"x":[1]},"m":true}"#).get()
        var keys: [String] = []
        document.forEachMember { key, _ in keys.append(document.string(key)!) }
        #expect(keys == ["z", "type", "a", "m"])
        #expect(document.stringEquals(document.member("type")!, "bar"))
        #expect(document[document.member("a")!].kind == .object)
        #expect(document.member("missing") == nil)
        #expect(String(decoding: document.rawValue(document.member("a")!), as: UTF8.self) == #"{"x":[1]}"#)
    }

    @Test func escapesAreDecoded() throws {
        let document = try parseJSON(#"{"s":"a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u20ac\ud83d\ude00"}"#).get()
        #expect(document.string(document.member("s")!) == "a\"b\\c/d\u{8}\u{C}\n\r\tAé€😀")
    }

    @Test func escapedKeysAreFound() throws {
        let document = try parseJSON(#"{"t\u0079pe":"x"}"#).get()
        #expect(document.member("type") != nil)
    }

    @Test func rawUTF8IsAccepted() throws {
        let document = try parseJSON("{\"name\":\"Zürich €😀\"}").get()
        #expect(document.string(document.member("name")!) == "Zürich €😀")
    }

    /// Up to fifteen bytes a String is built in place; past that, and for any text that is not
    /// ASCII, through the standard library's decoder. Each must give back the same text.
    @Test("short and long strings read back as they were", arguments: [
        "", "a", "o-z1", "fifteen-bytes-x", "sixteen-bytes-xy", "é", "Zürich", "ab€", "😀😀😀", "fourteen-byte€",
        String(repeating: "long id ", count: 20),
    ])
    func stringsOfEveryLengthReadBack(_ text: String) throws {
        let document = try parseJSON("{\"s\":\"\(text)\"}").get()
        let read = try #require(document.string(document.member("s")!))
        #expect(read == text)
        #expect(Array(read.utf8) == Array(text.utf8))
    }

    @Test func nestingUpToTheCapIsAccepted() {
        let depth = JSONDocument.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try parseJSON(text).get() }
    }

    @Test func manyDistinctKeysAreNotDuplicates() {
        let members = (0..<200).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        #expect(throws: Never.self) { try parseJSON("{\(members)}").get() }
    }

    /// Each object keeps its own keys: a child may reuse its parent's, or a sibling's.
    @Test func keysRepeatedInOtherObjectsAreNotDuplicates() {
        #expect(throws: Never.self) { try parseJSON(#"{"b":{"b":1,"a":{"b":2}},"a":[{"a":1},{"a":2}],"c":{}}"#).get() }
        for width in 2...20 {
            let members = (0..<width).map { "\"k\($0)\":{\"k\($0)\":0}" }.joined(separator: ",")
            #expect(throws: Never.self) { try parseJSON("{\(members)}").get() }
        }
    }

    @Test func arraysListTheirElements() throws {
        let document = try parseJSON(#"[1,[2,3],{"a":4},"x"]"#).get()
        let elements = document.elements(of: 0)
        #expect(elements.count == 4)
        #expect(document[elements[1]].kind == .array)
        #expect(document[elements[3]].kind == .string)
    }
}

@Suite("JSON scanner: invalid documents")
struct JSONInvalidTests {
    @Test("each is refused with a message and a byte offset", arguments: [
        ("", "expected a value", 0),
        ("{", "unexpected end of line, expected a string key or '}'", 1),
        ("{\"a\":1,", "unexpected end of line, expected a string key", 7),
        ("{\"a\"", "unexpected end of line, expected ':'", 4),
        ("{\"a\":1,}", "expected a string key", 7),
        ("{\"a\" 1}", "expected ':'", 5),
        ("{\"a\":1 \"b\":2}", "expected ',' or '}'", 7),
        ("[1,2", "unexpected end of line, expected ',' or ']'", 4),
        ("[1 2]", "expected ',' or ']'", 3),
        ("{\"a\":NaN}", "NaN is not a JSON number", 5),
        ("{\"a\":Infinity}", "Infinity is not a JSON number", 5),
        ("{\"a\":-Infinity}", "Infinity is not a JSON number", 5),
        ("{\"a\":01}", "leading zero in number", 5),
        ("{\"a\":1.}", "expected a digit after '.'", 7),
        ("{\"a\":1e}", "expected a digit in exponent", 7),
        ("{\"a\":1e+}", "expected a digit in exponent", 8),
        ("{\"a\":-}", "expected a digit", 6),
        ("{\"a\":-01}", "leading zero in number", 5),
        ("{\"a\":0.}", "expected a digit after '.'", 7),
        ("{\"a\":+1}", "expected a value", 5),
        ("{\"a\":.5}", "expected a value", 5),
        ("{\"a\":tru}", "expected a value", 5),
        ("{\"a\":1} x", "unexpected text after the JSON value", 8),
        ("{\"a\":1}{}", "unexpected text after the JSON value", 7),
        ("{\"a\":\"x}", "unterminated string", 5),
        ("{\"a\":\"\\x\"}", "invalid escape '\\x'", 6),
        ("{\"a\":\"\\u12G4\"}", "invalid hex digit in \\u escape", 10),
        ("{\"a\":\"\\ud800\"}", "lone high surrogate \\uD800", 6),
        ("{\"a\":\"\\udc00\"}", "lone low surrogate \\uDC00", 6),
        ("{\"a\":\"\\ud800\\u0041\"}", "lone high surrogate \\uD800", 6),
        ("{\"a\":1,\"a\":2}", "duplicate key \"a\"", 7),
        ("{\"type\":1,\"t\\u0079pe\":2}", "duplicate key \"type\"", 10),
        (#"{"a":{"b":1,"b":2}}"#, "duplicate key \"b\"", 12),
        (#"{"a":[{"b":1},{"c":1,"d":2,"c":3}]}"#, "duplicate key \"c\"", 27),
        ("{'a':1}", "expected a string key or '}'", 1),
    ])
    func invalid(_ text: String, _ message: String, _ offset: Int) {
        switch parseJSON(text) {
        case .success: Issue.record("accepted \(text)")
        case let .failure(error):
            #expect(error.message == message)
            #expect(error.offset == offset)
        }
    }

    @Test func controlCharactersInStringsAreRefused() {
        #expect(parseJSONBytes(Array("{\"a\":\"x".utf8) + [0x01] + Array("\"}".utf8))?.message == "control character in string")
        #expect(parseJSONBytes(Array("{\"a\":\"x".utf8) + [0x09] + Array("\"}".utf8))?.message == "control character in string")
    }

    @Test("invalid UTF-8 is refused", arguments: [
        [0xFF], [0xC0, 0x80], [0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80],
        [0xF0, 0x9F, 0x98], [0xE2, 0x82],
    ] as [[UInt8]])
    func invalidUTF8(_ sequence: [UInt8]) {
        let line = Array("{\"a\":\"".utf8) + sequence + Array("\"}".utf8)
        #expect(parseJSONBytes(line)?.message == "invalid UTF-8")
    }

    @Test func nestingBeyondTheCapIsRefused() {
        let depth = JSONDocument.maximumDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        guard case let .failure(error) = parseJSON(text) else { Issue.record("accepted"); return }
        #expect(error.message == "nesting deeper than 64 levels")
        #expect(error.offset == 64)
    }

    @Test func duplicatesAmongManyKeysAreFound() {
        let members = (0..<100).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        guard case let .failure(error) = parseJSON("{\(members),\"k42\":0}") else { Issue.record("accepted"); return }
        #expect(error.message == "duplicate key \"k42\"")
    }

    @Test func aByteOrderMarkIsRefused() {
        #expect(parseJSONBytes([0xEF, 0xBB, 0xBF] + Array("{}".utf8))?.message == "expected a value")
    }

    @Test func theDescriptionCountsBytesFromOne() {
        #expect(JSONError("expected ',' or '}'", at: 36).description == "expected ',' or '}' at byte 37")
    }

    @Test func recordsMustBeObjects() {
        let document = JSONDocument()
        let bytes = Array("[1]".utf8)
        let error = bytes.withUnsafeBufferPointer { buffer -> JSONError? in
            do throws(JSONError) { try document.parseObject(buffer); return nil } catch { return error }
        }
        #expect(error?.message == "expected a JSON object")
    }
}
