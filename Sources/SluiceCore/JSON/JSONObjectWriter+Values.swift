extension JSONObjectWriter {
    public mutating func timestamp(_ name: StaticString, _ value: Timestamp) {
        key(name)
        output.append(timestamp: value)
    }

    public mutating func decimal(_ name: StaticString, _ value: Decimal) {
        key(name)
        output.append(decimal: value)
    }

    public mutating func string(_ name: StaticString, _ value: ByteText) {
        key(name)
        output.appendJSONString(value)
    }
}
