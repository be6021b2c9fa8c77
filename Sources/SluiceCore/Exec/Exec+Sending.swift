/// Sending safely: each client order id once, logged (fsync) before it leaves; retries with
/// backoff on retryable errors only; after a timeout the venue is asked before sending again.
extension Exec {
    func send() throws {
        let order: Order
        do throws(RecordError) {
            order = try Order(document: document)
            try order.checkFitsBook()
        } catch {
            return stage.writeReject(Refusal("invalid_order", reason: error.description), of: document, at: now, parentKey: "order_id")
        }
        guard !sentIDs.contains(order.id) else {
            return stage.writeReject(Refusal("duplicate_order_id", reason: "client order id \(order.id) was sent before; it is never sent twice"),
                                     of: document, at: order.ts, parentKey: "order_id")
        }
        stage.passRaw(document)
        let timeInForce = document.member("time_in_force").flatMap { document.string($0) }
        try submit(order, timeInForce: timeInForce)
        writeSnapshotIfDue()
    }

    /// Sends `order` and reports the venue's answer as an `order_status`.
    func submit(_ order: Order, timeInForce: String?) throws {
        sentIDs.insert(order.id)
        let venueSymbol = venue.venueSymbol(of: order.symbol)
        // An id already in the log was perhaps sent by a run that crashed before its state
        // reached this line: each delivery asks the venue about it first and never resends it.
        let isRecovering = !isReplaying && loggedIDs.contains(order.id)
        if !isReplaying && !isRecovering, let orderLog {
            try orderLog.append { entry in
                entry.string("id", order.id)
                entry.integer("line", Int64(linesDone + 1))
            }
        }
        func deliver(at: Timestamp) -> VenueAnswer {
            if isRecovering, let answer = venue.recover(order, venueSymbol: venueSymbol, timeInForce: timeInForce) { return answer }
            return venue.submit(order, venueSymbol: venueSymbol, timeInForce: timeInForce, at: at)
        }
        var at = order.ts
        let faults = settings.faults
        for attempt in 1...retry.maxAttempts {
            let isLast = attempt == retry.maxAttempts
            if faults.happens(.reject, to: order.id, Int64(attempt)) {
                if isLast {
                    return report(.rejected(VenueRejection("RATE_LIMITED", "rate limited on all \(attempt) attempts", retryable: true)), order, at: at)
                }
                at = at.adding(milliseconds: retry.delay(after: attempt, of: order.id))
                continue
            }
            if faults.happens(.timeout, to: order.id, Int64(attempt)) {
                // The answer is lost; half the time the order itself reached the venue.
                if StableRandom.unit(seed: faults.seed, "received", order.id, Int64(attempt)) < 0.5 {
                    _ = deliver(at: at)
                }
                at = at.adding(milliseconds: settings.timeout)
                if let answer = venue.query(order.id) {
                    return report(answer, order, at: at, note: "answer timed out on attempt \(attempt); found by asking the venue")
                }
                if isLast {
                    return report(.rejected(VenueRejection("TIMEOUT", "no answer to any of \(attempt) attempts, and the venue does not know the order", retryable: true)), order, at: at)
                }
                at = at.adding(milliseconds: retry.delay(after: attempt, of: order.id))
                continue
            }
            let answer = deliver(at: at)
            if case let .rejected(rejection) = answer, rejection.retryable, !isLast {
                at = at.adding(milliseconds: retry.delay(after: attempt, of: order.id))
                continue
            }
            return report(answer, order, at: at, note: attempt > 1 ? "accepted on attempt \(attempt)" : nil)
        }
    }

    /// An acceptance at the time the venue gave; a refusal at `ts`, when it was known.
    private func report(_ answer: VenueAnswer, _ order: Order, at ts: Timestamp, note: String? = nil) {
        switch answer {
        case let .accepted(at):
            write(VenueStatus(orderID: order.id, ts: at, status: .accepted, reason: note))
        case let .rejected(rejection):
            write(VenueStatus(orderID: order.id, ts: ts, status: .rejected, reason: rejection.reason, code: rejection.code), retryable: rejection.retryable)
        }
    }

    /// Every position keeps its stop working. A missing one is placed again, at most once per
    /// debounce period; one the venue will not take (or never took) closes the position at
    /// market, once, with a note that says why.
    func guardProtection(in index: Int) throws {
        guard let now, venue.missesProtection(in: index) else { return }
        for bracket in venue.brackets(in: index) where bracket.missesProtection {
            let stopMissing = bracket.hasStop && !bracket.stopWorking
            let targetMissing = bracket.target != nil && !bracket.targetWorking
            if let problem = bracket.stopProblem {
                write(VenueStatus(orderID: bracket.stopID, ts: now, status: .rejected, reason: problem, code: "STOP_WOULD_TRIGGER"), retryable: false)
                try emergencyExit(bracket, in: index, because: "its stop could not be placed: \(problem)")
                continue
            }
            if let last = bracket.lastAttach, now.milliseconds - last.milliseconds < settings.reattachDebounce { continue }
            if stopMissing { write(VenueStatus(orderID: bracket.stopID, ts: now, status: .canceled, reason: "missing at the venue")) }
            if targetMissing { write(VenueStatus(orderID: bracket.targetID, ts: now, status: .canceled, reason: "missing at the venue")) }
            guard let (stopID, targetID, answer) = venue.reattach(in: index, entryID: bracket.entryID, at: now) else { continue }
            switch answer {
            case .accepted:
                if bracket.hasStop { write(VenueStatus(orderID: stopID, ts: now, status: .accepted, reason: "re-attached: \(bracket.stopID) was missing at the venue")) }
                if bracket.target != nil { write(VenueStatus(orderID: targetID, ts: now, status: .accepted, reason: "re-attached: \(bracket.targetID) was missing at the venue")) }
            case let .rejected(rejection):
                write(VenueStatus(orderID: stopID, ts: now, status: .rejected, reason: rejection.reason, code: rejection.code), retryable: false)
                try emergencyExit(bracket, in: index, because: "its stop could not be placed again: \(rejection.reason)")
            }
        }
    }

    private func emergencyExit(_ bracket: Bracket, in index: Int, because reason: String) throws {
        venue.abandon(in: index, entryID: bracket.entryID)
        guard let now else { return }
        let order = Order(id: bracket.entryID + "-emergency", signalID: bracket.signalID, ts: now, symbol: venue.symbol(of: index),
                          side: bracket.isLong ? .sell : .buy, qty: bracket.qty, intent: .close)
        writeOrder(order, note: "emergency exit of \(bracket.entryID): \(reason)")
        try submit(order, timeInForce: "gtc")
    }
}
