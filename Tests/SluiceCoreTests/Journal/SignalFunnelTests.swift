import Testing
@testable import SluiceCore

@Suite("the funnel from signal to fill")
struct SignalFunnelTests {
    func status(_ order: String, _ status: String, code: String? = nil) -> OrderStatus {
        let venueCode = code.map { #","venue_code":"\#($0)""# } ?? ""
        return try! OrderStatus(document: parseJSON(#"{"type":"order_status","order_id":"\#(order)","ts":"2024-03-01T14:31:00Z","status":"\#(status)"\#(venueCode)}"#).get())
    }

    @Test func aSignalStoppedAtAStageCountsAtEveryStepBeforeIt() {
        var funnel = SignalFunnel()
        funnel.addRefusal(stage: "gate", rule: "confidence")
        funnel.addRefusal(stage: "sizer", rule: "below_min_qty")
        funnel.addRefusal(stage: "reconcile", rule: "conflict")
        funnel.addRefusal(stage: "exec", rule: "invalid_order")
        funnel.addOrder(id: "o1", origin: nil, isCut: false)
        #expect(SignalFunnel.Step.allCases.map { funnel.count($0) } == [5, 4, 3, 2, 0, 0])
        #expect(funnel.rate(.passedGate) == Decimal("0.8")! && funnel.rate(.sized) == Decimal("0.75")!)
        #expect(funnel.rate(.accepted) == Decimal.zero && funnel.overallRate == Decimal.zero)
    }

    @Test func anOrderIsAcceptedAndFilledOnceWhateverItsStatusesAndFills() {
        var funnel = SignalFunnel()
        funnel.addOrder(id: "o1", origin: nil, isCut: false)
        funnel.addFill(orderID: "o1")
        funnel.addStatus(status("o1", "partially_filled"))
        funnel.addFill(orderID: "o1")
        funnel.addStatus(status("o1", "filled"))
        funnel.addFill(orderID: "o1")
        #expect(funnel.accepted == 1 && funnel.filled == 1)
        #expect(funnel.working.isEmpty)
    }

    @Test func venueRejectionsAreRefusalsAndOrdersEndedUnfilledAreCountedByStatus() {
        var funnel = SignalFunnel()
        for id in ["o1", "o2", "o3"] { funnel.addOrder(id: id, origin: nil, isCut: id == "o3") }
        funnel.addStatus(status("o1", "rejected", code: "MARKET_CLOSED"))
        funnel.addStatus(status("o2", "accepted"))
        funnel.addStatus(status("o2", "expired"))
        funnel.addStatus(status("o3", "accepted"))
        funnel.addFill(orderID: "o3")
        funnel.addStatus(status("o3", "canceled"))
        #expect(funnel.refusals == [SignalFunnel.StageRule(stage: "venue", rule: "MARKET_CLOSED"): 1])
        #expect(funnel.endedUnfilled == ["expired": 1])
        #expect(funnel.accepted == 2 && funnel.filled == 1 && funnel.ordersCut == 1)
        #expect(funnel.rate(.filled) == Decimal("0.5")!)
    }

    @Test func ordersAStageMadeItselfAreNotSignalsAndTheirStatusesAreNotCounted() {
        var funnel = SignalFunnel()
        funnel.addOrder(id: "o1-close", origin: "reconcile", isCut: false)
        funnel.addStatus(status("o1-close", "accepted"))
        funnel.addFill(orderID: "o1-close")
        #expect(funnel.count(.seen) == 0 && funnel.accepted == 0 && funnel.filled == 0)
        #expect(funnel.madeByStages == ["reconcile": 1])
        #expect(funnel.rate(.passedGate) == nil && funnel.overallRate == nil)
    }

    @Test func refusalsSortInPipelineOrder() {
        let names = [("venue", "A"), ("gate", "z"), ("exec", "b"), ("gate", "a"), ("sizer", "c")]
        let sorted = names.map { SignalFunnel.StageRule(stage: $0.0, rule: $0.1) }.sorted().map { "\($0.stage) \($0.rule)" }
        #expect(sorted == ["gate a", "gate z", "sizer c", "exec b", "venue A"])
    }
}
