import Foundation
import SeedContracts

/// The review state machine of a version (seed 000 `reviewStatus`): `pending` → `approved` |
/// `rejected` | `needs_revision` by a sprint admin; an admin may change a decision while the version is
/// the newest; a new version starts again at `pending` (an approval belongs to the exact bytes it
/// approved).
enum ReviewRules {
    /// Longest review note, in characters.
    static let maximumNotes = 2000

    /// Checks a review decision before it is applied.
    static func decision(_ status: ReviewStatus, notes: String?) throws(ContractError) -> String? {
        guard status != .pending else {
            throw ContractError.validation("a review decides: approved, rejected or needs_revision", field: "status")
        }
        let trimmed = notes?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let trimmed, trimmed.count > maximumNotes {
            throw ContractError.validation("notes are at most \(maximumNotes) characters", field: "notes")
        }
        if status != .approved, trimmed?.isEmpty ?? true {
            throw ContractError.validation("a rejection or a request for revision says why in notes", field: "notes")
        }
        return trimmed?.isEmpty == true ? nil : trimmed
    }

    /// Whether `version` may be reviewed: only the newest, undeleted version of a chain.
    static func reviewable(_ version: DocumentVersion) throws(ContractError) {
        guard version.isLatest else {
            throw ContractError(.conflict, "only the newest version is reviewed; version \(version.version) was replaced", details: ["field": "version"])
        }
    }
}
