/// Parses `PROG [options] [FILE...]`: long options as `--name value` or `--name=value`, flags as
/// `--name` (or `--no-name` to turn one off), `--` to end options, `-` for standard input.
public enum ArgumentParser {
    public static func parse(_ arguments: [String], for command: CommandDescription) throws(CommandLineError) -> ParsedArguments {
        var given: [String: [String]] = [:]
        var operands: [String] = []
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                operands.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            if argument == "-h" { throw .helpRequested }
            guard argument.hasPrefix("--") else { throw .usage("unknown option '\(argument)'") }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if name == "help" { throw .helpRequested }
            if name == "version" { throw .versionRequested }
            var negated = false
            var option = command.option(named: name)
            if option == nil, name.hasPrefix("no-"), let flag = command.option(named: String(name.dropFirst(3))), flag.isFlag {
                option = flag
                negated = true
            }
            guard let option else { throw .usage("unknown option '--\(name)'") }
            if option.isFlag {
                if inlineValue != nil { throw .usage("option '--\(name)' takes no value") }
                given[option.name] = [negated ? "false" : "true"]
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw .usage("option '--\(name)' needs a value (\(option.valueName!))") }
                value = arguments[index]
                index += 1
            }
            if option.isRepeatable {
                given[option.name, default: []].append(value)
            } else {
                given[option.name] = [value]
            }
        }
        let profileName = given["profile"]?.last ?? "default"
        guard let profile = command.profiles[profileName] else {
            throw .usage("unknown profile '\(profileName)' (known: \(command.profiles.keys.sorted().joined(separator: ", ")))")
        }
        var values: [String: [String]] = [:]
        for (key, value) in profile { values[key] = [value] }
        if let path = given["config"]?.last {
            for (key, value) in try ConfigurationFile.section(named: command.name, path: path, command: command) {
                values[key] = value
            }
        }
        for (key, value) in given { values[key] = value }
        return ParsedArguments(command: command, operands: operands, values: values)
    }
}
