public import SeedBus

/// Connects the nutrition service's commands and subscriptions on the bus to its use cases: one line each.
public enum NutritionHandlers {
    public static func register(_ service: NutritionService, on bus: Bus) {}
}
