import Glibc

extension Timestamp {
    /// The wall clock: only for live mode (`--clock wall`), never in a replay.
    public static var wallClockNow: Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(milliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }
}
