import SeedRuntime
import Testing

@Suite("SEED_BUS_QUEUE_TYPE")
struct BusQueueTypeConfigurationTests {
    @Test("unset means classic queues; quorum and classic are accepted")
    func values() throws {
        #expect(try ServiceConfiguration(service: .work, environment: [:]).busQueueType == .classic)
        #expect(try ServiceConfiguration(service: .work, environment: ["SEED_BUS_QUEUE_TYPE": "quorum"]).busQueueType == .quorum)
        #expect(try ServiceConfiguration(service: .work, environment: ["SEED_BUS_QUEUE_TYPE": "classic"]).busQueueType == .classic)
    }

    @Test("another value is reported with the accepted ones")
    func badValue() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ServiceConfiguration(service: .work, environment: ["SEED_BUS_QUEUE_TYPE": "stream"])
        }
        #expect(error.problems.map(\.variable.name) == ["SEED_BUS_QUEUE_TYPE"])
        #expect(error.description.contains("must be one of classic, quorum"))
    }
}
