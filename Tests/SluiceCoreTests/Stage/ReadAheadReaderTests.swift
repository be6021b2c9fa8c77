import Glibc
import Testing
@testable import SluiceCore

/// What a reader delivered for one line: its text, number, file and whether it was cut.
private struct DeliveredLine: Equatable {
    var text: String
    var number: Int
    var path: Int
    var isOverlong: Bool
}

/// A reader that only reads and scans, as for a stage that decodes nothing ahead.
private func noRecord(_ document: JSONDocument, into record: UnsafeMutablePointer<Never>) -> Bool { false }

private func readAhead(_ paths: [String], willWait: (() throws -> Void)? = nil) throws -> [DeliveredLine] {
    let reader = try ReadAheadReader(paths: paths, decode: noRecord)
    reader.willWait = willWait
    var lines: [DeliveredLine] = []
    while let line = try reader.next() {
        lines.append(DeliveredLine(text: String(decoding: line.bytes, as: UTF8.self), number: line.number,
                                   path: reader.pathIndex, isOverlong: line.isOverlong))
    }
    return lines
}

private func readDirectly(_ paths: [String]) throws -> [DeliveredLine] {
    var lines: [DeliveredLine] = []
    for (index, path) in paths.enumerated() {
        let reader = LineReader(descriptor: try FileDescriptor.open(path), path: path)
        while let line = try reader.next() {
            lines.append(DeliveredLine(text: String(decoding: line.bytes, as: UTF8.self), number: line.number,
                                       path: index, isOverlong: line.isOverlong))
        }
        try reader.descriptor.close()
    }
    return lines
}

/// How many of this process's descriptors are open on `path`.
private func descriptors(openOn path: String) -> Int {
    guard let directory = opendir("/proc/self/fd") else { return -1 }
    defer { closedir(directory) }
    var count = 0
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        var target = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/fd/" + name, &target, target.count - 1)
        if length > 0 && String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) == path { count += 1 }
    }
    return count
}

/// How many `Counted` records are alive: made on the read-ahead thread, destroyed on either.
private final class AliveCount: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value = 0

    init() { pthread_mutex_init(mutex, nil) }

    func add(_ n: Int) {
        pthread_mutex_lock(mutex)
        value += n
        pthread_mutex_unlock(mutex)
    }

    var current: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return value
    }
}

/// A decoded record that counts itself alive, so that a test sees each destroyed exactly once.
private final class Counted: Sendable {
    static let alive = AliveCount()

    init() { Counted.alive.add(1) }
    deinit { Counted.alive.add(-1) }
}

private func countedRecord(_ document: JSONDocument, into record: UnsafeMutablePointer<Counted>) -> Bool {
    record.initialize(to: Counted())
    return true
}

/// A stage's view of its input through `Stage.parse`: each line's number, file, and either the
/// root members it found or the error record it wrote. It decodes the member `n` of each line,
/// and checks that what the read-ahead thread decoded is what it would have.
private final class ParseRecorder: LineProcessor {
    let stage: Stage
    let document = JSONDocument()
    var seen: [String] = []
    var decodedAhead = 0
    var decodedWrongly = 0

    init(stage: Stage) { self.stage = stage }

    static func decode(_ document: JSONDocument, into record: UnsafeMutablePointer<Int>) -> Bool {
        guard let n = number(in: document) else { return false }
        record.initialize(to: n)
        return true
    }

    static func number(in document: JSONDocument) -> Int? {
        document.member(JSONKey("n")).flatMap(document.shortNumber).map { Int($0.coefficient) }
    }

    func process(_ line: InputLine, decoded: UnsafeMutablePointer<Int>, file: String?) throws {
        let number = decoded.move()
        decodedAhead += 1
        try process(line, file: file)
        if ParseRecorder.number(in: document) != number { decodedWrongly += 1 }
    }

    func process(_ line: InputLine, file: String?) throws {
        guard try stage.parse(line, into: document, file: file) else {
            seen.append("\(file ?? "-"):\(line.number) refused")
            return
        }
        var members: [String] = []
        document.forEachMember { key, value in
            members.append("\(document.string(key) ?? "?")=\(String(decoding: document.rawValue(value), as: UTF8.self))")
        }
        seen.append("\(file ?? "-"):\(line.number) \(members.joined(separator: ","))")
    }

