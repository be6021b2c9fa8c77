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

    /// Opens a FIFO (or a file) for writing once a reader has it open, waiting at most
    /// `timeout` milliseconds. A blocking open would wait for ever when the reader has already
    /// stopped: `exec` at the end of a ring whose `sigsrc` failed to start.
    public static func openForWritingOnceRead(_ path: String, waitingAtMost timeout: Int64) throws(IOError) -> FileDescriptor {
        let deadline = MonotonicClock.nowMilliseconds() + timeout
        while true {
            let descriptor: FileDescriptor
            do {
                descriptor = try open(path, flags: O_WRONLY | O_NONBLOCK)
            } catch {
                guard case .cannotOpen(_, ENXIO) = error else { throw error }
                guard MonotonicClock.nowMilliseconds() < deadline else { throw .noReader(path: path, seconds: timeout / 1000) }
                try MonotonicClock.sleep(milliseconds: 10)
                continue
            }
            // Writes block again from here: the reader takes its time.
            _ = fcntl(descriptor.rawValue, F_SETFL, fcntl(descriptor.rawValue, F_GETFL) & ~O_NONBLOCK)
            return descriptor
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

    /// Reads a whole (small) file; refuses one larger than `maximum` bytes.
    public static func readWholeFile(_ path: String, maximum: Int) throws(IOError) -> [UInt8] {
        let descriptor = try FileDescriptor.open(path)
        defer { try? descriptor.close() }
        var bytes: [UInt8] = []
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: 65536, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try descriptor.read(into: chunk, count: 65536, path: path)
            if n <= 0 { return bytes }
            bytes += UnsafeRawBufferPointer(start: chunk, count: n)
            if bytes.count > maximum { throw .readFailed(path: path, errno: EFBIG) }
        }
    }

    /// Replaces a file atomically: a temporary file beside it, fsync, rename, fsync of the
    /// directory. After a crash the file holds either the old bytes or the new ones.
    public static func writeAtomically(_ bytes: UnsafeRawBufferPointer, to path: String) throws(IOError) {
        let temporary = path + ".tmp"
        let file = try FileDescriptor.open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC)
        try file.writeAll(bytes)
        try file.synchronize()
        try file.close()
        if rename(temporary, path) != 0 { throw .writeFailed(errno: errno) }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let folder = Glibc.open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            Glibc.close(folder)
        }
    }

    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(IOError) {
        let failure: IOError? = bytes.withUnsafeBytes { raw in
            do throws(IOError) { try writeAtomically(raw, to: path); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    /// fsync(2): the bytes written so far survive a crash of the machine.
    public func synchronize() throws(IOError) {
        while fsync(rawValue) != 0 {
            if errno != EINTR { throw .writeFailed(errno: errno) }
        }
    }

    public func close() throws(IOError) {
        if Glibc.close(rawValue) != 0 && errno != EINTR {
            throw .writeFailed(errno: errno)
        }
    }

    /// pipe(2), both ends closed on exec(3).
    public static func makePipe() throws(IOError) -> (read: FileDescriptor, write: FileDescriptor) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .cannotOpen(path: "pipe", errno: errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
    }

    public var isTerminal: Bool { isatty(rawValue) == 1 }

    public var isRegularFile: Bool {
        var info = stat()
        return fstat(rawValue, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether `path` names a regular file (symbolic links followed), without opening it.
    public static func isRegularFile(atPath path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
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

    /// How many bytes a read would take now without waiting (FIONREAD): on a pipe, the bytes
    /// written and not yet read.
    public func bytesWaiting() throws(IOError) -> Int {
        var count: Int32 = 0
        while ioctl(rawValue, UInt(FIONREAD), &count) != 0 {
            if errno == EINTR { try TerminationSignals.check(); continue }
            throw .readFailed(path: "ioctl", errno: errno)
        }
        return Int(count)
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
