import SluiceCore

Stage.main(Journal.command) { arguments, stage in
    try Journal.run(arguments, stage: stage)
}
