public import Hummingbird
public import HummingbirdCore
public import Logging
public import Prometheus
public import ServiceLifecycle

/// What a service adds to the runtime before it starts: long-running services (the bus consumer),
/// readiness checks (broker, Redis), and HTTP routes or middleware (the gateway).
///
/// ``SeedServiceMain/run(_:environment:configure:)`` creates one host, hands it to the service's
/// `configure` closure, and then runs it. A host is set up once and run once.
public final class ServiceHost {
    /// The validated configuration of the service.
    public let configuration: ServiceConfiguration
    /// The service's logger, label `seed.<service>`.
    public let logger: Logger
    /// The HTTP router; health and metrics routes are added when the application is made.
    public let router: Router<SeedRequestContext>
    /// Services run next to the HTTP server, in the order they were added.
    public private(set) var services: [any Service] = []
    /// Checks that `/health/ready` runs, in the order they were added.
    public private(set) var readinessChecks: [any ReadinessCheck] = []

    /// The HTTP server the application runs: HTTP/1.1 by default; the gateway's adds the WebSocket upgrade.
    public var server: HTTPServerBuilder = .http1()

    private let registry: PrometheusCollectorRegistry
    private var hasMadeApplication = false

    /// Creates a host for `configuration`.
    /// - Parameters:
    ///   - configuration: The validated configuration.
    ///   - logger: The service's logger.
    ///   - registry: The registry `/metrics` serves; the process-wide one by default.
    public init(
        configuration: ServiceConfiguration,
        logger: Logger,
        registry: PrometheusCollectorRegistry = MetricsBootstrap.registry
    ) {
        self.configuration = configuration
        self.logger = logger
        self.registry = registry
        self.router = Router(context: SeedRequestContext.self)
        self.router.add(middleware: MetricsMiddleware())
    }

    /// Runs `service` alongside the HTTP server; it is asked to shut down gracefully before the
    /// server stops, in the reverse order of adding.
    public func addService(_ service: any Service) {
        self.services.append(service)
    }

    /// Makes `/health/ready` depend on `check`.
    public func addReadinessCheck(_ check: any ReadinessCheck) {
        self.readinessChecks.append(check)
    }

    /// Makes `/health/ready` depend on `body` under the name `name`; `body` throws when not ready.
    public func addReadinessCheck(name: String, _ body: @escaping @Sendable () async throws -> Void) {
        self.addReadinessCheck(ClosureReadinessCheck(name: name, body))
    }

    /// The HTTP application: the router with the health and metrics routes, bound to the configured
    /// host and port. It does not include the added services; ``makeServiceGroup()`` runs both.
    ///
    /// Call it once, after every check is added: it registers the routes on ``router``.
    public func makeApplication() -> some ApplicationProtocol {
        precondition(!self.hasMadeApplication, "ServiceHost.makeApplication() may be called only once")
        self.hasMadeApplication = true
        RuntimeRoutes.add(to: self.router, probe: ReadinessProbe(checks: self.readinessChecks), registry: self.registry)
        return Application(
            router: self.router,
            server: self.server,
            configuration: .init(
                address: .hostname(self.configuration.httpHost, port: self.configuration.httpPort),
                serverName: self.configuration.service.executableName
            ),
            logger: self.logger
        )
    }

    /// A service group that runs the added services and the HTTP application and shuts them down
    /// gracefully on SIGTERM or SIGINT: the HTTP server first, then the added services in reverse order.
    public func makeServiceGroup() -> ServiceGroup {
        ServiceGroup(
            configuration: .init(
                services: self.services + [self.makeApplication()],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: self.logger
            )
        )
    }
}
