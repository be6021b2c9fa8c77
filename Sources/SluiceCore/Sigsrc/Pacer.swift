/// `--speed N`: holds records back so that event time advances N times faster than wall time.
struct Pacer {
    let speed: Decimal
    private var origin: (event: Int64, wall: Int64)?

    init(speed: Decimal) { self.speed = speed }

    /// Waits until the record at `eventTime` is due; `beforeWaiting` flushes output first.
    mutating func wait(until eventTime: Timestamp, beforeWaiting: () throws -> Void) throws {
        guard let origin else {
            origin = (eventTime.milliseconds, MonotonicClock.nowMilliseconds())
            return
        }
        let elapsedEvent = Decimal(Int(eventTime.milliseconds - origin.event))
        let dueOffset = (try? elapsedEvent.divided(by: speed, scale: 0, rounding: .down)) ?? .zero
        let due = origin.wall + Int64(dueOffset.coefficient)
        let now = MonotonicClock.nowMilliseconds()
        if due > now {
            try beforeWaiting()
            try MonotonicClock.sleep(milliseconds: due - now)
        }
    }
}
