// A libFuzzer entry for the JSON scanner and the record readers behind it. Not part of the
// package: Tests/Fuzz/run compiles it with the core's sources, -sanitize=fuzzer,address.

/// Every input must come back as a parsed document or a JSONError, never a crash, a read out of
/// bounds (AddressSanitizer) or a hang; and what parses must hold together.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let document = JSONDocument()
    let line = UnsafeBufferPointer(start: data, count: count)
    do throws(JSONError) {
        try document.parse(line)
    } catch {
        precondition(error.offset >= 0 && error.offset <= count, "error offset \(error.offset) outside the line of \(count) bytes")
        return 0
    }
    var decoded: [UInt8] = []
    for index in 0..<document.nodeCount {
        let node = document[index]
        precondition(node.start >= 0 && Int(node.end) <= count && node.start <= node.end, "node \(index) outside the line")
        switch node.kind {
        case .string:
            decoded.removeAll(keepingCapacity: true)
            document.decodeString(index, into: &decoded)
            precondition(String(validating: decoded, as: UTF8.self) != nil, "a decoded string is not valid UTF-8")
        case .object:
            document.forEachMember(of: index) { key, _ in precondition(document[key].kind == .string, "an object key that is not a string") }
        case .array:
            precondition(document.elements(of: index).count == Int(node.count), "an array's element count")
        default:
            break
        }
    }
    // The record readers take whatever parsed: they may refuse it, never crash.
    if document[0].kind == .object, let type = RecordType(of: document) {
        switch type {
        case .signal: _ = try? Signal(document: document)
        case .bar: _ = try? Bar(document: document)
        case .tick: _ = try? Tick(document: document)
        case .order: _ = try? Order(document: document)
        case .fill: _ = try? Fill(document: document)
        case .orderStatus: _ = try? OrderStatus(document: document)
        case .account: _ = try? Account(document: document)
        case .instrument: _ = try? Instrument(document: document)
        case .reject: _ = try? Reject(document: document)
        default: break
        }
    }
    return 0
}
