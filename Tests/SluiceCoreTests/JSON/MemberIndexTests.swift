import Testing
@testable import SluiceCore

/// A record's members are placed by a perfect hash of their signatures: each key of an index
/// must land on its own field, and any other key on none.
@Suite("JSON scanner: member index")
struct MemberIndexTests {
    /// The field `index` finds for `name`, read as a key by the parser (which makes its signature).
    func field(_ index: MemberIndex, _ name: String) throws -> Int {
        let document = try parseJSON("{\"\(name)\":0}").get()
        let key = document[1]
        return index.field(signature: UInt64(bitPattern: key.payload), text: document.bytes.baseAddress! + Int(key.start),
                           count: Int(key.end - key.start))
    }

    @Test(arguments: [Signal.Members.index, Order.Members.index, Fill.Members.index, Bar.Members.index])
    func everyKeyLandsOnItsOwnField(_ index: MemberIndex) throws {
        #expect(try index.keys.indices.map { try field(index, index.keys[$0].name) } == Array(index.keys.indices))
    }

    @Test func otherKeysLandOnNoField() throws {
        let index = Signal.Members.index
        for name in ["", "type", "i", "idd", "symbols", "Symbol", "confidencx", "confidence_", "risk_penalt", "risk-penalty", "risk_penaltz"] {
            #expect(try field(index, name) == -1, "\(name)")
        }
    }

    @Test func aNullOrMissingFieldIsZeroAndAnEscapedKeyIsStillFound() throws {
        let members = Signal.Members(try parseJSON(#"{"type":"signal","id":null,"s\u0079mbol":"SPY","side":"long"}"#).get())
        #expect((members.id, members.symbol, members.side, members.confidence) == (0, 6, 8, 0))
        let plain = Order.Members(try parseJSON(#"{"qty":1,"leverage":null,"time_exit":2}"#).get().rootMembers(Order.Members.index))
        #expect((plain.qty, plain.leverage, plain.timeExit) == (2, 0, 6))
    }
}
