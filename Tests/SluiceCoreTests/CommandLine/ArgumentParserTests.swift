import Glibc
import Testing
@testable import SluiceCore

@Suite("Command line")
struct ArgumentParserTests {
    let command = CommandDescription(
        name: "demo", abstract: "A demo.", synopsis: "demo [options] [FILE...]",
        options: [
            Option("level", value: "N", default: "3", help: "a level"),
            Option("tag", value: "TEXT", repeatable: true, help: "a tag"),
            Option("loud", help: "a flag"),
        ],
        profiles: ["default": [:], "calm": ["level": "1", "loud": "false"], "noisy": ["loud": "true", "level": "9"]])

    func parse(_ arguments: [String]) throws(CommandLineError) -> ParsedArguments {
        try ArgumentParser.parse(arguments, for: command)
    }

    @Test func durationsInSecondsAreReadAsWholeMilliseconds() throws {
        #expect(try parse(["--level", "1.5"]).milliseconds("level") == 1500)
        #expect(try parse(["--level", "300"]).milliseconds("level") == 300_000)
        #expect(try parse(["--level", "0.0019"]).milliseconds("level") == 1)
        #expect(try parse(["--level", "315360000"]).milliseconds("level") == 315_360_000_000)
        #expect(throws: CommandLineError.self) { try parse(["--level", "315360000.001"]).milliseconds("level") }
        #expect(throws: CommandLineError.self) { try parse(["--level", "-1"]).milliseconds("level") }
    }

    @Test func optionsAndOperands() throws {
        let parsed = try parse(["--level", "5", "a.csv", "--tag=x", "--tag", "y", "-", "--loud"])
        #expect(parsed.value("level") == "5")
        #expect(parsed.allValues("tag") == ["x", "y"])
        #expect(parsed.flag("loud"))
        #expect(parsed.operands == ["a.csv", "-"])
    }

    @Test func defaultsApply() throws {
        let parsed = try parse([])
        #expect(parsed.value("level") == "3")
        #expect(!parsed.flag("loud"))
        #expect(try parsed.integer("level", in: 0...10) == 3)
    }

    @Test func doubleDashEndsOptions() throws {
        #expect(try parse(["--", "--loud"]).operands == ["--loud"])
    }

    @Test func helpAndVersion() {
        #expect(throws: CommandLineError.helpRequested) { try parse(["--help"]) }
        #expect(throws: CommandLineError.helpRequested) { try parse(["-h"]) }
        #expect(throws: CommandLineError.versionRequested) { try parse(["x", "--version"]) }
        #expect(command.help.contains("--level N"))
        #expect(command.help.contains("(default: 3)"))
        #expect(command.help.hasPrefix("usage: demo [options] [FILE...]\n"))
    }

    @Test("usage errors", arguments: [
        (["--nope"], "unknown option '--nope'"),
        (["-x"], "unknown option '-x'"),
        (["--level"], "option '--level' needs a value (N)"),
        (["--loud=yes"], "option '--loud' takes no value"),
        (["--profile", "wild"], "unknown profile 'wild' (known: calm, default, noisy)"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) {
        #expect(throws: CommandLineError.usage(message)) { try parse(arguments) }
    }

    @Test func numbersAreChecked() throws {
        #expect(throws: CommandLineError.usage("--level: expected a whole number from 0 to 5, got '9'")) {
            try parse(["--level", "9"]).integer("level", in: 0...5)
        }
        #expect(throws: CommandLineError.usage("--level: expected a number, got 'x'")) { try parse(["--level", "x"]).decimal("level") }
    }

    @Test func layersOverrideInOrder() throws {
        let config = temporaryFile(Array(#"{"demo": {"level": 7, "tag": ["a", "b"]}, "other": {"x": 1}}"#.utf8))
        defer { unlink(config) }
        #expect(try parse(["--profile", "noisy"]).value("level") == "9")
        #expect(try parse(["--profile", "noisy", "--config", config]).value("level") == "7")
        #expect(try parse(["--profile", "noisy", "--config", config]).flag("loud"))
        #expect(try parse(["--profile", "noisy", "--config", config, "--level", "2"]).value("level") == "2")
        #expect(try parse(["--config", config]).allValues("tag") == ["a", "b"])
        #expect(try parse(["--profile", "noisy", "--no-loud"]).flag("loud") == false)
    }

    @Test func effectiveConfigurationIsJSON() throws {
        let parsed = try parse(["--profile", "calm", "--tag", "a\"b"])
        #expect(parsed.effectiveConfigurationJSON == #"{"level":1,"tag":["a\"b"],"loud":false}"#)
    }

    @Test func badConfigurationsAreReported() {
        let unknown = temporaryFile(Array(#"{"demo": {"volume": 11}}"#.utf8))
        let malformed = temporaryFile(Array(#"{"demo": {"level": }"#.utf8))
        let wrongType = temporaryFile(Array(#"{"demo": {"loud": "yes"}}"#.utf8))
        defer { for path in [unknown, malformed, wrongType] { unlink(path) } }
        #expect(throws: CommandLineError.configuration("config \(unknown): demo: unknown option 'volume'")) { try parse(["--config", unknown]) }
        #expect(throws: CommandLineError.configuration("config \(malformed): expected a value at byte 20")) { try parse(["--config", malformed]) }
        #expect(throws: CommandLineError.configuration("config \(wrongType): demo: 'loud' must be true or false")) { try parse(["--config", wrongType]) }
        #expect(throws: CommandLineError.configuration("config /no/such.json: no such file or directory")) { try parse(["--config", "/no/such.json"]) }
    }
}
