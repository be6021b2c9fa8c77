import Glibc

/// The one signal policy shared by all six programs: SIGPIPE is ignored so a closed pipe shows up
/// as EPIPE on write (and ends the stage quietly); SIGINT and SIGTERM set a flag that blocking
/// calls check, so the stage can flush its output and state before it exits.
public enum TerminationSignals {
    nonisolated(unsafe) private static var received: Int32 = 0

    /// The signal that asked us to stop, or 0.
    public static var pending: Int32 { received }

    public static func install() {
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { TerminationSignals.received = $0 }
            sigemptyset(&action.sa_mask)
            // No SA_RESTART: a blocked read must return EINTR so we notice the request.
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
        // A blocked mask is inherited across exec (some launchers block signals in their
        // threads); unblock ours so a stop request is always seen.
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGINT)
        sigaddset(&mask, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    }

    /// Throws if a termination signal is pending.
    public static func check() throws(IOError) {
        let sig = received
        if sig != 0 { throw .interrupted(signal: sig) }
    }
}
