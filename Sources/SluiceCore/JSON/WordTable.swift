import Glibc

/// The cases of a String-valued enum by the bytes of their raw values, made once per type: a
/// record's words (side, kind, regime) are read for every line, and making a String of each
/// case to compare with cost more than the rest of reading them.
public struct WordTable<Word: RawRepresentable & CaseIterable & Sendable>: Sendable where Word.RawValue == String {
    /// Every case's text, one after the other, and where each ends.
    private let text: [UInt8]
    private let ends: [Int]
    private let words: [Word]

    public init() {
        words = Array(Word.allCases)
        text = words.flatMap { Array($0.rawValue.utf8) }
        var end = 0
        ends = words.map { word in
            end += word.rawValue.utf8.count
            return end
        }
    }

    /// The case spelled by `candidate` exactly, or nil.
    @inline(__always)
    func word(_ candidate: UnsafeBufferPointer<UInt8>) -> Word? {
        text.withUnsafeBufferPointer { text in
            var start = 0
            for index in 0..<ends.count {
                let end = ends[index]
                if end &- start == candidate.count && memcmp(text.baseAddress! + start, candidate.baseAddress!, candidate.count) == 0 {
                    return words[index]
                }
                start = end
            }
            return nil
        }
    }
}

/// An enum read from records through its `WordTable`.
public protocol TableWord: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    static var wordTable: WordTable<Self> { get }
}

extension SignalSide: TableWord { public static let wordTable = WordTable<SignalSide>() }
extension OrderSide: TableWord { public static let wordTable = WordTable<OrderSide>() }
extension Signal.Regime: TableWord { public static let wordTable = WordTable<Signal.Regime>() }
extension Order.Kind: TableWord { public static let wordTable = WordTable<Order.Kind>() }
extension Order.Intent: TableWord { public static let wordTable = WordTable<Order.Intent>() }
extension Fill.Reason: TableWord { public static let wordTable = WordTable<Fill.Reason>() }
extension HaltRecord.Mode: TableWord { public static let wordTable = WordTable<HaltRecord.Mode>() }
extension Instrument.AssetClass: TableWord { public static let wordTable = WordTable<Instrument.AssetClass>() }
extension Correction.Action: TableWord { public static let wordTable = WordTable<Correction.Action>() }
extension OrderStatus.Status: TableWord { public static let wordTable = WordTable<OrderStatus.Status>() }
