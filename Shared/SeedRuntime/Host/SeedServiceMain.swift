import Foundation
import Logging
public import SeedContracts

/// The single entry point of every Seed Suite executable.
///
/// ```swift
/// await SeedServiceMain.run(.identity) { host in
///     host.addService(consumer)
///     host.addReadinessCheck(name: "bus") { try await bus.ping() }
/// }
/// ```
public enum SeedServiceMain {
    /// Exit status for a bad configuration (`EX_CONFIG` from sysexits.h).
    public static let configurationExitCode: Int32 = 78
    /// Exit status when the data folder cannot be created (`EX_CANTCREAT` from sysexits.h).
    public static let dataDirectoryExitCode: Int32 = 73
    /// Exit status when `configure` throws or a running service fails.
    public static let failureExitCode: Int32 = 1

    /// Reads the configuration, bootstraps logging, metrics and tracing, lets `configure` add services and
    /// readiness checks (a ``ConfigurationError`` it throws exits with ``configurationExitCode``), then serves until SIGTERM or SIGINT and returns after a graceful shutdown.
    ///
    /// A bad configuration is printed to standard error, naming every bad variable, and the process
    /// exits with ``configurationExitCode``. When `configure` throws or a service fails, the error is
    /// logged and the process exits with ``failureExitCode``.
    public static func run(
        _ service: ServiceName,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        configure: (ServiceHost) async throws -> Void = { _ in }
    ) async {
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration(service: service, environment: environment)
        } catch {
            Self.fail(String(describing: error), exitCode: Self.configurationExitCode)
        }
        do {
            try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        } catch {
            Self.fail(
                "\(service.executableName): cannot create SEED_DATA_DIR \"\(configuration.dataDirectory)\": \(error.localizedDescription)",
                exitCode: Self.dataDirectoryExitCode
            )
        }

        let tracing = TracingBootstrap.isEnabled(configuration, environment: environment)
        let logger = LoggingBootstrap.bootstrap(configuration, metadataProvider: TracingBootstrap.metadataProvider(tracing: tracing))
        let host = ServiceHost(configuration: configuration, logger: logger, registry: MetricsBootstrap.registry)
        do {
            // Before `configure`: the bus, the unit of work and the router take the tracer active when made.
            if let exporter = try TracingBootstrap.bootstrap(configuration, environment: environment, logger: logger) {
                host.addService(exporter)
            }
        } catch {
            Self.fail("\(service.executableName): cannot export traces: \(error)", exitCode: Self.configurationExitCode)
        }
        do {
            try await configure(host)
        } catch let error as ConfigurationError {
            Self.fail(String(describing: error), exitCode: Self.configurationExitCode)
        } catch {
            logger.critical("configuring the service failed", error: error)
            exit(Self.failureExitCode)
        }
        logger.info(
            "starting",
            metadata: [
                "http.address": "\(configuration.httpHost):\(configuration.httpPort)",
                "services": "\(host.services.count)",
                "readiness.checks": .array(host.readinessChecks.map { .string($0.name) }),
            ]
        )
        do {
            try await host.makeServiceGroup().run()
        } catch {
            logger.critical("the service stopped with an error", error: error)
            exit(Self.failureExitCode)
        }
        logger.info("stopped")
    }

    private static func fail(_ message: String, exitCode: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(exitCode)
    }
}
