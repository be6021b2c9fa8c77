extension Order {
    /// Where each field of an order sits in its document, found in one pass (see
    /// `Signal.Members`): reconcile and exec read every order. Zero is "absent or null".
    struct Members {
        static let index = MemberIndex(["id", "signal_id", "ts", "symbol", "side", "qty", "kind", "intent", "ref_price",
                                        "limit_price", "stop_loss", "take_profit", "trailing", "time_exit", "leverage"])

        var id, signalID, ts, symbol, side, qty, kind, intent, refPrice: Int
        var limitPrice, stopLoss, takeProfit, trailing, timeExit, leverage: Int

        init(_ at: MemberValues) {
            (id, signalID, ts, symbol, side, qty, kind, intent, refPrice) = (at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7], at[8])
            (limitPrice, stopLoss, takeProfit, trailing, timeExit, leverage) = (at[9], at[10], at[11], at[12], at[13], at[14])
        }
    }
}
