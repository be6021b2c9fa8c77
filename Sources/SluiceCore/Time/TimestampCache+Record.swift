extension TimestampCache {
    /// The `ts` of any parsed record, when it has a readable one (RFC 3339 or epoch
    /// milliseconds): what moves a stage's "now" in replay, whatever the record's type.
    public mutating func eventTime(of document: JSONDocument) -> Timestamp? {
        guard let index = document.member("ts") else { return nil }
        switch document[index].kind {
        case .string: return try? timestamp(document.text(index))
        case .number: return RecordFields.wholeNumber(in: document, at: index).flatMap { try? Timestamp(epochMilliseconds: $0) }
        default: return nil
        }
    }
}
