import Glibc
@testable import SluiceCore

/// Runs the processor `make` builds over `paths` in this process, as its program would, with
/// standard error discarded; returns what it wrote and the processor, for what it kept.
func runInProcess<Processor: LineProcessor>(_ make: (Stage) throws -> Processor, on paths: [String],
                                            readAhead: Bool) throws -> (output: [UInt8], processor: Processor) {
    let outputPath = temporaryFile([])
    defer { unlink(outputPath) }
    let destination = try FileDescriptor.open(outputPath, flags: O_WRONLY | O_TRUNC)
    let stage = Stage(name: "test", output: OutputBuffer(destination: destination))
    let processor = try make(stage)
    let savedError = dup(2), devNull = open("/dev/null", O_WRONLY)
    dup2(devNull, 2)
    defer { dup2(savedError, 2); close(savedError); close(devNull) }
    try stage.run(processor, on: paths, readAhead: readAhead)
    try destination.close()
    return (try FileDescriptor.readWholeFile(outputPath, maximum: 1 << 26), processor)
}
