@testable import GatewayService
import SeedContracts
import Testing

@Suite("Route completeness")
struct RouteCompletenessTests {
    @Test("every command addressed to a service has a route or is listed as internal, and no internal one has a route")
    func everyClientCommandHasARoute() {
        let routed = Set(GatewayRoutes.all.compactMap { $0.command.map { $0.messageType.wireName } })
        let internalNames = Set(GatewayRoutes.internalCommands.map { $0.command.messageType.wireName })
        let serviceCommands = ContractCatalog.commands.filter { $0.destination != .anyService }.map { $0.messageType.wireName }
        let missing = serviceCommands.filter { !routed.contains($0) && !internalNames.contains($0) }
        #expect(missing.isEmpty, "commands with neither a route nor a place on the internal list: \(missing.sorted())")
        #expect(routed.isDisjoint(with: internalNames), "listed as internal but routed: \(routed.intersection(internalNames).sorted())")
        #expect(GatewayRoutes.internalCommands.allSatisfy { !$0.reason.isEmpty })
    }

    @Test("a route's declared command is the one it sends: bodies that are commands are recognised")
    func bodyCommandsAreRecognised() throws {
        let login = try #require(GatewayRoutes.all.first { $0.operationId == "login" })
        #expect(login.command.map { $0.messageType.wireName } == LoginV1.messageType.wireName)
    }
}
