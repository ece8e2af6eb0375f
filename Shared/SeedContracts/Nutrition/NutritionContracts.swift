/// A command the nutrition service handles.
public protocol NutritionCommand: Command {}

extension NutritionCommand {
    public static var destination: CommandDestination { .service(.nutrition) }
}

/// An event the nutrition service publishes.
public protocol NutritionEvent: Event {}

extension NutritionEvent {
    public static var source: ServiceName { .nutrition }
}

/// The nutrition service's messages.
public enum NutritionContracts: ServiceContracts {
    public static let owner: ServiceName? = .nutrition
    public static let commands: [any Command.Type] = []
    public static let replies: [any Message.Type] = []
    public static let events: [any Event.Type] = []
}
