#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where ``JSONLogHandler`` writes its finished lines.
public struct LogOutput: Sendable {
    /// Receives one complete line, newline included.
    public let write: @Sendable (String) -> Void

    /// Creates an output that hands each line to `write`.
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// The process's standard output; each line goes out in one `write(2)` call (retried on
    /// partial writes), so lines from concurrent loggers do not interleave within a line.
    public static let standardOutput = LogOutput { line in
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Self.systemWrite(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    private static func systemWrite(_ fd: Int32, _ buffer: UnsafePointer<UInt8>, _ count: Int) -> Int {
        #if canImport(Darwin)
        Darwin.write(fd, buffer, count)
        #elseif canImport(Musl)
        Musl.write(fd, buffer, count)
        #else
        Glibc.write(fd, buffer, count)
        #endif
    }
}
