import Testing
@testable import SluiceCore

@Suite("Record emitter")
struct RecordEmitterTests {
    func emitted(_ line: String, prefix: String = "s-") throws -> String {
        let document = try parseJSON(line).get()
        let facts = try RecordEmitter.inspect(document)
        var emitter = RecordEmitter(idPrefix: prefix)
        let output = OutputBuffer(destination: .standardOutput)
        emitter.emit(document, facts: facts, to: output)
        return output.contents
    }

    func refusal(_ line: String) -> String? {
        do {
            _ = try RecordEmitter.inspect(try parseJSON(line).get())
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func canonicalRecordsAreCopiedByteForByte() throws {
        let line = #"{"type":"x",  "id":"a" ,"ts":"2024-03-01T14:30:00.250Z","n":1.50}"#
        #expect(try emitted(line) == line + "\n")
        #expect(try emitted(#"{"type":"instrument","id":"i"}"#) == #"{"type":"instrument","id":"i"}"# + "\n")
    }

    @Test func timesAreRewrittenAndIdsAdded() throws {
        #expect(try emitted(#"{"type":"x","ts":1709303400250,"keep":[1,{"a":null}]}"#, prefix: "q\"") ==
                #"{"type":"x","ts":"2024-03-01T14:30:00.250Z","keep":[1,{"a":null}],"id":"q\"1"}"# + "\n")
        #expect(try emitted(#"{"id":"k","type":"x","ts":"2024-03-01T15:30:00.25+01:00"}"#) ==
                #"{"id":"k","type":"x","ts":"2024-03-01T14:30:00.250Z"}"# + "\n")
    }

    @Test func controlRecordsGetNoId() throws {
        #expect(try emitted(#"{"type":"barrier","seq":3}"#) == #"{"type":"barrier","seq":3}"# + "\n")
    }

    @Test func escapedKeysAreRecognised() throws {
        let document = try parseJSON(#"{"t\u0079pe":"bar","\u0074s":0,"i\u0064":"x"}"#).get()
        let facts = try RecordEmitter.inspect(document)
        #expect(facts.type == .bar)
        #expect(facts.ts?.milliseconds == 0)
        #expect(facts.hasID)
    }

    @Test("bad records", arguments: [
        (#"{"id":"a"}"#, "record: field 'type': missing"),
        (#"{"type":""}"#, "record: field 'type': expected a non-empty string"),
        (#"{"type":3}"#, "record: field 'type': expected a non-empty string"),
        (#"{"type":"x","id":7}"#, "x: field 'id': expected a non-empty string"),
        (#"{"type":"fill","id":""}"#, "fill: field 'id': expected a non-empty string"),
        (#"{"type":"x","ts":"2024-13-01T00:00:00Z"}"#, "x: field 'ts': month 13 out of range"),
        (#"{"type":"x","ts":true}"#, "x: field 'ts': expected an RFC 3339 time or epoch milliseconds, got true"),
    ])
    func badRecords(_ line: String, _ message: String) {
        #expect(refusal(line) == message)
    }
}
