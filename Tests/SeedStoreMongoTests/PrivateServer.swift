import Foundation
import SeedStore
import SeedStoreMongo
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A test server of its own, on a port the kernel hands out, for tests that stop a server or need
/// one configured differently from the shared ones.
final class PrivateServer {
    let port: UInt16
    private let process = Process()

    /// Starts the executable named by `environmentVariable` with `arguments(port, folder)`.
    init(environmentVariable: String, arguments: (UInt16, URL) -> [String]) throws {
        guard let command = ProcessInfo.processInfo.environment[environmentVariable], !command.isEmpty else {
            Issue.record("\(environmentVariable) is not set: start the servers with scripts/lib/mongo-servers.sh (seed_start_mongo_servers)")
            throw MongoTestSetupError.missingEnvironment(environmentVariable)
        }
        port = try Self.freePort()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seed-mongo-\(port)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments(port, folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// The connection string of this server, with extra URI options.
    func uri(options: String = "") -> String {
        "mongodb://127.0.0.1:\(port)/?directConnection=true" + (options.isEmpty ? "" : "&" + options)
    }

    /// A store on this server; waits until the server answers (the first operation selects it).
    func store(database: String, uriOptions: String = "", readRetries: Int = 1) async throws -> MongoStore {
        let store = try MongoStore(configuration: MongoConfiguration(uri: uri(options: uriOptions), database: database, readRetries: readRetries))
        var answered = false
        for _ in 0..<20 where !answered {
            answered = (try? await store.count(in: "probe", where: .all)) != nil
        }
        try #require(answered, "the private server on port \(port) never answered")
        return store
    }

    /// Kills the server at once, as a crash would (nx-27017 waits for open connections on SIGTERM).
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { kill() }

    /// A port the kernel just handed out, so nothing else listens on it.
    private static func freePort() throws -> UInt16 {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socketDescriptor >= 0)
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, length) == 0 && getsockname(socketDescriptor, $0, &length) == 0
            }
        }
        try #require(bound)
        return UInt16(bigEndian: address.sin_port)
    }
}
