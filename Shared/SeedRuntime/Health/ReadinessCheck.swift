/// Something a service needs before it can take traffic, e.g. the broker connection or Redis.
///
/// A check passes by returning and fails by throwing; the error's description is reported as the
/// reason in the `/health/ready` body.
public protocol ReadinessCheck: Sendable {
    /// Short stable name shown in the readiness report, e.g. `bus` or `redis`.
    var name: String { get }

    /// Returns when the dependency is usable; throws an error saying why not otherwise.
    ///
    /// ``ReadinessProbe`` cancels a check that outlives its timeout, so a check must return
    /// promptly once its task is cancelled.
    func check() async throws
}

/// A ``ReadinessCheck`` made from a name and a closure.
public struct ClosureReadinessCheck: ReadinessCheck {
    public let name: String
    private let body: @Sendable () async throws -> Void

    /// Creates a check named `name` that runs `body`.
    public init(name: String, _ body: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.body = body
    }

    public func check() async throws {
        try await self.body()
    }
}
