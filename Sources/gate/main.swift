import SluiceCore

Stage.main(Gate.command) { arguments, stage in
    try Gate.run(arguments, stage: stage)
}
