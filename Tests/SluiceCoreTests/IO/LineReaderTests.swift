import Glibc
import Testing
@testable import SluiceCore

/// Writes `bytes` to a new temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8]) -> String {
    var template = Array("/tmp/sluice-test-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    precondition(fd >= 0)
    bytes.withUnsafeBytes { raw in _ = write(fd, raw.baseAddress, raw.count) }
    close(fd)
    return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func readLines(_ bytes: [UInt8], maximum: Int = LineReader.defaultMaximumLineLength) throws -> [(String, Int, Bool)] {
    let path = temporaryFile(bytes)
    defer { unlink(path) }
    let reader = LineReader(descriptor: try FileDescriptor.open(path), path: path, maximumLineLength: maximum)
    var lines: [(String, Int, Bool)] = []
    while let line = try reader.next() {
        lines.append((String(decoding: line.bytes, as: UTF8.self), line.number, line.isOverlong))
    }
    return lines
}

@Suite("Line reader")
struct LineReaderTests {
    @Test func splitsLinesAndCountsThem() throws {
        let lines = try readLines(Array("a\nbb\r\n\n  \nccc".utf8))
        #expect(lines.map(\.0) == ["a", "bb", "ccc"])
        #expect(lines.map(\.1) == [1, 2, 5])
    }

    @Test func emptyInputHasNoLines() throws {
        #expect(try readLines([]).isEmpty)
        #expect(try readLines(Array("\n\n".utf8)).isEmpty)
    }

    @Test func linesSpanningManyBuffersArriveWhole() throws {
        let long = String(repeating: "x", count: LineReader.chunkSize * 3 + 17)
        let lines = try readLines(Array("first\n\(long)\nlast\n".utf8))
        #expect(lines.map(\.0.count) == [5, long.count, 4])
    }

    @Test func manyLinesAcrossBufferBoundaries() throws {
        let text = (1...50_000).map { "{\"n\":\($0)}" }.joined(separator: "\n") + "\n"
        let lines = try readLines(Array(text.utf8))
        #expect(lines.count == 50_000)
        #expect(lines.last?.0 == "{\"n\":50000}")
        #expect(lines.allSatisfy { $0.0 == "{\"n\":\($0.1)}" })
    }

    @Test func overlongLinesAreCutAndReported() throws {
        let long = String(repeating: "y", count: 5000)
        let lines = try readLines(Array("ok\n\(long)\nafter\n\(long)".utf8), maximum: 1000)
        #expect(lines.map(\.0.count) == [2, 1000, 5, 1000])
        #expect(lines.map(\.2) == [false, true, false, true])
        #expect(lines.map(\.1) == [1, 2, 3, 4])
    }

    @Test func flushHookRunsBeforeReads() throws {
        let path = temporaryFile(Array("a\nb\n".utf8))
        defer { unlink(path) }
        let reader = LineReader(descriptor: try FileDescriptor.open(path), path: path)
        var calls = 0
        reader.willRead = { calls += 1 }
        while try reader.next() != nil {}
        #expect(calls == 2)
        #expect(reader.isAtEnd)
    }

    @Test func directoriesAreNotInputs() {
        do {
            _ = try FileDescriptor.open("/tmp")
            Issue.record("opened a directory")
        } catch {
            #expect(error.isMissingInput)
            #expect(error.description == "/tmp: is a directory")
        }
    }

    @Test func missingFilesAreMissingInput() {
        do {
            _ = try FileDescriptor.open("/nonexistent/file.ndjson")
            Issue.record("opened a missing file")
        } catch {
            #expect(error.isMissingInput)
            #expect(error.description == "/nonexistent/file.ndjson: no such file or directory")
        }
    }
}
