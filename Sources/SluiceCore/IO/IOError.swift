import Glibc

/// Failures of the operating system calls the stages make.
public enum IOError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, errno: Int32)
    case readFailed(path: String, errno: Int32)
    case writeFailed(errno: Int32)
    /// The reader of our standard output went away; the stage ends quietly.
    case brokenPipe
    /// SIGINT or SIGTERM arrived while waiting.
    case interrupted(signal: Int32)
    /// Nobody opened a FIFO for reading in time.
    case noReader(path: String, seconds: Int64)

    public var description: String {
        switch self {
        case let .cannotOpen(path, code): return "\(path): \(IOError.message(for: code))"
        case let .readFailed(path, code): return "\(path): read failed: \(IOError.message(for: code))"
        case let .writeFailed(code): return "write failed: \(IOError.message(for: code))"
        case .brokenPipe: return "broken pipe"
        case let .interrupted(signal): return "interrupted by signal \(signal)"
        case let .noReader(path, seconds): return "\(path): no reader opened it within \(seconds) s (is sigsrc --feedback running?)"
        }
    }

    /// strerror(3) text with its first letter lowered, to match our diagnostics.
    public static func message(for code: Int32) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return "error \(code)" }
        return first.lowercased() + text.dropFirst()
    }

    /// Whether the failure means the input is missing (exit 66) rather than an I/O fault (exit 74).
    public var isMissingInput: Bool {
        if case let .cannotOpen(_, code) = self {
            return code == ENOENT || code == ENOTDIR || code == EACCES || code == EISDIR
        }
        return false
    }
}
