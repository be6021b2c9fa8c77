import Glibc
@testable import SluiceCore

/// Runs the processor `make` builds over `paths` in this process, as its program would; returns
/// what it wrote to its output and to its diagnostics, and the processor, for what it kept.
/// The diagnostics go to a file of their own: the test runner's standard error is shared by
/// every test running at the same time.
func runInProcess<Processor: LineProcessor>(_ make: (Stage) throws -> Processor, on paths: [String], readAhead: Bool) throws
    -> (output: [UInt8], diagnostics: [UInt8], processor: Processor) {
    let outputPath = temporaryFile([]), diagnosticsPath = temporaryFile([])
    defer { unlink(outputPath); unlink(diagnosticsPath) }
    let destination = try FileDescriptor.open(outputPath, flags: O_WRONLY | O_TRUNC)
    let diagnostics = try FileDescriptor.open(diagnosticsPath, flags: O_WRONLY | O_TRUNC)
    let stage = Stage(name: "test", output: OutputBuffer(destination: destination), diagnostics: diagnostics)
    let processor = try make(stage)
    try stage.run(processor, on: paths, readAhead: readAhead)
    try destination.close()
    try diagnostics.close()
    return (try FileDescriptor.readWholeFile(outputPath, maximum: 1 << 26),
            try FileDescriptor.readWholeFile(diagnosticsPath, maximum: 1 << 26), processor)
}
