import Metrics
import SeedContracts
import Synchronization

/// How much work the gateway lets wait on one service at once (decision 0037).
public struct AdmissionPolicy: Sendable {
    /// Requests of this gateway instance that may wait for one service's reply at the same time; the
    /// next one is answered 503 with `Retry-After` at once instead of queueing behind them.
    public var maxInFlightPerService = 512
    /// The `Retry-After` of a refused request and of one whose deadline passed.
    public var retryAfter: Duration = .seconds(1)

    public init() {}
}

/// Bounds the requests one gateway instance has in flight to each service, so that a service that
/// cannot keep up gets a bounded queue and fast 503s, and the requests for every other service keep
/// their own places.
final class ServiceAdmission: Sendable {
    let policy: AdmissionPolicy
    private let inFlight = Mutex<[ServiceName: Int]>([:])

    init(policy: AdmissionPolicy) {
        self.policy = policy
    }

    /// Runs `body` holding one of `service`'s places, or throws ``LoadShed`` at once when they are all
    /// taken. The place is freed when `body` returns or throws.
    func withPlace<T>(for service: ServiceName, _ body: () async throws -> T) async throws -> T {
        let admitted = inFlight.withLock { counts in
            let current = counts[service, default: 0]
            guard current < policy.maxInFlightPerService else { return false }
            counts[service] = current + 1
            return true
        }
        guard admitted else {
            Counter(label: "seed_gateway_requests_shed_total", dimensions: [("service", service.rawValue)]).increment()
            throw LoadShed(service: service, retryAfter: policy.retryAfter)
        }
        defer { inFlight.withLock { $0[service, default: 1] -= 1 } }
        return try await body()
    }
}

/// A request refused because its service already has ``AdmissionPolicy/maxInFlightPerService``
/// requests of this gateway waiting: 503 with `Retry-After`, counted in
/// `seed_gateway_requests_shed_total{service}` rather than logged one by one.
struct LoadShed: Error {
    let service: ServiceName
    let retryAfter: Duration

    func contractError(requestID: String?) -> ContractError {
        let seconds = GatewayError.wholeSeconds(retryAfter)
        return ContractError(
            .unavailable, "the \(service.rawValue) service is busy; retry after \(seconds) s (request id \(requestID ?? "-"))",
            details: ["requestId": requestID ?? "-", "retryAfterSeconds": String(seconds), "service": service.rawValue])
    }
}
