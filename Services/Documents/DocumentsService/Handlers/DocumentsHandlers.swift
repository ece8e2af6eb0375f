public import SeedBus

/// Connects the documents service's commands and subscriptions on the bus to its use cases: one line each.
public enum DocumentsHandlers {
    public static func register(_ service: DocumentsService, on bus: Bus) {}
}
