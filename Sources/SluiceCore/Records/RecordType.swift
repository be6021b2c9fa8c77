/// The record types of protocol version 1. Anything else is passed through untouched.
public enum RecordType: String, Sendable, CaseIterable {
    case bar, tick, signal, order, orderStatus = "order_status", fill, account, instrument
    case reject, correction, error, halt, resume, barrier, ack

    /// The type of a parsed record, nil when it is one we do not know.
    public init?(of document: JSONDocument) {
        guard let index = document.member("type") else { return nil }
        let text = document.text(index)
        guard document[index].kind == .string, let known = RecordType(rawValue: String(decoding: text, as: UTF8.self)) else {
            return nil
        }
        self = known
    }
}
