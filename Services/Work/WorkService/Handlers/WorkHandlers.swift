public import SeedBus

/// Connects the work service's commands and subscriptions on the bus to its use cases: one line each.
public enum WorkHandlers {
    public static func register(_ service: WorkService, on bus: Bus) {}
}
