public import SeedBus

/// Connects the messaging service's commands and subscriptions on the bus to its use cases: one line each.
public enum MessagingHandlers {
    public static func register(_ service: MessagingService, on bus: Bus) {}
}
