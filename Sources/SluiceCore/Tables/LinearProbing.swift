/// What the open-addressing tables (`SymbolTable`, the journal's `RecentKeys`) share about
/// removing an entry without leaving a tombstone.
enum LinearProbing {
    /// Whether the entry at `slot`, whose first slot is `home`, must move back into the `hole`
    /// opened before it in its run: it must unless its home lies after the hole, up to itself
    /// (wrapping round the end of the table).
    @inline(__always)
    static func mustMoveBack(home: Int, into hole: Int, from slot: Int) -> Bool {
        let reachable = hole <= slot ? (home > hole && home <= slot) : (home > hole || home <= slot)
        return !reachable
    }
}
