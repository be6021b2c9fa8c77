import Glibc
import Testing
@testable import SluiceCore

@Suite("File descriptor")
struct FileDescriptorTests {
    /// The read-ahead thread decides where a batch is decoded by how many empty batches wait in
    /// its pipe: the count must follow every write and read, and not wait on an empty pipe.
    @Test func countsTheBytesWaitingInAPipe() throws {
        let pipe = try FileDescriptor.makePipe()
        defer {
            try? pipe.read.close()
            try? pipe.write.close()
        }
        #expect(try pipe.read.bytesWaiting() == 0)
        for written in 1...3 {
            try ReadAhead.post(pipe.write)
            #expect(try pipe.read.bytesWaiting() == written)
        }
        #expect(try ReadAhead.take(pipe.read))
        #expect(try pipe.read.bytesWaiting() == 2)
    }

    /// A descriptor number that is never open (a closed one may be reused by a test running
    /// alongside).
    @Test func anInvalidDescriptorIsAnError() {
        #expect(throws: IOError.readFailed(path: "ioctl", errno: EBADF)) { try FileDescriptor(rawValue: -1).bytesWaiting() }
    }
}
