extension Order {
    /// Where each field of an order sits in its document, found in one pass (see
    /// `Signal.Members`): reconcile and exec read every order. Zero is "absent or null".
    struct Members {
        var id = 0, signalID = 0, ts = 0, symbol = 0, side = 0, qty = 0, kind = 0, intent = 0, refPrice = 0
        var limitPrice = 0, stopLoss = 0, takeProfit = 0, trailing = 0, timeExit = 0, leverage = 0

        init(_ document: JSONDocument) {
            let plain = document.forEachPlainRootMember { name, value in
                switch name.count {
                case 2: if JSONKey("id").matches(name) { id = value } else if JSONKey("ts").matches(name) { ts = value }
                case 3: if JSONKey("qty").matches(name) { qty = value }
                case 4: if JSONKey("side").matches(name) { side = value } else if JSONKey("kind").matches(name) { kind = value }
                case 6: if JSONKey("symbol").matches(name) { symbol = value } else if JSONKey("intent").matches(name) { intent = value }
                case 8:
                    if JSONKey("trailing").matches(name) { trailing = value } else if JSONKey("leverage").matches(name) { leverage = value }
                case 9:
                    if JSONKey("signal_id").matches(name) { signalID = value } else if JSONKey("ref_price").matches(name) { refPrice = value }
                    else if JSONKey("stop_loss").matches(name) { stopLoss = value } else if JSONKey("time_exit").matches(name) { timeExit = value }
                case 11:
                    if JSONKey("limit_price").matches(name) { limitPrice = value } else if JSONKey("take_profit").matches(name) { takeProfit = value }
                default: break
                }
            }
            if !plain {
                let find = document.presentRootMember
                (id, signalID, ts, symbol, side, qty, kind, intent) = (find("id"), find("signal_id"), find("ts"), find("symbol"), find("side"), find("qty"), find("kind"), find("intent"))
                (refPrice, limitPrice, stopLoss, takeProfit) = (find("ref_price"), find("limit_price"), find("stop_loss"), find("take_profit"))
                (trailing, timeExit, leverage) = (find("trailing"), find("time_exit"), find("leverage"))
            }
        }
    }
}
