import SluiceCore

Stage.main(Exec.command) { arguments, stage in
    try Exec.run(arguments, stage: stage)
}
