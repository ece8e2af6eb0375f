public import SeedBus

/// Connects the businessAI service's commands and subscriptions on the bus to its use cases: one line each.
public enum BusinessAIHandlers {
    public static func register(_ service: BusinessAIService, on bus: Bus) {}
}
