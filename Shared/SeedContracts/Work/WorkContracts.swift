/// A command the work service handles.
public protocol WorkCommand: Command {}

extension WorkCommand {
    public static var destination: CommandDestination { .service(.work) }
}

/// An event the work service publishes.
public protocol WorkEvent: Event {}

extension WorkEvent {
    public static var source: ServiceName { .work }
}

/// The work service's messages.
public enum WorkContracts: ServiceContracts {
    public static let owner: ServiceName? = .work
    public static let commands: [any Command.Type] = []
    public static let replies: [any Message.Type] = []
    public static let events: [any Event.Type] = []
}
