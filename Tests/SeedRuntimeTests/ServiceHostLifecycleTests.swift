import Foundation
import HummingbirdTesting
import Logging
import Prometheus
import SeedContracts
import ServiceLifecycle
import Synchronization
import Testing

@testable import SeedRuntime

@Suite("Service host lifecycle")
struct ServiceHostLifecycleTests {
    /// A service that waits for graceful shutdown and then checks whether the HTTP server still answers.
    final class ShutdownWitness: Service {
        let port: Int
        /// `true` once the service saw graceful shutdown and the HTTP server had already stopped.
        let stoppedAfterHTTP = Mutex<Bool?>(nil)

        init(port: Int) {
            self.port = port
        }

        func run() async throws {
            try await gracefulShutdown()
            let httpStillAnswers = (try? await ServiceExecutableTests.get(port: self.port, path: "/health/live")) != nil
            self.stoppedAfterHTTP.withLock { $0 = !httpStillAnswers }
        }
    }

    @Test("graceful shutdown stops the HTTP server first, then the services the host added")
    func gracefulShutdownOrder() async throws {
        let port = 18092
        let configuration = try ServiceConfiguration(service: .work, environment: ["SEED_HTTP_PORT": "\(port)"])
        let host = ServiceHost(configuration: configuration, logger: Logger(label: "test"), registry: PrometheusCollectorRegistry())
        let witness = ShutdownWitness(port: port)
        host.addService(witness)
        let group = host.makeServiceGroup()

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let live = try await ServiceExecutableTests.waitUntilServing(port: port, path: "/health/live")
            #expect(live.status == .ok)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(witness.stoppedAfterHTTP.withLock { $0 } == true)
    }
}
