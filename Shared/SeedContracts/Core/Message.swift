/// A payload that travels on the bus inside a ``WireMessage``.
///
/// Every message names its ``MessageType`` and carries an example, from which
/// `docs/contracts.md` is generated (`scripts/gen-contract-docs`).
public protocol Message: Codable, Sendable {
    /// Name and version on the wire.
    static var messageType: MessageType { get }
    /// One sentence for the contract reference.
    static var summary: String { get }
    /// A realistic instance, shown as the JSON example in the contract reference.
    static var example: Self { get }
}

/// Where a command goes.
public enum CommandDestination: Sendable, Hashable {
    /// The command queue of the service that owns the command.
    case service(ServiceName)
    /// Every service answers it; the sender names the service when it sends.
    case anyService
}

/// A request that one service (its owner) acts on. Sent point-to-point to the owner's command queue.
///
/// A command that needs an answer is sent as a request; its ``Reply`` comes back over
/// RabbitMQ's direct reply-to, either as the reply payload or as a ``ContractError``.
public protocol Command: Message {
    /// The answer to this command.
    associatedtype Reply: Message
    /// The service that handles it.
    static var destination: CommandDestination { get }
}

/// A fact that happened in the service that owns it, published on ``BusTopology/eventExchange``
/// with its ``MessageType/wireName`` as the routing key, after the change is durable.
public protocol Event: Message {
    /// The service that publishes it.
    static var source: ServiceName { get }
}

/// The reply of a command that only acknowledges.
public struct Accepted: Message, Equatable {
    public static let messageType = MessageType("system.accepted", version: 1)
    public static let summary = "The command was carried out; it has nothing else to return."
    public static let example = Accepted()
    public init() {}
}
