extension Signal {
    /// Where each field of a signal sits in its document, found in one pass over the members:
    /// a signal is read for every line of a signal stream, and a lookup per field (fifteen of
    /// them, most absent) cost more than the pass. Zero is "absent" (node 0 is the root); a null
    /// value counts as absent, as it does for every record.
    struct Members {
        var id = 0, ts = 0, symbol = 0, side = 0, confidence = 0, price = 0, strategy = 0, regime = 0
        var spoof = 0, riskPenalty = 0, atr = 0, stop = 0, target = 0, expires = 0, force = 0

        init(_ document: JSONDocument) {
            let plain = document.forEachPlainRootMember { name, value in
                switch name.count {
                case 2: if JSONKey("id").matches(name) { id = value } else if JSONKey("ts").matches(name) { ts = value }
                case 3: if JSONKey("atr").matches(name) { atr = value }
                case 4: if JSONKey("side").matches(name) { side = value } else if JSONKey("stop").matches(name) { stop = value }
                case 5:
                    if JSONKey("price").matches(name) { price = value } else if JSONKey("spoof").matches(name) { spoof = value }
                    else if JSONKey("force").matches(name) { force = value }
                case 6:
                    if JSONKey("symbol").matches(name) { symbol = value } else if JSONKey("target").matches(name) { target = value }
                    else if JSONKey("regime").matches(name) { regime = value }
                case 7: if JSONKey("expires").matches(name) { expires = value }
                case 8: if JSONKey("strategy").matches(name) { strategy = value }
                case 10: if JSONKey("confidence").matches(name) { confidence = value }
                case 12: if JSONKey("risk_penalty").matches(name) { riskPenalty = value }
                default: break
                }
            }
            if !plain { self = Members(lookingUpEachIn: document) }
        }

        private init(lookingUpEachIn document: JSONDocument) {
            let find = document.presentRootMember
            (id, ts, symbol, side, confidence) = (find("id"), find("ts"), find("symbol"), find("side"), find("confidence"))
            (price, strategy, regime, spoof) = (find("price"), find("strategy"), find("regime"), find("spoof"))
            (riskPenalty, atr, stop, target) = (find("risk_penalty"), find("atr"), find("stop"), find("target"))
            (expires, force) = (find("expires"), find("force"))
        }
    }
}
