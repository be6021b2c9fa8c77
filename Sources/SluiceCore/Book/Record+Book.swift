/// The numbers of records the book adds and multiplies must fit its arithmetic (see
/// `Decimal.fitsBook`); a record beyond that is bad input, refused before it can touch the book.
func requireFitsBook(_ type: String, _ values: KeyValuePairs<String, Decimal?>) throws(RecordError) {
    for case let (field, value?) in values where !value.fitsBook {
        throw RecordError(type, field: field, "\(value) is out of range (at most 18 digits and \(Decimal.bookScale) decimals)")
    }
}

extension Fill {
    public func checkedForBook() throws(RecordError) -> Fill {
        // The common case without building the list of fields the message would name.
        if qty.fitsBook && price.fitsBook && fee.fitsBook { return self }
        try requireFitsBook("fill", ["qty": qty, "price": price, "fee": fee])
        return self
    }
}

extension Order {
    public func checkedForBook() throws(RecordError) -> Order {
        if qty.fitsBook && (refPrice?.fitsBook ?? true) && (limitPrice?.fitsBook ?? true) { return self }
        try requireFitsBook("order", ["qty": qty, "ref_price": refPrice, "limit_price": limitPrice])
        return self
    }
}

extension Account {
    public func checkedForBook() throws(RecordError) -> Account {
        try requireFitsBook("account", ["cash": cash, "equity": equity, "buying_power": buyingPower])
        for (n, position) in positions.enumerated() {
            try requireFitsBook("account", ["positions[\(n)].qty": position.qty, "positions[\(n)].avg_price": position.averagePrice])
        }
        return self
    }
}
