/// The numbers of records the book adds and multiplies must fit its arithmetic (see
/// `Decimal.fitsBook`); a record beyond that is bad input, refused before it can touch the book.
func requireFitsBook(_ type: String, _ values: KeyValuePairs<String, Decimal?>) throws(RecordError) {
    for case let (field, value?) in values where !value.fitsBook {
        throw RecordError(type, field: field, "\(value) is out of range (at most 18 digits and \(Decimal.bookScale) decimals)")
    }
}

// Checks rather than returning the record checked: handing back a copy of a record (its Strings
// retained, then released) cost more than the check.
extension Fill {
    public func checkFitsBook() throws(RecordError) {
        // The common case without building the list of fields the message would name.
        if qty.fitsBook && price.fitsBook && fee.fitsBook { return }
        try requireFitsBook("fill", ["qty": qty, "price": price, "fee": fee])
    }
}

extension Order {
    public func checkFitsBook() throws(RecordError) {
        if qty.fitsBook && (refPrice?.fitsBook ?? true) && (limitPrice?.fitsBook ?? true) { return }
        try requireFitsBook("order", ["qty": qty, "ref_price": refPrice, "limit_price": limitPrice])
    }
}

extension Account {
    public func checkFitsBook() throws(RecordError) {
        try requireFitsBook("account", ["cash": cash, "equity": equity, "buying_power": buyingPower])
        for (n, position) in positions.enumerated() {
            try requireFitsBook("account", ["positions[\(n)].qty": position.qty, "positions[\(n)].avg_price": position.averagePrice])
        }
    }
}
