/// A typed, validated view of one protocol record.
public protocol Record {
    static var recordType: RecordType { get }
    init(_ fields: RecordFields) throws(RecordError)
}

extension Record {
    /// Validates the root object of `document` as this record type.
    public init(document: JSONDocument) throws(RecordError) {
        try self.init(RecordFields(document, type: Self.recordType.rawValue))
    }
}
