/// Every message type the suite defines, gathered from the services' lists (``ServiceContracts``).
/// The contract reference (`docs/contracts.md`) is generated from it, a test checks that every type
/// in it round-trips, and each service's tests check that every command addressed to it has a handler.
///
/// Add each new command, reply and event to its service's list in the same commit that defines it.
public enum ContractCatalog {
    /// Each service's messages, in the order of the contract reference.
    public static let services: [any ServiceContracts.Type] = [
        SystemContracts.self, IdentityContracts.self, WorkContracts.self, MessagingContracts.self,
        DocumentsContracts.self, BusinessAIContracts.self, NutritionContracts.self,
    ]

    public static let commands: [any Command.Type] = services.flatMap { $0.commands }

    public static let replies: [any Message.Type] = services.flatMap { $0.replies }

    public static let events: [any Event.Type] = services.flatMap { $0.events }

    /// Commands, replies and events together.
    public static var all: [any Message.Type] {
        commands.map { $0 as any Message.Type } + replies + events.map { $0 as any Message.Type }
    }

    /// The commands that `service` handles (those addressed to it, not those every service answers).
    public static func commands(handledBy service: ServiceName) -> [any Command.Type] {
        commands.filter { $0.destination == .service(service) }
    }
}
