/// A command the businessAI service handles.
public protocol BusinessAICommand: Command {}

extension BusinessAICommand {
    public static var destination: CommandDestination { .service(.businessAI) }
}

/// An event the businessAI service publishes.
public protocol BusinessAIEvent: Event {}

extension BusinessAIEvent {
    public static var source: ServiceName { .businessAI }
}

/// The businessAI service's messages.
public enum BusinessAIContracts: ServiceContracts {
    public static let owner: ServiceName? = .businessAI
    public static let commands: [any Command.Type] = []
    public static let replies: [any Message.Type] = []
    public static let events: [any Event.Type] = []
}
