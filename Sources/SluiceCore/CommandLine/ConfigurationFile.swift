import Glibc

/// Reads a JSON configuration file: one object with a section per program, whose keys are the
/// program's long option names (`{"sigsrc": {"id-prefix": "x", "speed": 10}}`). A string or
/// number gives a value, `true`/`false` sets a flag, an array gives a repeatable option's values.
public enum ConfigurationFile {
    public static let maximumSize = 4 * 1024 * 1024

    public static func section(named program: String, path: String, command: CommandDescription) throws(CommandLineError) -> [String: [String]] {
        let bytes = try read(path)
        let document = JSONDocument()
        return try bytes.withUnsafeBufferPointer { (buffer) throws(CommandLineError) -> [String: [String]] in
            do throws(JSONError) {
                try document.parseObject(buffer)
            } catch {
                throw .configuration("config \(path): \(error)")
            }
            guard let section = sectionIndex(document, program) else {
                return [:]
            }
            guard document[section].kind == .object else {
                throw .configuration("config \(path): section '\(program)' must be an object")
            }
            var result: [String: [String]] = [:]
            var failure: CommandLineError?
            document.forEachMember(of: section) { key, value in
                guard failure == nil else { return }
                let name = document.string(key) ?? ""
                guard let option = command.option(named: name), !option.isCommandLineOnly else {
                    failure = .configuration("config \(path): \(program): unknown option '\(name)'")
                    return
                }
                do throws(CommandLineError) {
                    result[name] = try values(of: value, in: document, option: option, path: path, program: program)
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            return result
        }
    }

    private static func sectionIndex(_ document: JSONDocument, _ program: String) -> Int? {
        var found: Int?
        document.forEachMember(of: 0) { key, value in
            if found == nil && document.string(key) == program { found = value }
        }
        return found
    }

    private static func values(of index: Int, in document: JSONDocument, option: Option, path: String, program: String) throws(CommandLineError) -> [String] {
        let node = document[index]
        let context = "config \(path): \(program): '\(option.name)'"
        if option.isFlag {
            guard let flag = document.bool(index) else { throw .configuration("\(context) must be true or false") }
            return [flag ? "true" : "false"]
        }
        switch node.kind {
        case .string: return [document.string(index)!]
        case .number: return [String(decoding: document.text(index), as: UTF8.self)]
        case .array where option.isRepeatable:
            var result: [String] = []
            for element in document.elements(of: index) {
                result += try values(of: element, in: document, option: Option(option.name, value: option.valueName, help: ""), path: path, program: program)
            }
            return result
        default:
            throw .configuration("\(context) must be a \(option.isRepeatable ? "string, number or array" : "string or number")")
        }
    }

    private static func read(_ path: String) throws(CommandLineError) -> [UInt8] {
        do throws(IOError) {
            return try FileDescriptor.readWholeFile(path, maximum: maximumSize)
        } catch {
            throw .configuration("config \(error)")
        }
    }
}
