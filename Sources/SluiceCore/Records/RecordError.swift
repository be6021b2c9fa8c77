/// A record that is valid JSON but not a valid record of its type; the message names the field
/// and the value (`signal: field 'confidence': expected a number from 0 to 1, got 1.5`).
public struct RecordError: Error, CustomStringConvertible, Equatable {
    public var recordType: String
    public var field: String?
    public var problem: String

    public init(_ recordType: String, field: String? = nil, _ problem: String) {
        self.recordType = recordType
        self.field = field
        self.problem = problem
    }

    public var description: String {
        if let field { return "\(recordType): field '\(field)': \(problem)" }
        return "\(recordType): \(problem)"
    }
}
