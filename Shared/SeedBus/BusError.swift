import SeedContracts

/// A failure of the bus itself, or a typed rejection that came back from a handler.
public enum BusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration (usually the AMQP URL) cannot be used.
    case invalidConfiguration(String)
    /// The broker could not be reached, or the connection was lost, within the deadline.
    case unavailable(String)
    /// No reply or confirmation within the deadline.
    case timeout(String)
    /// The broker returned a `mandatory` message: no queue is bound for it.
    case unroutable(exchange: String, routingKey: String)
    /// The broker refused to take responsibility for a published message (`basic.nack`).
    case publishNacked(exchange: String, routingKey: String)
    /// The handler answered with a typed error.
    case rejected(ContractError)
    /// A body could not be encoded or decoded.
    case malformed(String)
    /// A command whose destination is `.anyService` was sent without naming the service.
    case missingDestination(MessageType)
    /// The broker refused an operation (for example a queue declared with other arguments).
    case broker(String)
    /// The bus has been shut down.
    case shutDown

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): "invalid bus configuration: \(reason)"
        case .unavailable(let reason): "message broker unavailable: \(reason)"
        case .timeout(let what): "timed out: \(what)"
        case .unroutable(let exchange, let routingKey):
            "unroutable message: no queue bound for routing key '\(routingKey)' on exchange '\(exchange.isEmpty ? "(default)" : exchange)'"
        case .publishNacked(let exchange, let routingKey):
            "the broker nacked a message to '\(exchange.isEmpty ? "(default)" : exchange)' with routing key '\(routingKey)'"
        case .rejected(let error): "rejected: \(error)"
        case .malformed(let reason): "malformed message: \(reason)"
        case .missingDestination(let type): "\(type) can go to any service: pass `to:`"
        case .broker(let reason): "broker error: \(reason)"
        case .shutDown: "the bus is shut down"
        }
    }

    /// The error as a ``ContractError``, so the gateway can map every bus failure to an HTTP status.
    public var contractError: ContractError {
        switch self {
        case .rejected(let error): error
        case .timeout: ContractError(.timeout, description)
        case .unavailable, .unroutable, .publishNacked, .broker, .shutDown: ContractError(.unavailable, description)
        case .invalidConfiguration, .malformed, .missingDestination: ContractError(.internal, description)
        }
    }
}
