/// The messages one service owns, listed beside their types (`Shared/SeedContracts/<Service>/`) and
/// gathered by ``ContractCatalog``.
///
/// Each service also declares a command protocol and an event protocol that default the destination
/// and the source, so that a message type says which service owns it once, in its declaration:
///
/// ```swift
/// public protocol WorkCommand: Command {}
/// extension WorkCommand { public static var destination: CommandDestination { .service(.work) } }
/// public struct CreateBoardV1: WorkCommand, Equatable { … }
/// ```
public protocol ServiceContracts: SendableMetatype {
    /// The service that handles these commands and publishes these events; `nil` for the messages
    /// every service shares.
    static var owner: ServiceName? { get }
    /// The commands the service handles (every one needs a handler: a test checks).
    static var commands: [any Command.Type] { get }
    /// The replies of those commands that are not messages of another service.
    static var replies: [any Message.Type] { get }
    /// The events the service publishes.
    static var events: [any Event.Type] { get }
}
