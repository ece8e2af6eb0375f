import Foundation
import SeedRedis
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A `redis-server` process of the test's own, on a free port in 6392-6399, that the test can
/// stop and start again to simulate an outage.
final class PrivateRedisServer {
    let port: Int
    private let directory: URL
    private var process: Process?

    init() throws {
        port = try #require(
            (6392...6399).first(where: Self.isFree),
            "no free port in 6392-6399 for a private redis-server"
        )
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-redis-test-\(port)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        stop()
    }

    /// The URL of this server.
    var url: String { "redis://127.0.0.1:\(port)" }

    /// Starts `redis-server` and returns once it answers `PING`.
    func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "redis-server", "--bind", "127.0.0.1", "--port", String(port),
            "--save", "", "--appendonly", "no", "--dir", directory.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process

        let probe = RedisClient(configuration: try RedisConfiguration(url: url, poolSize: 1))
        var answered = false
        for _ in 0..<100 where !answered {
            answered = (try? await probe.ping()) != nil
            if !answered { try await Task.sleep(for: .milliseconds(100)) }
        }
        await probe.shutdown()
        try #require(answered, "redis-server on port \(port) did not answer PING within 10 s")
    }

    /// Kills the server, as a crash would, and waits for it to exit.
    ///
    /// SIGKILL, not SIGTERM: the child inherits the signal mask of the thread that spawned it, and
    /// on a dispatch worker thread that mask blocks SIGTERM.
    func stop() {
        guard let process else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    private static func isFree(_ port: Int) -> Bool {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { return false }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
