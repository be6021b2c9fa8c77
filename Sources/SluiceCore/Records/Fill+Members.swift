extension Fill {
    /// Where each field of a fill sits in its document, found in one pass (see `Signal.Members`):
    /// a ledger is mostly fills. Zero is "absent or null".
    struct Members {
        var id = 0, orderID = 0, ts = 0, symbol = 0, side = 0, qty = 0, price = 0, fee = 0, reason = 0

        init(_ document: JSONDocument) {
            let plain = document.forEachPlainRootMember { name, value in
                switch name.count {
                case 2: if JSONKey("id").matches(name) { id = value } else if JSONKey("ts").matches(name) { ts = value }
                case 3: if JSONKey("qty").matches(name) { qty = value } else if JSONKey("fee").matches(name) { fee = value }
                case 4: if JSONKey("side").matches(name) { side = value }
                case 5: if JSONKey("price").matches(name) { price = value }
                case 6: if JSONKey("symbol").matches(name) { symbol = value } else if JSONKey("reason").matches(name) { reason = value }
                case 8: if JSONKey("order_id").matches(name) { orderID = value }
                default: break
                }
            }
            if !plain {
                let find = document.presentRootMember
                (id, orderID, ts, symbol, side) = (find("id"), find("order_id"), find("ts"), find("symbol"), find("side"))
                (qty, price, fee, reason) = (find("qty"), find("price"), find("fee"), find("reason"))
            }
        }
    }
}
