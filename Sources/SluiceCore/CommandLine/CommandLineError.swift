/// What stops a program before it starts: a request for help or the version, a misused command
/// line (exit 64) or a bad configuration (exit 78).
public enum CommandLineError: Error, CustomStringConvertible, Equatable {
    case helpRequested
    case versionRequested
    case usage(String)
    case configuration(String)

    public var description: String {
        switch self {
        case .helpRequested: return "help requested"
        case .versionRequested: return "version requested"
        case let .usage(message): return message
        case let .configuration(message): return message
        }
    }
}