    func flush() throws { try stage.output.flush() }
}

@Suite("Read-ahead reader")
struct ReadAheadReaderTests {
    @Test func deliversTheLinesALineReaderReadsInOrderAcrossFilesAndBatches() throws {
        let long = String(repeating: "y", count: ReadAhead.byteLimit * 3)
        let first = (1...20_000).map { "{\"n\":\($0),\"s\":\"\(String(repeating: "x", count: $0 % 50))\"}" }.joined(separator: "\n")
        let second = "a\r\n\n  \n\(long)\nnot json\n[1,2]\n{\"last\":true}"
        let paths = [temporaryFile(Array((first + "\n").utf8)), temporaryFile(Array(second.utf8)), temporaryFile([])]
        defer { paths.forEach { unlink($0) } }
        let expected = try readDirectly(paths)
        #expect(expected.count == 20_005)
        #expect(try readAhead(paths) == expected)
    }

    @Test func cutsOverlongLinesAsALineReaderDoes() throws {
        let text = "{\"a\":1}\n" + String(repeating: "z", count: LineReader.defaultMaximumLineLength + 10) + "\n{\"b\":2}\n"
        let path = temporaryFile(Array(text.utf8))
        defer { unlink(path) }
        let lines = try readAhead([path])
        #expect(lines.map(\.number) == [1, 2, 3])
        #expect(lines.map(\.isOverlong) == [false, true, false])
        #expect(lines[1].text.count == LineReader.overlongPrefixLength)
    }

    @Test func scansObjectsAheadAndLeavesEverythingElseToTheStage() throws {
        let path = temporaryFile(Array("{\"type\":\"signal\",\"px\":1.25,\"tags\":[\"a\",{\"b\":null}]}\n{\"bad\":}\n[1]\n\"text\"\n".utf8))
        defer { unlink(path) }
        let reader = try ReadAheadReader(paths: [path], decode: noRecord)
        let scanned = JSONDocument(), parsed = JSONDocument()
        var scannedCount = 0, unscannedCount = 0
        while let line = try reader.next() {
            guard let nodes = line.scannedNodes else {
                unscannedCount += 1
                #expect(throws: JSONError.self) { try parsed.parseObject(line.bytes) }
                continue
            }
            scannedCount += 1
            try scanned.parseObject(line)
            try parsed.parseObject(line.bytes)
            #expect(nodes.count == parsed.nodeCount)
            for index in 0..<parsed.nodeCount {
                let a = scanned[index], b = parsed[index]
                #expect(a.kind == b.kind && a.start == b.start && a.end == b.end && a.next == b.next && a.payload == b.payload)
            }
            #expect(scanned.member(JSONKey("px")).flatMap(scanned.shortNumber)?.coefficient == 125)
        }
        #expect(scannedCount == 1)
        #expect(unscannedCount == 3)
    }

    @Test func aFileThatCannotBeOpenedFailsAfterTheLinesBeforeIt() throws {
        let path = temporaryFile(Array("{\"a\":1}\n{\"a\":2}\n".utf8))
        defer { unlink(path) }
        let reader = try ReadAheadReader(paths: [path, "/nonexistent/sluice-input", path], decode: noRecord)
        #expect(try reader.next() != nil)
        #expect(try reader.next() != nil)
        #expect(throws: IOError.cannotOpen(path: "/nonexistent/sluice-input", errno: ENOENT)) { try reader.next() }
    }

    @Test func asksTheStageToFlushBeforeWaitingForInput() throws {
        let pipe = try FileDescriptor.makePipe()
        try pipe.write.writeAll("{\"n\":1}\n")
        var waits = 0
        let lines = try readAhead(["/dev/fd/\(pipe.read.rawValue)"]) {
            waits += 1
            // The second line arrives only once the stage has been told it is about to wait.
            if waits == 1 {
                try pipe.write.writeAll("{\"n\":2}\n")
                try pipe.write.close()
            }
        }
        try pipe.read.close()
        #expect(lines.map(\.text) == ["{\"n\":1}", "{\"n\":2}"])
        #expect(waits >= 1)
    }

