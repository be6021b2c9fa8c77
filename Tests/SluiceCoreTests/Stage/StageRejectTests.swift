import Glibc
import Testing
@testable import SluiceCore

@Suite("Stage rejects")
struct StageRejectTests {
    /// `reconcile` writes the reject of an order it read flat from the line and the order's id,
    /// without parsing it: the reject must be the one the parsed document gives, byte for byte.
    @Test(arguments: ["o-7", "ordre-été-42", "x"])
    func aRejectFromTheLineIsTheOneFromItsDocument(id: String) throws {
        let line = Array("{\"type\":\"order\",\"id\":\"\(id)\",\"signal_id\":\"s7\",\"ts\":\"2024-03-01T14:31:00Z\",\"symbol\":\"SQQQ\",\"side\":\"sell\",\"qty\":300}".utf8)
        let refusal = Refusal("phantom_sell", reason: "sell 300 SQQQ to close: no \"SQQQ\" long held")
        let ts = Timestamp(milliseconds: 1_709_303_460_000)
        let fromDocument = Stage(name: "reconcile")
        let document = JSONDocument()
        try line.withUnsafeBufferPointer { try document.parseObject($0) }
        fromDocument.writeReject(refusal, of: document, at: ts, parentKey: "order_id")
        let fromLine = Stage(name: "reconcile")
        var text = id
        line.withUnsafeBufferPointer { subject in
            text.withUTF8 { fromLine.writeReject(refusal, subject: subject, idText: $0, at: ts, parentKey: "order_id") }
        }
        let written = fromLine.output.takeBytes()
        #expect(written == fromDocument.output.takeBytes())
        #expect(String(decoding: written, as: UTF8.self).hasPrefix("{\"type\":\"reject\",\"id\":\"reconcile-reject-\(id)\",\"order_id\":\"\(id)\",\"ts\":\"2024-03-01T14:31:00.000Z\""))
    }
}
