/// The services of Seed Suite. Each owns one command queue and one database.
public enum ServiceName: String, Codable, Sendable, CaseIterable, Hashable {
    case identity
    case work
    case messaging
    case documents
    case businessAI = "business-ai"
    case nutrition
    case gateway

    /// The durable queue that receives this service's commands: `seed.<service>.commands`.
    public var commandQueue: String { "seed.\(rawValue).commands" }

    /// The durable queue that receives the events this service subscribes to: `seed.<service>.events`.
    public var eventQueue: String { "seed.\(rawValue).events" }
}

/// Names of the broker objects every service shares.
public enum BusTopology {
    /// Topic exchange that carries every event; the routing key is the event's ``MessageType/wireName``.
    public static let eventExchange = "seed.events"
}
