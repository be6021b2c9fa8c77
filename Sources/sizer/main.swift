import SluiceCore

Stage.main(Sizer.command) { arguments, stage in
    try Sizer.run(arguments, stage: stage)
}
