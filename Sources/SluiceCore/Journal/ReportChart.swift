/// `--svg FILE` and `--html FILE`: the equity curve, its drawdown and the signal funnel as one
/// self-contained SVG (no script, no font or style sheet from elsewhere), and a page holding it
/// with the report.
struct ReportChart {
    static let width = 800.0
    static let equityHeight = 260.0
    static let drawdownHeight = 120.0
    static let margin = 60.0

    let points: [CurveSampler.Point]
    let funnel: SignalFunnel

    func svg() -> String {
        let m = ReportChart.margin
        let curves = self.curves()
        let funnelPanel = FunnelChart(funnel: funnel).panel(top: curves.height)
        let height = curves.height + funnelPanel.height + m / 2
        return ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(ReportChart.width + 2 * m))" height="\##(Int(height))" font-family="sans-serif" font-size="12">"## + "\n"
            + curves.text + funnelPanel.text + "</svg>\n"
    }

    /// The equity and drawdown panels, and the height they take.
    func curves() -> (text: String, height: Double) {
        let w = ReportChart.width, h1 = ReportChart.equityHeight, h2 = ReportChart.drawdownHeight, m = ReportChart.margin
        let height = h1 + h2 + 3 * m
        var text = ##"<text x="\##(m)" y="20">Equity</text>"## + "\n"
        text += ##"<text x="\##(m)" y="\##(h1 + m + 35)">Drawdown from peak</text>"## + "\n"
        guard points.count >= 2, let first = points.first, let last = points.last, last.ts > first.ts else {
            return (text + ##"<text x="\##(m)" y="\##(m + 20)">fewer than two account snapshots: nothing to draw</text>"## + "\n", height)
        }
        let values = points.map(\.value.approximation)
        let low = values.min()!, high = values.max()!
        let span = high > low ? high - low : 1
        let t0 = Double(first.ts.milliseconds), t1 = Double(last.ts.milliseconds)
        func x(_ ts: Timestamp) -> Double { m + (Double(ts.milliseconds) - t0) / (t1 - t0) * w }
        var peak = -Double.infinity
        var drawdowns: [Double] = []
        for value in values {
            peak = max(peak, value)
            drawdowns.append(peak > 0 ? (peak - value) / peak : 0)
        }
        let deepest = max(drawdowns.max()!, 0.0001)
        let equityLine = zip(points, values).map { "\(ReportChart.format(x($0.ts))),\(ReportChart.format(m / 2 + h1 - ($1 - low) / span * h1))" }
        let top = h1 + m + 45
        let drawdownArea = ["\(ReportChart.format(m)),\(ReportChart.format(top))"]
            + zip(points, drawdowns).map { "\(ReportChart.format(x($0.ts))),\(ReportChart.format(top + $1 / deepest * h2))" }
            + ["\(ReportChart.format(x(last.ts))),\(ReportChart.format(top))"]
        text += ##"<rect x="\##(m)" y="\##(m / 2)" width="\##(w)" height="\##(h1)" fill="none" stroke="#ccc"/>"## + "\n"
        text += ##"<polyline fill="none" stroke="#1f6feb" stroke-width="1.5" points="\##(equityLine.joined(separator: " "))"/>"## + "\n"
        text += ##"<text x="\##(m - 5)" y="\##(m / 2 + 10)" text-anchor="end">\##(ReportChart.money(high))</text>"## + "\n"
        text += ##"<text x="\##(m - 5)" y="\##(m / 2 + h1)" text-anchor="end">\##(ReportChart.money(low))</text>"## + "\n"
        text += ##"<rect x="\##(m)" y="\##(top)" width="\##(w)" height="\##(h2)" fill="none" stroke="#ccc"/>"## + "\n"
        text += ##"<polygon fill="#f85149" fill-opacity="0.5" points="\##(drawdownArea.joined(separator: " "))"/>"## + "\n"
        text += ##"<text x="\##(m - 5)" y="\##(top + h2)" text-anchor="end">-\##(ReportChart.format(deepest * 100))%</text>"## + "\n"
        for (ts, anchor, position) in [(first.ts, "start", m), (last.ts, "end", m + w)] {
            text += ##"<text x="\##(position)" y="\##(top + h2 + 20)" text-anchor="\##(anchor)">\##(ts.description.prefix(10))</text>"## + "\n"
        }
        return (text, height)
    }

    /// A page with the chart and the report's table; nothing loaded from elsewhere.
    func html(report table: String) -> String {
        let escaped = table.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Sluice journal report</title></head>\n<body>\n"
            + "<h1>Journal report</h1>\n" + svg() + "<pre>\n" + escaped + "</pre>\n</body></html>\n"
    }

    /// One decimal, for coordinates.
    static func format(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    static func money(_ value: Double) -> String {
        let cents = Int64((value * 100).rounded())
        let sign = cents < 0 ? "-" : ""
        let magnitude = abs(cents)
        return "\(sign)\(magnitude / 100).\(magnitude % 100 < 10 ? "0" : "")\(magnitude % 100)"
    }
}
