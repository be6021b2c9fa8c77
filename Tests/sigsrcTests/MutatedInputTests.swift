import Foundation
import SluiceTestSupport
import Testing

/// A small deterministic generator, so a failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("sigsrc on mutated input")
struct MutatedInputTests {
    static let seeds = [
        #"{"type":"signal","id":"a1","ts":"2024-03-01T14:30:00.250Z","symbol":"BTC-USD","side":"long","confidence":0.7,"price":64000.5}"#,
        #"{"type":"bar","id":"b1","ts":1709303400000,"symbol":"SPY","open":510.1,"high":511,"low":509.9,"close":510.5,"volume":1200,"interval":60}"#,
        #"{"type":"account","ts":"2024-03-01T14:30:00Z","cash":"1000.50","equity":1500,"positions":[{"symbol":"QQQ","qty":-2,"avg_price":250.25}]}"#,
        #"{"type":"note","text":"caf\u00e9 \ud83d\ude00 \"quoted\"","nested":{"a":[1,2,{"b":null}],"c":true}}"#,
    ]

    /// Flips, inserts, deletes or duplicates bytes of a valid record.
    static func mutate(_ line: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = line
        let interesting: [UInt8] = Array("{}[]\":,\\-.0eE+ \ttfnu".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xF4, 0xFF, 0x0D]
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = Int.random(in: 0..<max(bytes.count, 1), using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[at] = interesting.randomElement(using: &rng)!
            case 1: bytes.insert(interesting.randomElement(using: &rng)!, at: min(at, bytes.count))
            case 2 where !bytes.isEmpty: bytes.remove(at: at)
            default: bytes.insert(contentsOf: bytes[at..<min(at + 8, bytes.count)], at: at)
            }
        }
        return bytes.filter { $0 != 0x0A }
    }

    @Test func everyLineIsAccountedForAndNothingCrashes() throws {
        var rng = SplitMix64(state: 20261121)
        var input = Data()
        var lines = 0
        for n in 0..<3000 {
            let seed = Array(Self.seeds[n % Self.seeds.count].utf8)
            let line = n % 5 == 0 ? seed : Self.mutate(seed, &rng)
            // A line of only spaces and tabs is blank and skipped; keep every line countable.
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            input.append(contentsOf: line)
            input.append(0x0A)
            lines += 1
        }
        let result = try ProgramRunner.run("sigsrc", [], stdin: input)
        #expect(result.status == 0)
        let output = result.stdoutLines
        // Nothing lost: one output line per input line, each a valid JSON object.
        #expect(output.count == lines)
        let records = try result.records()
        let errors = records.filter { $0["type"] as? String == "error" }
        #expect(errors.count > 1000)
        #expect(records.count - errors.count >= 600)
        #expect(errors.allSatisfy { ($0["reason"] as? String)?.isEmpty == false && $0["raw"] is String && $0["line"] is Int })
        // One stderr line per error record; the others report times that went backwards.
        let diagnostics = result.stderr.split(separator: "\n")
        #expect(diagnostics.filter { !$0.hasSuffix("kept in file order") }.count == errors.count)
    }
}
