extension Instrument {
    /// Reads an instruments file (`--instruments FILE`): one `instrument` record a line. Any
    /// line that is not one stops the program: venue rules must not be guessed.
    public static func load(from path: String, _ body: (Instrument) -> Void) throws {
        let reader: LineReader
        do throws(IOError) {
            reader = LineReader(descriptor: try FileDescriptor.open(path), path: path)
        } catch {
            throw CommandLineError.configuration("instruments \(error)")
        }
        let document = JSONDocument()
        while let line = try reader.next() {
            do {
                try document.parseObject(line.bytes)
                body(try Instrument(document: document))
            } catch {
                throw CommandLineError.configuration("instruments \(path): line \(line.number): \(error)")
            }
        }
    }
}
