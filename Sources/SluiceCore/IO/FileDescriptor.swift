import Glibc

/// A thin wrapper over a POSIX file descriptor: every call retries on EINTR (unless a termination
/// signal is pending) and reports failures as `IOError`.
public struct FileDescriptor: Sendable, Equatable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let standardInput = FileDescriptor(rawValue: 0)
    public static let standardOutput = FileDescriptor(rawValue: 1)
    public static let standardError = FileDescriptor(rawValue: 2)

    /// Opens a file; a directory is refused here (EISDIR) rather than failing at the first read.
    public static func open(_ path: String, flags: Int32 = O_RDONLY) throws(IOError) -> FileDescriptor {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, 0o644)
            if fd >= 0 {
                var info = stat()
                if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                    Glibc.close(fd)
                    throw .cannotOpen(path: path, errno: EISDIR)
                }
                return FileDescriptor(rawValue: fd)
            }
            if errno == EINTR { try TerminationSignals.check(); continue }
            throw .cannotOpen(path: path, errno: errno)
        }
    }

    /// Reads at most `count` bytes; 0 means end of file. `path` only names the file in errors.
    public func read(into buffer: UnsafeMutableRawPointer, count: Int, path: String) throws(IOError) -> Int {
        while true {
            let n = Glibc.read(rawValue, buffer, count)
            if n >= 0 { return n }
            if errno == EINTR { try TerminationSignals.check(); continue }
            if errno == EAGAIN { return -1 }
            throw .readFailed(path: path, errno: errno)
        }
    }

    /// Writes every byte, retrying short writes and EINTR.
    public func writeAll(_ buffer: UnsafeRawBufferPointer) throws(IOError) {
        guard var pointer = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let n = Glibc.write(rawValue, pointer, remaining)
            if n > 0 {
                pointer += n
                remaining -= n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && errno == EPIPE {
                throw .brokenPipe
            } else {
                throw .writeFailed(errno: n < 0 ? errno : EIO)
            }
        }
    }

    public func writeAll(_ text: String) throws(IOError) {
        let bytes = Array(text.utf8)
        let failure: IOError? = bytes.withUnsafeBytes { raw in
            do throws(IOError) { try writeAll(raw); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    public func close() throws(IOError) {
        if Glibc.close(rawValue) != 0 && errno != EINTR {
            throw .writeFailed(errno: errno)
        }
    }

    public var isTerminal: Bool { isatty(rawValue) == 1 }

    public var isRegularFile: Bool {
        var info = stat()
        return fstat(rawValue, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Size in bytes of a regular file, or nil.
    public var fileSize: Int? {
        var info = stat()
        guard fstat(rawValue, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Waits until `self` or `other` is readable (or at end of file), or `timeoutMilliseconds`
    /// pass (-1: forever); says which are.
    public func waitReadable(or other: FileDescriptor, timeoutMilliseconds: Int32) throws(IOError) -> (Bool, Bool) {
        var entries = [pollfd(fd: rawValue, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: other.rawValue, events: Int16(POLLIN), revents: 0)]
        while true {
            let n = poll(&entries, 2, timeoutMilliseconds)
            if n >= 0 { return (entries[0].revents != 0, entries[1].revents != 0) }
            if errno == EINTR { try TerminationSignals.check(); continue }
            throw .readFailed(path: "poll", errno: errno)
        }
    }

    /// Waits until the descriptor is readable or `timeoutMilliseconds` pass (-1: forever).
    /// Returns whether it is readable (or at end of file / hung up).
    public func waitReadable(timeoutMilliseconds: Int32) throws(IOError) -> Bool {
        var entry = pollfd(fd: rawValue, events: Int16(POLLIN), revents: 0)
        while true {
            let n = poll(&entry, 1, timeoutMilliseconds)
            if n >= 0 { return n > 0 }
            if errno == EINTR { try TerminationSignals.check(); continue }
            throw .readFailed(path: "poll", errno: errno)
        }
    }
}
