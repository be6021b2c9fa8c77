/// The record types of protocol version 1. Anything else is passed through untouched.
public enum RecordType: String, Sendable, CaseIterable {
    case bar, tick, signal, order, orderStatus = "order_status", fill, account, instrument
    case reject, correction, error, halt, resume, barrier, ack

    private static let names: [(JSONKey, RecordType)] = [
        ("signal", .signal), ("bar", .bar), ("tick", .tick), ("order", .order), ("order_status", .orderStatus),
        ("fill", .fill), ("account", .account), ("instrument", .instrument), ("reject", .reject),
        ("correction", .correction), ("error", .error), ("halt", .halt), ("resume", .resume),
        ("barrier", .barrier), ("ack", .ack),
    ]

    /// The type of a parsed record, nil when it is one we do not know. Compared as bytes: no
    /// String is made per record.
    public init?(of document: JSONDocument) {
        guard let index = document.member("type") else { return nil }
        self.init(typeNode: index, in: document)
    }

    /// The type named by the string at `index`.
    public init?(typeNode index: Int, in document: JSONDocument) {
        for (name, type) in RecordType.names where document.stringEquals(index, name) {
            self = type
            return
        }
        return nil
    }
}
