import Glibc

/// Wall-clock time for pacing and progress only: never for event time, which comes from the
/// stream.
public enum MonotonicClock {
    public static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    /// Sleeps, waking early if a termination signal arrives.
    public static func sleep(milliseconds: Int64) throws(IOError) {
        guard milliseconds > 0 else { return }
        var request = timespec(tv_sec: Int(milliseconds / 1000), tv_nsec: Int(milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 {
            try TerminationSignals.check()
            request = remaining
        }
    }
}
