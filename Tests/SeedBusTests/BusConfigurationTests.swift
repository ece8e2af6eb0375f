@testable import SeedBus
import SeedContracts
import Testing

@Suite("Bus configuration and errors")
struct BusConfigurationTests {
    @Test("a full amqp URL yields host, port, credentials and vhost")
    func parsesFullURL() throws {
        let configuration = try BusConfiguration(url: "amqp://seed:s%40cret@broker.local:5701/prod%2Fa")
        #expect(configuration.host == "broker.local")
        #expect(configuration.port == 5701)
        #expect(configuration.user == "seed")
        #expect(configuration.password == "s@cret")
        #expect(configuration.virtualHost == "prod/a")
        #expect(configuration.prefetch == 32)
        #expect(configuration.maxAttempts == 5)
    }

    @Test("a bare amqp URL defaults to guest, port 5672 and vhost /")
    func parsesBareURL() throws {
        let configuration = try BusConfiguration(url: "amqp://127.0.0.1/")
        #expect(configuration.user == "guest")
        #expect(configuration.password == "guest")
        #expect(configuration.port == 5672)
        #expect(configuration.virtualHost == "/")
    }

    @Test("a URL that is not amqp:// or has a bad port is refused with a clear message", arguments: [
        "http://localhost:5672/", "amqp://localhost:notaport/", "amqp://user:pw@/vhost",
    ])
    func refusesBadURL(_ url: String) {
        #expect {
            _ = try BusConfiguration(url: url)
        } throws: { error in
            guard case .invalidConfiguration(let reason) = error as? BusError else { return false }
            return reason.contains(url) || reason.contains("port") || reason.contains("host")
        }
    }

    @Test("every bus error maps to the contract error the gateway turns into HTTP")
    func mapsErrorsToContractErrors() {
        #expect(BusError.timeout("x").contractError.code == .timeout)
        #expect(BusError.unavailable("x").contractError.code == .unavailable)
        #expect(BusError.unroutable(exchange: "", routingKey: "q").contractError.code == .unavailable)
        #expect(BusError.malformed("x").contractError.code == .internal)
        let rejection = ContractError(.notFound, "no such task")
        #expect(BusError.rejected(rejection).contractError == rejection)
    }

    @Test("names carry the namespace and the documented suffixes")
    func namesTopology() {
        let names = BusNames(namespace: "ns.")
        #expect(names.commandQueue(of: .work) == "ns.seed.work.commands")
        #expect(names.eventQueue(of: .identity) == "ns.seed.identity.events")
        #expect(names.eventExchange == "ns.seed.events")
        #expect(names.retryQueue(of: "q", attempt: 2) == "q.retry.2")
        #expect(names.deadLetterQueue(of: "q") == "q.dlq")
        #expect(BusNames().commandQueue(of: .work) == ServiceName.work.commandQueue)
    }
}
