/// One long option of a program. Options that take no value are flags.
public struct Option: Sendable {
    public let name: String
    /// Placeholder shown in help (`N`, `FILE`); nil for a flag.
    public let valueName: String?
    public let help: String
    public let defaultValue: String?
    /// May be given more than once; every value is kept in order.
    public let isRepeatable: Bool
    /// Only meaningful on the command line (not in a config file or profile).
    public let isCommandLineOnly: Bool

    public init(_ name: String, value valueName: String? = nil, default defaultValue: String? = nil,
                repeatable: Bool = false, commandLineOnly: Bool = false, help: String) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.defaultValue = defaultValue
        self.isRepeatable = repeatable
        self.isCommandLineOnly = commandLineOnly
    }

    public var isFlag: Bool { valueName == nil }
}
