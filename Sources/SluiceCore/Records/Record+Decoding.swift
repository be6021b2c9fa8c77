extension Record {
    /// Initializes `record` with the record `document` holds when it is one of this type and
    /// valid, for a stage's `LineProcessor.decode`; false otherwise, and the stage reads the
    /// line again to report it.
    @inline(__always)
    static func decode(_ document: JSONDocument, into record: UnsafeMutablePointer<Self>) -> Bool {
        guard RecordType(of: document) == recordType else { return false }
        do throws(RecordError) {
            let decoded = try Self(document: document)
            // Moved, not copied: a record can be a few hundred bytes with several Strings.
            record.initialize(to: consume decoded)
            return true
        } catch {
            return false
        }
    }
}
