/// Asks a service whether its command consumer is alive. Every service answers it.
public struct PingV1: Command, Equatable {
    public typealias Reply = PongV1
    public static let messageType = MessageType("system.ping", version: 1)
    public static let destination = CommandDestination.anyService
    public static let summary = "Asks a service whether it is consuming its command queue."
    public static let example = PingV1(note: "hello")

    /// Echoed back in the reply.
    public var note: String?

    public init(note: String? = nil) { self.note = note }
}

/// The answer to ``PingV1``.
public struct PongV1: Message, Equatable {
    public static let messageType = MessageType("system.pong", version: 1)
    public static let summary = "A service's answer to system.ping.v1."
    public static let example = PongV1(service: .identity, instance: "identity-7f9c", note: "hello")

    public var service: ServiceName
    /// Identifies the answering process (host name and process id).
    public var instance: String
    public var note: String?

    public init(service: ServiceName, instance: String, note: String?) {
        self.service = service
        self.instance = instance
        self.note = note
    }
}
