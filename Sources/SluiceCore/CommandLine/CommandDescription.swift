/// What a program accepts: the parser, `--help` and `--print-config` all read this.
public struct CommandDescription: Sendable {
    public let name: String
    public let abstract: String
    public let synopsis: String
    public let options: [Option]
    /// Built-in presets for `--profile`: option name → value, as a config file would give them.
    public let profiles: [String: [String: String]]

    public static let version = "0.1.0"

    /// The options every program has.
    public static let commonOptions: [Option] = [
        Option("config", value: "FILE", commandLineOnly: true, help: "read options from the section named after this program in a JSON file"),
        Option("profile", value: "NAME", default: "default", commandLineOnly: true, help: "start from a built-in preset"),
        Option("strict", help: "stop at the first malformed line (exit 65) instead of writing an error record"),
        Option("help", commandLineOnly: true, help: "print this help and exit"),
        Option("version", commandLineOnly: true, help: "print the version and exit"),
    ]

    public init(name: String, abstract: String, synopsis: String, options: [Option], profiles: [String: [String: String]] = ["default": [:]]) {
        self.name = name
        self.abstract = abstract
        self.synopsis = synopsis
        self.options = options + CommandDescription.commonOptions
        self.profiles = profiles
    }

    public func option(named name: String) -> Option? { options.first { $0.name == name } }

    public var usageLine: String { "usage: \(synopsis)" }

    public var help: String {
        var lines = [usageLine, "", abstract, "", "options:"]
        let labels = options.map { option in "  --\(option.name)" + (option.valueName.map { " \($0)" } ?? "") }
        let width = min(30, (labels.map(\.count).max() ?? 0) + 2)
        for (option, label) in zip(options, labels) {
            var text = option.help
            if let value = option.defaultValue { text += " (default: \(value))" }
            let padding = label.count < width ? String(repeating: " ", count: width - label.count) : "\n" + String(repeating: " ", count: width)
            lines.append(label + padding + text)
        }
        lines.append("")
        lines.append("profiles: \(profiles.keys.sorted().joined(separator: ", "))")
        return lines.joined(separator: "\n") + "\n"
    }
}
