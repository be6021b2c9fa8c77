import Testing
@testable import SluiceCore

/// Root lookups go through a hash table of the keys; nested objects, escaped keys and very wide
/// records are searched linearly. Both must find exactly what a linear search finds.
@Suite("JSON scanner: finding members")
struct JSONDocumentMemberTableTests {
    /// The value text of every key, found by `member`.
    func values(_ json: String, _ keys: [StaticString]) throws -> [String?] {
        let document = try parseJSON(json).get()
        return keys.map { key in document.member(JSONKey(stringLiteral: key)).map { String(decoding: document.rawValue($0), as: UTF8.self) } }
    }

    @Test func everyKeyOfASignalIsFoundAndNoOther() throws {
        let json = #"{"type":"signal","id":"a","ts":"2024-03-01T00:00:00Z","symbol":"SPY","side":"long","confidence":0.5,"price":1,"strategy":"s","regime":"trending","spoof":0.1,"risk_penalty":0.2,"atr":3,"stop":0.9,"target":1.2,"expires":5,"force":true}"#
        #expect(try values(json, ["type", "id", "ts", "symbol", "side", "confidence", "price", "strategy", "regime", "spoof", "risk_penalty", "atr", "stop", "target", "expires", "force"])
            == [#""signal""#, #""a""#, #""2024-03-01T00:00:00Z""#, #""SPY""#, #""long""#, "0.5", "1", #""s""#, #""trending""#, "0.1", "0.2", "3", "0.9", "1.2", "5", "true"])
        #expect(try values(json, ["", "t", "typ", "types", "symbols", "Symbol", "risk-penalty", "sid"]) == [nil, nil, nil, nil, nil, nil, nil, nil])
    }

    @Test func keysThatShareLengthAndEndsAreToldApart() throws {
        #expect(try values(#"{"abca":1,"acba":2,"aa":3,"a":4,"":5}"#, ["abca", "acba", "aa", "a", "", "abba"]) == ["1", "2", "3", "4", "5", nil])
    }

    @Test func aWideRecordIsSearchedLinearly() throws {
        let members = (0..<100).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        #expect(try values("{\(members)}", ["k0", "k57", "k99", "k100"]) == ["0", "57", "99", nil])
    }

    @Test func anEscapedKeyAmongPlainOnesIsFound() throws {
        #expect(try values(#"{"id":"x","t\u0073":1,"type":"fill"}"#, ["ts", "id", "type"]) == ["1", #""x""#, #""fill""#])
    }

    @Test func theTableFollowsEachNewLine() throws {
        let document = JSONDocument()
        for (line, expected) in [(#"{"a":1,"b":2}"#, "2"), (#"{"b":3}"#, "3"), (#"{"c":4}"#, nil)] {
            var bytes = Array(line.utf8)
            let found = try bytes.withUnsafeMutableBufferPointer { buffer in
                try document.parseObject(UnsafeBufferPointer(buffer))
                return document.member("b").map { String(decoding: document.text($0), as: UTF8.self) }
            }
            #expect(found == expected)
        }
    }

    /// The first four members are searched before the table is built; lookups after it must agree.
    @Test func theFirstMembersAndTheRestAgree() throws {
        let json = #"{"type":"bar","ts":5,"symbol":"X","type2":1,"open":2,"high":3}"#
        #expect(try values(json, ["ts", "type", "symbol", "type2", "t", "high", "open"]) == ["5", #""bar""#, #""X""#, "1", nil, "3", "2"])
        #expect(try values(json, ["high", "ts", "type", "open"]) == ["3", "5", #""bar""#, "2"])
        #expect(try values(json, ["type2", "open"]) == ["1", "2"])
        #expect(try values(#"{"a":1}"#, ["b", "a"]) == [nil, "1"])
        #expect(try values(#"{}"#, ["a"]) == [nil])
        #expect(try values(#"{"type":"x","t\u0073":2}"#, ["ts", "type"]) == ["2", #""x""#])
    }

    @Test func nestedObjectsAreNotConfusedWithTheRoot() throws {
        let document = try parseJSON(#"{"a":{"b":1},"b":2}"#).get()
        let inner = try #require(document.member("a"))
        #expect(document.member("b", of: inner).map { String(decoding: document.text($0), as: UTF8.self) } == "1")
        #expect(document.member("b").map { String(decoding: document.text($0), as: UTF8.self) } == "2")
    }
}

/// A record read in one pass over its members matches each key by the signature the parser kept
/// for it (length and first six bytes) and then by the rest of its bytes.
@Suite("JSON scanner: reading a record's members by signature")
struct MemberSignatureTests {
    func signal(_ json: String) throws -> Signal.Members {
        Signal.Members(try parseJSON(json).get())
    }

    @Test func keysSharingTheirFirstSixBytesAreToldApart() throws {
        let members = try signal(#"{"confidencx":1,"confidence":2,"confidence_":3,"risk_penalt":4,"risk_penalty":5,"symbolic":6}"#)
        #expect(members.confidence == 4)
        #expect(members.riskPenalty == 10)
        #expect(members.symbol == 0)
    }

    @Test func shortKeysMatchOnlyThemselves() throws {
        let members = try signal(#"{"i":1,"id":2,"idd":3,"ts ":4,"ts":5,"atr":6,"at":7}"#)
        #expect((members.id, members.ts, members.atr) == (4, 10, 12))
    }

    @Test func keysNearTheEndOfTheLineAreRead() throws {
        #expect(try signal(#"{"ts":1}"#).ts == 2)
        #expect(try signal(#"{"x":0,"force":true}"#).force == 4)
    }

    @Test func theSignatureIsTheParsersForEveryKey() throws {
        let document = try parseJSON(#"{"type":"fill","confidence":1,"a":{"ts":2},"":3}"#).get()
        for (index, key) in [(1, "type" as JSONKey), (3, "confidence"), (5, "a"), (7, "ts"), (9, "")] {
            #expect(UInt64(bitPattern: document[index].payload) == key.signature, "\(key.name)")
        }
    }
}
