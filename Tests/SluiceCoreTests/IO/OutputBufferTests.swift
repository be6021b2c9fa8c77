import Testing
@testable import SluiceCore

@Suite("Output buffer")
struct OutputBufferTests {
    /// Short copies go a word at a time with the last word overlapping: every length from 0 past
    /// the point where memcpy takes over must copy exactly its bytes and touch none around them.
    @Test func copiesEveryLengthExactly() {
        let source = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        for count in 0...80 {
            var target = [UInt8](repeating: 0xEE, count: count + 16)
            source.withUnsafeBufferPointer { from in
                target.withUnsafeMutableBufferPointer { to in
                    OutputBuffer.copy(from.baseAddress! + 3, to: to.baseAddress! + 8, count: count)
                }
            }
            #expect(Array(target[8..<(8 + count)]) == Array(source[3..<(3 + count)]), "\(count)")
            #expect(target[..<8].allSatisfy { $0 == 0xEE } && target[(8 + count)...].allSatisfy { $0 == 0xEE }, "\(count)")
        }
    }

    @Test func appendedPiecesComeOutInOrder() {
        let output = OutputBuffer(destination: .standardOutput, capacity: 16)
        var expected: [UInt8] = []
        for count in 0...40 {
            let piece = (0..<count).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            piece.withUnsafeBufferPointer { output.append($0) }
            expected += piece
        }
        #expect(output.takeBytes() == expected)
    }
}
