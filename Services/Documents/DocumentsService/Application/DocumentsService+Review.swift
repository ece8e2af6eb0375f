import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension DocumentsService {
    /// A sprint admin's decision on a document's newest version. When every required document of the
    /// sprint then has an approved newest version, work is told.
    public func reviewDocument(_ command: ReviewDocumentV1, envelope: MessageEnvelope) async throws -> DocumentV1 {
        let actor = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let notes = try ReviewRules.decision(command.status, notes: command.notes)
        return try await work.once(envelope) { tx in
            var version = try await readableVersion(command.documentId, version: command.version, actor: actor, tenant: tenant, in: tx.operations)
            guard let sprintId = version.sprintId, let sprint = try await tx.sprints.first(.equal("_id", .string(sprintId))), sprint.isAdmin(actor) else {
                throw ContractError(.forbidden, "only an admin of the document's sprint reviews it", details: ["field": "documentId"])
            }
            try ReviewRules.reviewable(version)
            version.reviewStatus = command.status
            version.reviewedBy = actor
            version.reviewedAt = tx.now
            version.reviewNotes = notes
            version.updatedAt = tx.now
            try await tx.versions.replace(version)
            try await tx.publish(DocumentReviewedV1(document: version.view))
            if command.status == .approved, let approved = try await approvedRequirements(of: sprint, in: tx) {
                try await tx.publish(SprintDocumentsApprovedV1(sprintId: sprint.id, tenantId: sprint.tenantId, documentIds: approved))
            }
            return version.view
        }
    }

    /// The approved documents of every required field of `sprint`, or `nil` while one is missing or not
    /// approved.
    func approvedRequirements(of sprint: SprintRecord, in tx: Transaction) async throws -> [String]? {
        let latest = try await tx.versions.find(
            .and([.equal("sprintId", .string(sprint.id)), .equal("isLatest", .bool(true)), .equal("deletedAt", .null)]))
        var approved: [String] = []
        for requirement in sprint.requiredDocuments where requirement.isRequired {
            guard let version = latest.first(where: { $0.fieldName == requirement.fieldName }), version.reviewStatus == .approved else { return nil }
            approved.append(version.documentId)
        }
        return approved.isEmpty ? nil : approved
    }
}
