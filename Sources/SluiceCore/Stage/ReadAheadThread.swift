import Glibc

/// The thread behind `ReadAheadReader`: reads each path's lines, copies, scans and decodes them
/// into the batch it holds, and hands the batch over when it is full or before a read that may
/// wait (so a live stream reaches the stage a line at a time).
final class ReadAheadThread<Decoded> {
    private struct Stopped: Error {}

    private let paths: [String]
    private let batches: [ReadAheadBatch<Decoded>]
    private let decode: (JSONDocument, UnsafeMutablePointer<Decoded>) -> Bool
    private let decodeFlat: ReadAhead.FlatDecode<Decoded>?
    private let filled: FileDescriptor
    private let emptied: FileDescriptor
    private var handedOver = 0
    private var batch: ReadAheadBatch<Decoded>
    /// Whether this batch's records are decoded here. Decoding goes to whichever thread has
    /// time: this one unless the stage is about to run out of lines (two or more empty batches
    /// were waiting at the last handover), the stage's own then, so that the next batch reaches
    /// it sooner. Which thread decodes a line never changes what the stage makes of it.
    private var decodesHere = true
    private let scanner = JSONDocument()

    init(paths: [String], batches: [ReadAheadBatch<Decoded>], decode: @escaping (JSONDocument, UnsafeMutablePointer<Decoded>) -> Bool,
         decodeFlat: ReadAhead.FlatDecode<Decoded>?, filled: FileDescriptor, emptied: FileDescriptor) {
        self.paths = paths
        self.batches = batches
        self.decode = decode
        self.decodeFlat = decodeFlat
        self.filled = filled
        self.emptied = emptied
        batch = batches[0]
    }

    /// Starts the thread with SIGINT and SIGTERM blocked in it, so that they reach the stage's
    /// thread and interrupt its waits, as they do without read-ahead; and SIGPIPE, so that a
    /// stage gone away shows up as EPIPE here whatever the process does with SIGPIPE.
    func start() throws(IOError) {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGINT)
        sigaddset(&blocked, SIGTERM)
        sigaddset(&blocked, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(ThreadStart(run)).toOpaque()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<ThreadStart>.fromOpaque(context).release()
            throw .readFailed(path: "read-ahead thread", errno: status)
        }
        pthread_detach(thread)
    }

    private func run() {
        defer {
            try? filled.close()
            try? emptied.close()
        }
        do {
            guard try ReadAhead.take(emptied) else { return }
            for (index, path) in paths.enumerated() {
                try read(path, index: index)
            }
            batch.ending = .endOfInput
        } catch is Stopped {
            return
        } catch {
            batch.ending = .failed(error)
        }
        guard (try? ReadAhead.post(filled)) == true else { return }
        // The stage still gives batches back until it has read the last one; the thread stays
        // to take them, so that no give-back meets a closed pipe, and ends when the stage does.
        while (try? ReadAhead.take(emptied)) == true {}
    }

    private func read(_ path: String, index: Int) throws {
        let isStandardInput = path == "-"
        let descriptor = isStandardInput ? FileDescriptor.standardInput : try FileDescriptor.open(path)
        defer { if !isStandardInput { try? descriptor.close() } }
        let reader = LineReader(descriptor: descriptor, path: isStandardInput ? "standard input" : path)
        reader.willRead = { [unowned self] in
            if !batch.lines.isEmpty { try handOver() }
        }
        // Held in locals, and the batch reached unretained: read from properties for each line,
        // each would be retained and released around its use, four atomic pairs a line.
        let scanner = self.scanner, decode = self.decode, decodeFlat = self.decodeFlat
        while let line = try reader.next() {
            let here = decodesHere
            let full = Unmanaged.passUnretained(batch)._withUnsafeGuaranteedRef { batch in
                // A stage that reads flat lines itself needs no nodes for the lines it decodes.
                batch.append(line, pathIndex: index, scanner: scanner, decode: here ? decode : nil,
                             decodeFlat: here ? decodeFlat : nil, scans: here || decodeFlat == nil)
                return batch.byteCount >= ReadAhead.byteLimit
            }
            if full { try handOver() }
        }
    }

    /// Gives the filled batch to the stage and waits for the next empty one.
    private func handOver() throws {
        guard try ReadAhead.post(filled) else { throw Stopped() }
        handedOver += 1
        // With one empty batch waiting the stage still holds the others, more work than this
        // thread takes to decode a batch. Decoding only when none waits left the stage decoding
        // two batches in five while this thread sat idle for a third of the run.
        decodesHere = try emptied.bytesWaiting() < 2
        guard try ReadAhead.take(emptied) else { throw Stopped() }
        batch = batches[handedOver % batches.count]
    }
}

/// What a new thread runs, boxed: a thread's start routine is a C function, which can name no
/// generic type.
private final class ThreadStart {
    let body: () -> Void

    init(_ body: @escaping () -> Void) { self.body = body }
}
