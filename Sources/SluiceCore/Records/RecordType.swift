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

    /// The type named by the string at `index`: by its length, then its bytes (every line is
    /// asked its type); an escaped name is decoded and compared with each.
    public init?(typeNode index: Int, in document: JSONDocument) {
        let node = document[index]
        guard node.kind == .string else { return nil }
        guard !node.hasEscapes else {
            guard let type = RecordType.names.first(where: { document.stringEquals(index, $0.0) })?.1 else { return nil }
            self = type
            return
        }
        let text = document.text(index)
        func named(_ type: RecordType) -> Bool { type.name.matches(text) }
        let found: RecordType?
        switch text.count {
        case 3: found = named(.bar) ? .bar : named(.ack) ? .ack : nil
        case 4: found = named(.tick) ? .tick : named(.fill) ? .fill : named(.halt) ? .halt : nil
        case 5: found = named(.order) ? .order : named(.error) ? .error : nil
        case 6: found = named(.signal) ? .signal : named(.reject) ? .reject : named(.resume) ? .resume : nil
        case 7: found = named(.account) ? .account : named(.barrier) ? .barrier : nil
        case 10: found = named(.instrument) ? .instrument : named(.correction) ? .correction : nil
        case 12: found = named(.orderStatus) ? .orderStatus : nil
        default: found = nil
        }
        guard let found else { return nil }
        self = found
    }

    /// The type's name as it stands in a record.
    var name: JSONKey {
        switch self {
        case .bar: "bar"
        case .tick: "tick"
        case .signal: "signal"
        case .order: "order"
        case .orderStatus: "order_status"
        case .fill: "fill"
        case .account: "account"
        case .instrument: "instrument"
        case .reject: "reject"
        case .correction: "correction"
        case .error: "error"
        case .halt: "halt"
        case .resume: "resume"
        case .barrier: "barrier"
        case .ack: "ack"
        }
    }
}
