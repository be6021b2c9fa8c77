/// The funnel's panel of the report chart: one bar per step, as long as the share of the signals
/// seen that reached it, with the count and the rate over the step before.
struct FunnelChart {
    static let barHeight = 20.0
    static let rowHeight = 28.0
    /// Room on the left for the step names.
    static let labelWidth = 140.0

    let funnel: SignalFunnel

    /// The panel drawn from `top` down, and the height it takes.
    func panel(top: Double) -> (text: String, height: Double) {
        let m = ReportChart.margin, w = ReportChart.width - FunnelChart.labelWidth
        var text = ##"<text x="\##(m)" y="\##(top + 20)">Signal to fill</text>"## + "\n"
        let seen = funnel.count(.seen)
        guard seen > 0 else {
            return (text + ##"<text x="\##(m)" y="\##(top + 45)">no signals, refusals or orders in the ledger</text>"## + "\n", 60)
        }
        let left = m + FunnelChart.labelWidth
        for step in SignalFunnel.Step.allCases {
            let y = top + 35 + Double(step.rawValue) * FunnelChart.rowHeight
            let count = funnel.count(step)
            let length = max(Double(count) / Double(seen) * w * 0.8, 1)
            let rate = step == .seen ? "" : " (" + JournalReport.percent(funnel.rate(step)) + ")"
            text += ##"<text x="\##(left - 8)" y="\##(ReportChart.format(y + 14))" text-anchor="end">\##(step.label)</text>"## + "\n"
            text += ##"<rect x="\##(left)" y="\##(ReportChart.format(y))" width="\##(ReportChart.format(length))" height="\##(FunnelChart.barHeight)" fill="#2da44e"/>"## + "\n"
            text += ##"<text x="\##(ReportChart.format(left + length + 6))" y="\##(ReportChart.format(y + 14))">\##(count)\##(rate)</text>"## + "\n"
        }
        return (text, 35 + Double(SignalFunnel.Step.allCases.count) * FunnelChart.rowHeight)
    }
}
