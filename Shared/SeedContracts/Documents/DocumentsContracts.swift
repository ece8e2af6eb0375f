/// A command the documents service handles.
public protocol DocumentsCommand: Command {}

extension DocumentsCommand {
    public static var destination: CommandDestination { .service(.documents) }
}

/// An event the documents service publishes.
public protocol DocumentsEvent: Event {}

extension DocumentsEvent {
    public static var source: ServiceName { .documents }
}

/// The documents service's messages.
public enum DocumentsContracts: ServiceContracts {
    public static let owner: ServiceName? = .documents
    public static let commands: [any Command.Type] = []
    public static let replies: [any Message.Type] = []
    public static let events: [any Event.Type] = []
}
