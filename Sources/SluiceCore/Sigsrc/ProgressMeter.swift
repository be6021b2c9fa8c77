/// A progress line on a terminal's standard error: records, percent of the input read, rate.
struct ProgressMeter {
    let stage: Stage
    let totalBytes: Int
    let startedAt = MonotonicClock.nowMilliseconds()
    private var lastShown = MonotonicClock.nowMilliseconds()
    private var shown = false

    init(stage: Stage, totalBytes: Int) {
        self.stage = stage
        self.totalBytes = totalBytes
    }

    /// Called every few thousand records; redraws at most twice a second.
    mutating func update(records: Int, consumedBytes: Int) {
        let now = MonotonicClock.nowMilliseconds()
        guard now - lastShown >= 500 else { return }
        lastShown = now
        shown = true
        let percent = totalBytes > 0 ? consumedBytes * 100 / totalBytes : 0
        let rate = Int64(records) * 1000 / max(1, now - startedAt)
        try? FileDescriptor.standardError.writeAll("\r\(stage.name): \(records) records, \(percent)%, \(rate) records/s ")
    }

    func finish() {
        if shown { try? FileDescriptor.standardError.writeAll("\r\u{1B}[K") }
    }
}
