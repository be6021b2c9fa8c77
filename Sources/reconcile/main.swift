import SluiceCore

Stage.main(Reconcile.command) { arguments, stage in
    try Reconcile.run(arguments, stage: stage)
}
