/// A command the messaging service handles.
public protocol MessagingCommand: Command {}

extension MessagingCommand {
    public static var destination: CommandDestination { .service(.messaging) }
}

/// An event the messaging service publishes.
public protocol MessagingEvent: Event {}

extension MessagingEvent {
    public static var source: ServiceName { .messaging }
}

/// The messaging service's messages.
public enum MessagingContracts: ServiceContracts {
    public static let owner: ServiceName? = .messaging
    public static let commands: [any Command.Type] = []
    public static let replies: [any Message.Type] = []
    public static let events: [any Event.Type] = []
}
