public import SeedBus
public import SeedContracts
import Testing

/// Checks that every command the contract addresses to `service` has a handler once `register` has
/// run on a bus of that service (nothing connects: the bus is only asked what it handles).
public func expectEveryCommandHandled(
    by service: ServiceName, sourceLocation: SourceLocation = #_sourceLocation, register: (Bus) throws -> Void
) throws {
    let bus = Bus(service: service, configuration: try BusConfiguration(url: "amqp://guest:guest@127.0.0.1:1/"), logger: TestServers.logger("test.completeness"))
    try register(bus)
    let handled = bus.handledCommands
    let missing = ContractCatalog.commands(handledBy: service).map { $0.messageType.wireName }.filter { !handled.contains($0) }
    #expect(missing.isEmpty, "commands addressed to \(service.rawValue) without a handler: \(missing.sorted())", sourceLocation: sourceLocation)
}
