import Foundation
import SeedStore
import SeedStoreMongo
import Testing

/// One of the two MongoDB-wire-compatible servers the tests run against (scripts/lib/mongo-servers.sh).
enum MongoTestServer: String, CaseIterable, Sendable, CustomStringConvertible {
    /// nx-27017 0.8.1: SQLite underneath.
    case nx
    /// SecantusDB: WiredTiger underneath, one-node replica set.
    case secantus

    var environmentVariable: String {
        switch self {
        case .nx: "SEED_TEST_MONGO_NX_URL"
        case .secantus: "SEED_TEST_MONGO_SECANTUS_URL"
        }
    }

    var description: String { rawValue }

    /// The server's URL from the environment; fails the test clearly when it is missing.
    func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[environmentVariable], !url.isEmpty else {
            Issue.record("\(environmentVariable) is not set: start the servers with scripts/lib/mongo-servers.sh (seed_start_mongo_servers)")
            throw MongoTestSetupError.missingEnvironment(environmentVariable)
        }
        return url
    }

    /// A store on a fresh database of its own, so tests never see each other's documents.
    func makeStore(_ test: String = #function) throws -> MongoStore {
        let name = "t_" + String(test.prefix { $0 != "(" }.prefix(40)) + "_" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return try MongoStore(configuration: MongoConfiguration(uri: url(), database: name))
    }

    /// Runs `body` with a fresh store; on nx-27017 one test at a time (see ``servesOneTestAtATime``).
    func withStore<T>(_ test: String = #function, _ body: (MongoStore) async throws -> T) async throws -> T {
        let store = try makeStore(test)
        defer { store.shutdown() }
        guard servesOneTestAtATime else { return try await body(store) }
        await TestLock.nx.lock()
        do {
            let result = try await body(store)
            await TestLock.nx.unlock()
            return result
        } catch {
            await TestLock.nx.unlock()
            throw error
        }
    }

    // MARK: what each server cannot do (the tests excuse exactly these)

    /// nx-27017 narrows 64-bit integers to 32 bits when it returns them.
    var keepsInt64: Bool { self != .nx }
    /// nx-27017 refuses Decimal128 values.
    var storesDecimal128: Bool { self != .nx }
    /// nx-27017 announces a standalone server (no replica set in `hello`), and MongoDB has no
    /// transactions on a standalone server, so `MongoStore` refuses them there (inserts of several
    /// documents then take the compensating path). Its own transactions would not be isolated anyway:
    /// other readers see uncommitted writes.
    var hasTransactions: Bool { self != .nx }
    /// nx-27017 (SQLite underneath) lets several documents lack a field of a non-sparse unique index;
    /// MongoDB indexes the missing field as `null` and refuses the second.
    var uniqueIndexesCountMissingAsNull: Bool { self != .nx }
    /// SecantusDB has no `$text` operator and no text indexes.
    var supportsText: Bool { self != .secantus }
    /// nx-27017 serves requests one at a time on one SQLite connection: while a transaction is open,
    /// another connection's write blocks the whole server, so its tests do not run concurrently.
    var servesOneTestAtATime: Bool { self == .nx }
}

/// A first-come, first-served lock across tests.
actor TestLock {
    static let nx = TestLock()

    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func unlock() {
        if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
    }
}

enum MongoTestSetupError: Error, CustomStringConvertible {
    case missingEnvironment(String)

    var description: String {
        switch self {
        case .missingEnvironment(let name): "environment variable \(name) is missing"
        }
    }
}
