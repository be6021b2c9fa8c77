import Glibc

/// When a stage reads its input ahead on a second thread (`ReadAheadReader`), and the
/// handover between the two threads.
public enum ReadAhead {
    /// Decodes a stage's record from a flat line, as `LineProcessor.flatDecoder` does.
    public typealias FlatDecode<Decoded> = (UnsafeBufferPointer<UInt8>, JSONDocument, UnsafeMutablePointer<Decoded>) -> Bool

    /// Batches in flight between the threads.
    static let batchCount = 4
    /// A batch is handed over once it holds this many bytes (about 300 signals): large enough
    /// that the handover costs nothing per line, small enough that four batches stay in the
    /// cache and add about a megabyte to a stage.
    static let byteLimit = 64 * 1024
    static let initialByteCapacity = byteLimit + byteLimit / 4
    static let initialNodeCapacity = 8 * 1024
    static let initialRecordCapacity = 512

    /// Whether reading `paths` ahead pays: with more than one processor online, and when every
    /// input is a regular file (a replay or an audit of a recording, where the stage is alone
    /// with its input). A pipe is left to the stage's own thread: in a chain the other stages
    /// already keep the cores busy, and a live stream arrives a few records at a time, so a
    /// handover per read would cost more than the scan it moves.
    public static func suits(_ paths: [String]) -> Bool {
        guard sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 else { return false }
        return paths.allSatisfy { path in
            path == "-" ? FileDescriptor.standardInput.isRegularFile : FileDescriptor.isRegularFile(atPath: path)
        }
    }

    /// Puts a token in a pipe; false when its reader has gone.
    @discardableResult
    static func post(_ pipe: FileDescriptor) throws(IOError) -> Bool {
        var token: UInt8 = 1
        do throws(IOError) {
            try withUnsafeBytes(of: &token) { (raw) throws(IOError) in try pipe.writeAll(raw) }
        } catch .brokenPipe {
            return false
        }
        return true
    }

    /// Takes a token from a pipe, waiting for one; false when its writer has gone.
    static func take(_ pipe: FileDescriptor) throws(IOError) -> Bool {
        var token: UInt8 = 0
        while true {
            let n = try withUnsafeMutableBytes(of: &token) { (raw) throws(IOError) in
                try pipe.read(into: raw.baseAddress!, count: 1, path: "read-ahead pipe")
            }
            if n == 1 { return true }
            if n == 0 { return false }
            _ = try pipe.waitReadable(timeoutMilliseconds: -1)
        }
    }
}
