import Glibc

/// A non-blocking pipe that Swift callers write to wake the connection thread out of `poll()`.
final class WakeSignal: Sendable {
    /// The read end, to poll for readability.
    let descriptor: Int32
    private let writeDescriptor: Int32

    init() throws(BusError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .unavailable("pipe failed: errno \(errno)") }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        descriptor = ends[0]
        writeDescriptor = ends[1]
    }

    deinit {
        close(descriptor)
        close(writeDescriptor)
    }

    /// Makes the read end readable (a full pipe is already readable, so a failed write is harmless).
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe; call before looking at the work it announced.
    func reset() {
        var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &buffer, { read(descriptor, $0.baseAddress, $0.count) }) == MemoryLayout.size(ofValue: buffer) {}
    }
}
