/// What a record's initializer reads its fields with: `RecordFields` over a parsed document, or
/// `FlatFields` straight from a line in the form stages write. One initializer serves both, so
/// the two paths cannot disagree on what a field means.
///
/// `at` is where a field was found (`members(_:)`), 0 when it is absent or null.
protocol FieldReader {
    associatedtype Failure: Error

    /// Where each of `index`'s fields is, by field number.
    func members(_ index: MemberIndex) -> MemberValues
    func failure(_ key: JSONKey, _ problem: String) -> Failure
    func string(_ key: JSONKey, at index: Int) throws(Failure) -> String
    func symbol(_ key: JSONKey, at index: Int) throws(Failure) -> String
    func word<T: TableWord>(_ key: JSONKey, at index: Int, as type: T.Type, aliases: [String: T]?) throws(Failure) -> T
    func optionalWord<T: TableWord>(_ key: JSONKey, at index: Int, as type: T.Type) throws(Failure) -> T?
    func timestamp(_ key: JSONKey, at index: Int) throws(Failure) -> Timestamp
    func optionalTimestamp(_ key: JSONKey, at index: Int) throws(Failure) -> Timestamp?
    func positiveDecimal(_ key: JSONKey, at index: Int) throws(Failure) -> Decimal
    func optionalPositiveDecimal(_ key: JSONKey, at index: Int) throws(Failure) -> Decimal?
    func nonNegativeDecimal(_ key: JSONKey, at index: Int) throws(Failure) -> Decimal
}

extension RecordFields: FieldReader {
    func members(_ index: MemberIndex) -> MemberValues { document.rootMembers(index) }
}
