import SeedBus

/// Bounds how many whole-suite fixtures (every service, its buses and a gateway) run at once in one
/// test process.
///
/// Swift Testing starts every suite together; on a two-core machine some twenty fixtures booting at
/// once (eight broker connections each, bcrypt in every journey) left requests without a reply for
/// longer than the HTTP test client's fixed 20 s read timeout. Above a few fixtures the cores are
/// saturated anyway, so queueing the rest costs no throughput and keeps each test's timing honest.
public actor FixtureGate {
    /// The gate every suite fixture of a test process shares.
    public static let shared = FixtureGate(limit: 3)

    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int) {
        precondition(limit > 0, "a gate must let something through")
        self.limit = limit
    }

    /// Runs `body` once fewer than `limit` other bodies are running, and frees the place afterwards,
    /// also when `body` throws.
    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await enter()
        do {
            let value = try await body()
            leave()
            return value
        } catch {
            leave()
            throw error
        }
    }

    private func enter() async {
        if running < limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            // The place passes straight to the next in line: `running` stays the same.
            waiting.removeFirst().resume()
        }
    }
}

/// Waits until every bus in `buses` is connected to the broker, or throws once `limit` has passed,
/// so that a fixture never starts sending to services whose queues do not exist yet.
public func waitUntilConnected(_ buses: [Bus], within limit: Duration = .seconds(60)) async throws {
    let deadline = ContinuousClock.now + limit
    while !buses.allSatisfy(\.isConnected) {
        guard ContinuousClock.now < deadline else {
            throw TestEnvironmentError(description: "the test buses did not connect within \(limit)")
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}
