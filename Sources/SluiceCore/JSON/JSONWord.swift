/// One of our own words whose text is known at compile time (an enum's raw value, as static
/// text), so that writing it makes no String: the words of an order are written for every signal.
public protocol JSONWord {
    var jsonText: StaticString { get }
}

extension OrderSide: JSONWord {
    public var jsonText: StaticString {
        switch self {
        case .buy: "buy"
        case .sell: "sell"
        }
    }
}

extension Order.Kind: JSONWord {
    public var jsonText: StaticString {
        switch self {
        case .market: "market"
        case .limit: "limit"
        }
    }
}

extension Order.Intent: JSONWord {
    public var jsonText: StaticString {
        switch self {
        case .open: "open"
        case .close: "close"
        case .reduce: "reduce"
        }
    }
}
