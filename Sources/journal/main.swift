import SluiceCore

// `journal report …` is a command of its own, with its own options.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "report" {
    Stage.main(JournalReport.command, arguments: Array(arguments.dropFirst())) { arguments, stage in
        try JournalReport.run(arguments, stage: stage)
    }
}
Stage.main(Journal.command, arguments: arguments) { arguments, stage in
    try Journal.run(arguments, stage: stage)
}
