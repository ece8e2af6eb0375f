public import SeedServiceKit

/// The documents service's use cases. Each state change commits through work (one transaction per
/// message, with the events it stages).
public struct DocumentsService: Sendable {
    let work: UnitOfWork

    public init(work: UnitOfWork) {
        self.work = work
    }
}
