extension Bar {
    /// Where each field of a bar sits in its document, found in one pass (see `Signal.Members`):
    /// a replay is mostly bars. Zero is "absent or null".
    struct Members {
        var ts = 0, symbol = 0, open = 0, high = 0, low = 0, close = 0, volume = 0, interval = 0

        init(_ document: JSONDocument) {
            let plain = document.forEachPlainRootMember { name, value in
                switch name.count {
                case 2: if JSONKey("ts").matches(name) { ts = value }
                case 3: if JSONKey("low").matches(name) { low = value }
                case 4: if JSONKey("open").matches(name) { open = value } else if JSONKey("high").matches(name) { high = value }
                case 5: if JSONKey("close").matches(name) { close = value }
                case 6: if JSONKey("symbol").matches(name) { symbol = value } else if JSONKey("volume").matches(name) { volume = value }
                case 8: if JSONKey("interval").matches(name) { interval = value }
                default: break
                }
            }
            if !plain {
                let find = document.presentRootMember
                (ts, symbol, open, high) = (find("ts"), find("symbol"), find("open"), find("high"))
                (low, close, volume, interval) = (find("low"), find("close"), find("volume"), find("interval"))
            }
        }
    }
}
