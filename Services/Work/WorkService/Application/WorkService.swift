import Foundation
import SeedContracts
public import SeedServiceKit
import SeedStore

/// The work service's use cases, part 1: questionnaires, service templates, sprints (state machine,
/// team, documents checklist, packages, milestones, meetings) and system settings.
///
/// Who is an admin, work learns from identity's user events (its `user_directory`). Clients see their
/// own questionnaires and sprints, team members the sprints they are on, admins everything; a record
/// the caller may not see does not exist for them (`not_found`). Each state change commits through
/// ``work`` with the events it causes (naming their recipients) and the commands it sends to
/// messaging and documents.
public struct WorkService: Sendable {
    let work: UnitOfWork
    /// Encoded board views by board revision (decision 0041).
    let boardViews = BoardViewCache()

    public init(work: UnitOfWork) {
        self.work = work
    }

    var store: any DocumentStore { work.store }

    /// The tenant a message acts in: the envelope's, or the platform's own users' (no tenant).
    static func tenant(of envelope: MessageEnvelope) -> String {
        envelope.tenant ?? "platform"
    }

    /// The record `id` of the envelope's tenant: what every read of a questionnaire or sprint by id
    /// asks, so that another tenant's record does not exist for the caller.
    static func inTenant(_ id: String, of envelope: MessageEnvelope) -> Filter {
        .and([.equal("_id", .string(id)), .equal("tenantId", .string(tenant(of: envelope)))])
    }

    /// Who moves a sprint when work itself does (documents events, the sweep).
    static let systemActor = "work"

    // MARK: - Access

    /// Whether identity announced `userId` as an active admin or super admin.
    func isAdmin(_ userId: String, in operations: any DocumentOperations) async throws -> Bool {
        try await DocumentCollection(DirectoryEntry.self, in: operations).first(.equal("_id", .string(userId)))?.isAdmin ?? false
    }

    /// `forbidden` unless `userId` is an admin.
    func requireAdmin(_ userId: String, in operations: any DocumentOperations) async throws {
        guard try await isAdmin(userId, in: operations) else {
            throw ContractError(.forbidden, "only admins do this", details: ["rule": "admin_only"])
        }
    }

    /// The active admins, for events that concern all of them.
    func adminIds(in operations: any DocumentOperations) async throws -> [String] {
        try await DocumentCollection(DirectoryEntry.self, in: operations)
            .find(.and([.isIn("role", [.string(UserRole.admin.rawValue), .string(UserRole.superAdmin.rawValue)]), .equal("status", .string("active"))]))
            .map(\.id).sorted()
    }

    /// A sprint of `tenant` that `userId` may see (client, admin of it, team member, or any admin);
    /// `not_found` otherwise, also for another tenant's sprint.
    func sprint(_ id: String, visibleTo userId: String, tenant: String, in operations: any DocumentOperations) async throws -> (Sprint, isAdmin: Bool) {
        let admin = try await isAdmin(userId, in: operations)
        guard let sprint = try await DocumentCollection(Sprint.self, in: operations).first(.and([.equal("_id", .string(id)), .equal("tenantId", .string(tenant))])),
              admin || sprint.involves(userId)
        else { throw ContractError(.notFound, "no sprint \(id)", details: ["field": "sprintId"]) }
        return (sprint, admin)
    }

    /// Runs `change` on a sprint the caller may see, in one transaction, then derives its progress,
    /// stores it and returns it. `adminOnly`: the caller must be an admin (after the sprint proved
    /// visible, so that others still get `not_found` for sprints that are not theirs).
    func changeSprint(
        _ rawId: String, envelope: MessageEnvelope, adminOnly: Bool,
        _ change: @escaping @Sendable (inout Sprint, Transaction, _ caller: String, _ isAdmin: Bool) async throws -> Void
    ) async throws -> SprintV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(rawId, field: "sprintId")
        return try await work.once(envelope) { tx in
            var (sprint, admin) = try await sprint(id, visibleTo: caller, tenant: Self.tenant(of: envelope), in: tx.operations)
            if adminOnly, !admin { throw ContractError(.forbidden, "only admins change this", details: ["rule": "admin_only"]) }
            try await change(&sprint, tx, caller, admin)
            sprint.updatedAt = tx.now
            sprint.deriveProgress(at: tx.now)
            try await tx.sprints.replace(sprint)
            return sprint.view
        }
    }

    /// A new record id (24 hexadecimal digits, as MongoDB's).
    static func newId() -> String { ObjectId().description }
}
