extension UnsafeMutablePointer {
    /// Moves the first `count` elements into new storage of at least `needed` elements, doubling
    /// `capacity` until it fits, and frees this storage: how every growable buffer grows.
    func regrown(keeping count: Int, capacity: inout Int, toHold needed: Int) -> UnsafeMutablePointer {
        var newCapacity = Swift.max(capacity, 1)
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer.allocate(capacity: newCapacity)
        grown.moveInitialize(from: self, count: count)
        deallocate()
        capacity = newCapacity
        return grown
    }
}
