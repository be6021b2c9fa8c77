import SluiceCore

Stage.main(Sigsrc.command) { arguments, stage in
    try Sigsrc.run(arguments, stage: stage)
}
