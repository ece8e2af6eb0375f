import Foundation
public import SeedBus
import SeedContracts

extension ServiceHost {
    /// Connects the service to the bus configured by `SEED_AMQP_URL`, `SEED_BUS_PREFETCH`,
    /// `SEED_BUS_MAX_ATTEMPTS` and `SEED_BUS_QUEUE_TYPE`, and makes it part of the service:
    /// - the bus answers `system.ping.v1` for this service;
    /// - it runs beside the HTTP server and shuts down gracefully before it (in-flight handlers finish);
    /// - `/health/ready` fails while the bus has no broker connection.
    ///
    /// Register the service's own handlers and subscriptions on the returned bus before the host runs.
    public func addBus() throws -> Bus {
        var busConfiguration = try BusConfiguration(url: configuration.amqpURL.absoluteString)
        busConfiguration.prefetch = UInt16(configuration.busPrefetch)
        busConfiguration.maxAttempts = configuration.busMaxAttempts
        busConfiguration.queueType = configuration.busQueueType
        let service = configuration.service
        let bus = Bus(service: service, configuration: busConfiguration, logger: logger)
        let instance = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        bus.handle(PingV1.self) { ping, _ in
            PongV1(service: service, instance: instance, note: ping.note)
        }
        addService(bus)
        addReadinessCheck(name: "bus") {
            guard bus.isConnected else { throw BusError.unavailable("no connection to the broker") }
        }
        return bus
    }
}
