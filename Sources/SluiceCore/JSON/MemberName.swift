/// An unescaped object key as the parser read it: where its bytes are, and its signature.
struct MemberName {
    let start: UnsafePointer<UInt8>
    let count: Int
    let signature: UInt64
}
