/// Typed access to the objects of a state file, with messages naming the field.
struct StateReader {
    let document: JSONDocument

    func value(_ key: JSONKey, of object: Int) throws(RecordError) -> Int {
        guard let index = document.member(key, of: object) else { throw RecordError("state", field: key.name, "missing") }
        return index
    }

    func string(_ key: JSONKey, of object: Int) throws(RecordError) -> String {
        guard let text = document.string(try value(key, of: object)) else { throw RecordError("state", field: key.name, "expected a string") }
        return text
    }

    func optionalString(_ key: JSONKey, of object: Int) throws(RecordError) -> String? {
        document.member(key, of: object) == nil ? nil : try string(key, of: object)
    }

    func raw(_ key: JSONKey, of object: Int) throws(RecordError) -> String {
        String(decoding: document.rawValue(try value(key, of: object)), as: UTF8.self)
    }

    func integer(_ key: JSONKey, of object: Int) throws(RecordError) -> Int64 {
        guard let number = RecordFields.parseInteger(document.text(try value(key, of: object))) else {
            throw RecordError("state", field: key.name, "expected a whole number")
        }
        return number
    }

    func time(_ key: JSONKey, of object: Int) throws(RecordError) -> Timestamp {
        Timestamp(milliseconds: try integer(key, of: object))
    }

    func optionalTime(_ key: JSONKey, of object: Int) throws(RecordError) -> Timestamp? {
        document.member(key, of: object) == nil ? nil : try time(key, of: object)
    }

    func decimal(_ key: JSONKey, of object: Int) throws(RecordError) -> Decimal {
        let text = document.text(try value(key, of: object))
        do throws(DecimalError) {
            return try Decimal(parsing: text)
        } catch {
            throw RecordError("state", field: key.name, error.description)
        }
    }

    func optionalDecimal(_ key: JSONKey, of object: Int = 0) throws(RecordError) -> Decimal? {
        document.member(key, of: object) == nil ? nil : try decimal(key, of: object)
    }

    func word<T: RawRepresentable>(_ key: JSONKey, of object: Int, as: T.Type) throws(RecordError) -> T where T.RawValue == String {
        guard let word = T(rawValue: try string(key, of: object)) else { throw RecordError("state", field: key.name, "unknown value") }
        return word
    }

    func list(_ key: JSONKey) throws(RecordError) -> [Int] {
        let index = try value(key, of: 0)
        guard document[index].kind == .array else { throw RecordError("state", field: key.name, "expected a list") }
        return document.elements(of: index)
    }

    func times(_ key: JSONKey, of object: Int) throws(RecordError) -> [Timestamp] {
        let index = try value(key, of: object)
        guard document[index].kind == .array else { throw RecordError("state", field: key.name, "expected a list") }
        var result: [Timestamp] = []
        for element in document.elements(of: index) {
            guard let ms = RecordFields.parseInteger(document.text(element)) else { throw RecordError("state", field: key.name, "expected times") }
            result.append(Timestamp(milliseconds: ms))
        }
        return result
    }
}
