import Foundation
import SluiceTestSupport
import Testing

/// Rule 6, bad input is data: a corpus of lines that are not JSON objects, through every stage.
/// Each becomes one `error` record naming its line; the good records between them pass unharmed;
/// nothing crashes.
@Suite("a corpus of bad lines through every stage")
struct BadInputCorpusTests {
    static let bar = Array(#"{"type":"bar","ts":"2024-03-01T14:30:00Z","symbol":"SPY","open":512.1,"high":512.5,"low":511.9,"close":512.3,"volume":1000,"interval":60}"#.utf8)
    static let signal = Array(#"{"type":"signal","id":"s1","ts":"2024-03-01T14:31:00Z","symbol":"SPY","side":"long","confidence":0.8,"price":512.3,"strategy":"x"}"#.utf8)

    /// Lines no JSON parser may accept as an object, each for its own reason.
    static var badLines: [[UInt8]] {
        var lines: [[UInt8]] = []
        // Cut short at every byte.
        for record in [bar, signal] {
            for length in 1..<record.count { lines.append(Array(record[..<length])) }
        }
        func note(_ value: String) -> [UInt8] { Array(#"{"type":"note","x":\#(value)}"#.utf8) }
        // Numbers and literals JSON does not have.
        for value in ["NaN", "-NaN", "Infinity", "-Infinity", "+1", "01", "-01", "1.", ".5", "1e", "1e+", "--1", "0x10", "1_000",
                      "tru", "nul", "True", "NULL", "undefined", "'x'", "1,", "[1,]", "{\"a\":1,}", "[1 2]"] {
            lines.append(note(value))
        }
        // Invalid UTF-8: stray continuations, overlong forms, surrogates, cut sequences, bytes never used.
        for bytes: [UInt8] in [[0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
                               [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98]] {
            lines.append(Array(#"{"type":"note","x":""#.utf8) + bytes + Array(#""}"#.utf8))
        }
        // Bad escapes and raw control characters in strings.
        for escape in [#"\x41"#, #"\u12"#, #"\u12G4"#, #"\uD800"#, #"\uDC00"#, #"\uD800\u0041"#, #"\"#, #"\a"#, #"\U0041"#, #"\0"#] {
            lines.append(note("\"" + escape + "\""))
        }
        for control: UInt8 in [0x00, 0x01, 0x09, 0x0B, 0x1F] {
            lines.append(Array(#"{"type":"note","x":"a"#.utf8) + [control] + Array(#"b"}"#.utf8))
        }
        // Nesting past the cap of 64 levels.
        for depth in [65, 100, 1_000, 10_000] {
            lines.append(Array(#"{"type":"note","x":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: depth)
                         + Array(repeating: UInt8(ascii: "]"), count: depth) + [UInt8(ascii: "}")])
            lines.append(Array(String(repeating: #"{"a":"#, count: depth).utf8) + [UInt8(ascii: "1")] + Array(repeating: UInt8(ascii: "}"), count: depth))
        }
        // A byte-order mark is not JSON inside a stream.
        for record in [bar, signal, note("1")] { lines.append([0xEF, 0xBB, 0xBF] + record) }
        // Duplicate keys, at the top and inside.
        for text in [#"{"type":"note","type":"note"}"#, #"{"type":"note","a":1,"b":2,"a":3}"#, #"{"type":"note","x":{"k":1,"k":1}}"#,
                     #"{"type":"bar","ts":"2024-03-01T14:30:00Z","ts":"2024-03-01T14:31:00Z"}"#, #"{"a":1,"\u0061":2}"#] {
            lines.append(Array(text.utf8))
        }
        // JSON, but not an object; objects with something after them; broken structure.
        for text in ["[1,2]", #""type""#, "42", "null", "true", "[]", #"{"type":"note"} x"#, #"{"type":"note"}{"type":"note"}"#,
                     #"{"type":"note"},"#, "{", "}", #"{"type" "note"}"#, #"{"type":"note" "x":1}"#, #"{type:"note"}"#, #"{'type':'note'}"#,
                     #"{"type":"note",}"#, #"{,"type":"note"}"#, #"{"type":"note":1}"#, #"{"type":}"#, #"{"":}"#, "\u{0C}{}", "nul\u{0}l"] {
            lines.append(Array(text.utf8))
        }
        return lines
    }

    /// Good records between the bad ones: an unknown type that every stage passes on as it is,
    /// with CRLF ends, huge and tiny numbers and a 1 MiB string among them.
    static func goodLine(_ n: Int) -> [UInt8] {
        switch n % 4 {
        case 0: Array(#"{"type":"note","n":\#(n)}"#.utf8) + [0x0D]
        case 1: Array(#"{"type":"note","n":\#(n),"huge":1e308,"tiny":-4.9e-324,"big":123456789012345678901234567890}"#.utf8)
        case 2: Array(#"{"type":"note","n":\#(n),"text":"caf\u00e9 \ud83d\ude00 ü"}"#.utf8)
        default: Array(#"{"type":"note","n":\#(n),"nested":{"a":[1,{"b":[true,false,null]}]}}"#.utf8)
        }
    }

    @Test(arguments: ["sigsrc", "gate", "sizer", "reconcile", "exec", "journal"])
    func eachBadLineBecomesOneErrorRecordAndTheRestPasses(_ stage: String) throws {
        let bad = Self.badLines
        #expect(bad.count >= 200)
        var input: [UInt8] = [], badLineNumbers: [Int] = [], goodCount = 0
        let megabyte = Array(#"{"type":"note","n":-1,"big":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 1 << 20) + Array(#""}"#.utf8)
        for (index, line) in bad.enumerated() {
            input += Self.goodLine(index) + [0x0A]
            goodCount += 1
            input += line + [0x0A]
            badLineNumbers.append(2 * index + 2)
        }
        input += megabyte + [0x0A]
        let scratch = try ScratchDirectory()
        let file = scratch.url.appendingPathComponent("corpus.ndjson")
        try Data(input).write(to: file)
        let result = try ProgramRunner.run(stage, [file.path])
        #expect(result.status == 0, "\(stage) exited \(result.status): \(result.stderr.prefix(300))")
        var errorLines: [Int] = [], notes: [Int] = []
        for line in result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(stage) wrote a line that is not an object")
            switch record["type"] as? String {
            case "error":
                #expect(record["stage"] as? String == stage && record["reason"] is String && record["raw"] is String)
                errorLines.append(record["line"] as? Int ?? 0)
            case "note":
                notes.append(record["n"] as? Int ?? Int.min)
            default: break
            }
        }
        #expect(errorLines == badLineNumbers, "\(stage): error records for lines \(errorLines.prefix(10))…")
        #expect(notes == Array(0..<goodCount) + [-1], "\(stage): the good records did not all pass, in order")
        #expect(result.stderr.split(separator: "\n").count == bad.count, "\(stage): one line on stderr per bad line")
        // Every stage but sigsrc (which gives records ids) passes a good record byte for byte.
        if stage != "sigsrc" {
            let output = Array(result.stdout.utf8)
            #expect(output.count > 1 << 20 && output.suffix(megabyte.count + 1) == ArraySlice(megabyte + [0x0A]))
            #expect(result.stdout.contains(String(decoding: Self.goodLine(1), as: UTF8.self) + "\n"))
        }
    }
}
