import Foundation
import SeedStore

/// Shorthands for the conformance suite.
extension DocumentStore {
    func ids(in collection: String, _ filter: Filter, sort: [SortKey] = [SortKey("_id")]) async throws -> [DocumentValue] {
        try await find(in: collection, where: filter, options: FindOptions(sort: sort)).map { $0["_id"] ?? .null }
    }
}

extension DocumentValue {
    static func id(_ number: Int32) -> DocumentValue { .int32(number) }
}

/// A date `days` days and `hours` hours after 2026-01-05T00:00:00Z.
func day(_ days: Int, hours: Int = 0) -> Date {
    Date(timeIntervalSince1970: 1_767_571_200 + TimeInterval(days * 86_400 + hours * 3_600))
}
