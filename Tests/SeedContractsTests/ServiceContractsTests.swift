import SeedContracts
import Testing

@Suite("Service contract lists")
struct ServiceContractsTests {
    @Test("each service's list holds only the commands addressed to it and the events it publishes")
    func listsMatchOwners() {
        for contracts in ContractCatalog.services {
            for command in contracts.commands {
                let expected: CommandDestination = contracts.owner.map { .service($0) } ?? .anyService
                #expect(command.destination == expected, "\(command.messageType) is listed under \(contracts) but goes to \(command.destination)")
            }
            for event in contracts.events {
                #expect(event.source == contracts.owner, "\(event.messageType) is listed under \(contracts) but is published by \(event.source)")
            }
        }
    }

    @Test("no message type is listed twice and every service has its list")
    func noDuplicatesAndEveryServiceListed() {
        let names = ContractCatalog.all.map { $0.messageType.wireName }
        #expect(Set(names).count == names.count, "listed twice: \(Dictionary(grouping: names, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
        let owners = Set(ContractCatalog.services.compactMap { $0.owner })
        #expect(owners == Set(ServiceName.allCases).subtracting([.gateway]))
    }
}
