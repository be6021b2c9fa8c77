/// Splits one CSV line into field ranges without copying. Surrounding double quotes are removed;
/// market data files do not put commas inside fields.
public struct CSVFields {
    public private(set) var ranges: [Range<Int>] = []

    public init() {}

    public mutating func split(_ line: UnsafeBufferPointer<UInt8>) {
        ranges.removeAll(keepingCapacity: true)
        var start = 0
        var i = 0
        while i <= line.count {
            if i == line.count || line[i] == UInt8(ascii: ",") {
                var a = start, b = i
                while a < b && (line[a] == 0x20 || line[a] == 0x09) { a += 1 }
                while b > a && (line[b - 1] == 0x20 || line[b - 1] == 0x09) { b -= 1 }
                if b - a >= 2 && line[a] == UInt8(ascii: "\"") && line[b - 1] == UInt8(ascii: "\"") {
                    a += 1
                    b -= 1
                }
                ranges.append(a..<b)
                start = i + 1
            }
            i += 1
        }
    }

    public var count: Int { ranges.count }
}