    @Test func aReaderDroppedBeforeTheEndStopsItsThread() throws {
        let path = temporaryFile(Array(String(repeating: "{\"n\":1}\n", count: 200_000).utf8))
        defer { unlink(path) }
        do {
            let reader = try ReadAheadReader(paths: [path], decode: noRecord)
            #expect(try reader.next() != nil)
            // Four batches hold far less than the file: the thread is still reading it.
            #expect(descriptors(openOn: path) == 1)
        }
        // The thread closes the file once it sees the reader gone.
        var open = descriptors(openOn: path)
        for _ in 0..<200 where open != 0 {
            usleep(10_000)
            open = descriptors(openOn: path)
        }
        #expect(open == 0)
    }

    @Test func readsAheadOnlyRegularFilesOnAMachineWithTwoProcessors() throws {
        let path = temporaryFile(Array("{}\n".utf8))
        defer { unlink(path) }
        let pipe = try FileDescriptor.makePipe()
        defer { try? pipe.read.close(); try? pipe.write.close() }
        let twoProcessors = sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1
        #expect(ReadAhead.suits([path]) == twoProcessors)
        #expect(ReadAhead.suits([path, path]) == twoProcessors)
        #expect(!ReadAhead.suits([path, "/dev/fd/\(pipe.read.rawValue)"]))
        #expect(!ReadAhead.suits(["/nonexistent/sluice-input"]))
        #expect(!ReadAhead.suits(["/tmp"]))
    }

    /// The stage takes each record it is handed; the batches destroy the ones never handed
    /// over, here those after a stage that stops early. The first batch is always decoded
    /// ahead, and the stage stops within it.
    @Test func eachDecodedRecordIsDestroyedOnceWhetherTheStageTookItOrNot() throws {
        let text = (1...100_000).map { "{\"n\":\($0),\"pad\":\"\(String(repeating: "x", count: $0 % 40))\"}" }.joined(separator: "\n")
        let path = temporaryFile(Array(text.utf8))
        defer { unlink(path) }
        do {
            let reader = try ReadAheadReader(paths: [path], decode: countedRecord)
            var taken = 0
            while taken < 1_000, try reader.next() != nil {
                guard let record = reader.decoded else { continue }
                _ = record.move()
                taken += 1
            }
            #expect(taken == 1_000)
            // The rest of the first batch, decoded and never handed over.
            #expect(Counted.alive.current > 0)
        }
        // The read-ahead thread lets its batches go once it sees the reader gone.
        for _ in 0..<500 where Counted.alive.current != 0 { usleep(10_000) }
        #expect(Counted.alive.current == 0)
    }

    @Test func aStageDecidesTheSameWithAndWithoutReadAhead() throws {
        let text = (1...5_000).map { n in
            n % 97 == 0 ? "{\"n\":\(n),}" : n % 89 == 0 ? "[\(n)]" : "{\"n\":\(n),\"s\":\"\\u00e9\(n)\",\"o\":{\"k\":[\(n)]}}"
        }.joined(separator: "\n")
        let paths = [temporaryFile(Array(text.utf8)), temporaryFile(Array("{\"z\":0}\n".utf8))]
        defer { paths.forEach { unlink($0) } }
        let direct = try runInProcess(ParseRecorder.init, on: paths, readAhead: false)
        let ahead = try runInProcess(ParseRecorder.init, on: paths, readAhead: true)
        let records = [direct.processor.seen, ahead.processor.seen]
        #expect(direct.processor.decodedWrongly == 0 && ahead.processor.decodedWrongly == 0)
        #expect(records[0].count == 5_001)
        // Each line is handed over with its own file's name.
        #expect(records[0].first?.hasPrefix(paths[0] + ":1 ") == true && records[0].last?.hasPrefix(paths[1] + ":1 ") == true)
        #expect(records[0].filter { $0.hasPrefix(paths[0] + ":") }.count == 5_000)
        #expect(records[0].filter { $0.hasSuffix("refused") }.count == 51 + 56)
        #expect(records[1] == records[0])
        #expect(direct.processor.decodedAhead == 0)
        // The first batches at least are decoded ahead, before the stage has fallen behind.
        #expect(ahead.processor.decodedAhead > 0)
        #expect(!direct.output.isEmpty)
        #expect(ahead.output == direct.output)
    }
}
