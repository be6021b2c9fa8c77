/// A name with its `SymbolTable` hash, worked out once: `sizer` looks a signal's symbol up in
/// three tables, and its read-ahead thread hashes it while the stage works on the line before.
struct SymbolKey: Sendable {
    let name: String
    let hash: Int

    init(_ name: String) {
        self.name = name
        hash = SymbolTable<Void>.hash(name)
    }
}
