extension Signal {
    /// Where each field of a signal sits in its document, found in one pass over the members:
    /// a signal is read for every line of a signal stream, and a lookup per field (fifteen of
    /// them, most absent) cost more than the pass. Zero is "absent" (node 0 is the root); a null
    /// value counts as absent, as it does for every record.
    struct Members {
        var id = 0, ts = 0, symbol = 0, side = 0, confidence = 0, price = 0, strategy = 0, regime = 0
        var spoof = 0, riskPenalty = 0, atr = 0, stop = 0, target = 0, expires = 0, force = 0

        init(_ document: JSONDocument) {
            let root = document[0]
            guard root.kind == .object else { return }
            let base = document.bytes.baseAddress!
            var key = 1
            for _ in 0..<root.count {
                let keyNode = document[key]
                let value = key &+ 1
                // An escaped key may spell any field: such a record is read field by field.
                if keyNode.hasEscapes {
                    self = Members(lookingUpEachIn: document)
                    return
                }
                if document[value].kind != .null {
                    assign(value, to: UnsafeBufferPointer(start: base + Int(keyNode.start), count: Int(keyNode.end &- keyNode.start)))
                }
                key = Int(document[value].next)
            }
        }

        private init(lookingUpEachIn document: JSONDocument) {
            func find(_ key: JSONKey) -> Int {
                guard let index = document.member(key), document[index].kind != .null else { return 0 }
                return index
            }
            (id, ts, symbol, side, confidence) = (find("id"), find("ts"), find("symbol"), find("side"), find("confidence"))
            (price, strategy, regime, spoof) = (find("price"), find("strategy"), find("regime"), find("spoof"))
            (riskPenalty, atr, stop, target) = (find("risk_penalty"), find("atr"), find("stop"), find("target"))
            (expires, force) = (find("expires"), find("force"))
        }

        @inline(__always)
        private mutating func assign(_ value: Int, to name: UnsafeBufferPointer<UInt8>) {
            @inline(__always) func named(_ literal: StaticString) -> Bool {
                let text = literal.utf8Start
                for k in 0..<name.count where name[k] != text[k] { return false }
                return true
            }
            switch name.count {
            case 2: if named("id") { id = value } else if named("ts") { ts = value }
            case 3: if named("atr") { atr = value }
            case 4: if named("side") { side = value } else if named("stop") { stop = value }
            case 5: if named("price") { price = value } else if named("spoof") { spoof = value } else if named("force") { force = value }
            case 6: if named("symbol") { symbol = value } else if named("target") { target = value } else if named("regime") { regime = value }
            case 7: if named("expires") { expires = value }
            case 8: if named("strategy") { strategy = value }
            case 10: if named("confidence") { confidence = value }
            case 12: if named("risk_penalty") { riskPenalty = value }
            default: break
            }
        }
    }
}
