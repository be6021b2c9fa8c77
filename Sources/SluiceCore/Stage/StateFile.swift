import Glibc

/// `--state DIR`: a stage's state as one JSON object in `DIR/<stage>.state`, replaced atomically
/// (temporary file, fsync, rename, directory fsync) so that a crash leaves the old state or the
/// new one, never half of either.
public final class StateFile {
    public let path: String
    private let scratch = OutputBuffer(destination: .standardOutput, capacity: 4096)

    /// Creates `directory` when it does not exist yet.
    public init(directory: String, stage: String) throws(CommandLineError) {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw CommandLineError.configuration("state \(directory): \(IOError.message(for: errno))")
        }
        path = directory + "/" + stage + ".state"
    }

    /// Calls `restore` with the saved state when there is one. A state that cannot be read is a
    /// configuration error: deciding without it would not be safe.
    public func load<T>(_ restore: (JSONDocument) throws -> T) throws(CommandLineError) -> T? {
        guard access(path, F_OK) == 0 else { return nil }
        do {
            var bytes = try FileDescriptor.readWholeFile(path, maximum: 256 * 1024 * 1024)
            let document = JSONDocument()
            return try bytes.withUnsafeMutableBufferPointer { buffer in
                try document.parseObject(UnsafeBufferPointer(buffer))
                return try restore(document)
            }
        } catch {
            throw CommandLineError.configuration("state \(path): \(error)")
        }
    }

    /// Replaces the saved state with what `write` appends.
    public func save(_ write: (OutputBuffer) -> Void) throws(IOError) {
        write(scratch)
        try FileDescriptor.writeAtomically(scratch.takeBytes(), to: path)
    }
}
