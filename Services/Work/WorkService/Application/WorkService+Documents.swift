import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    /// documents' `document-uploaded` and `document-version-added`: the requirement the document
    /// answers awaits review (a new version starts the review again).
    /// Work also learns that the document exists, for task attachments.
    public func documentUploaded(_ document: DocumentV1, envelope: MessageEnvelope) async throws {
        try await learnDocument(document, envelope: envelope)
        try await checklist(document, status: .pendingReview, envelope: envelope)
    }

    /// Records `document` in ``KnownDocument``s (a deletion already known stays a deletion).
    func learnDocument(_ document: DocumentV1, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "work.known-documents") { tx in
            if let known = try await tx.knownDocuments.first(.equal("_id", .string(document.documentId))) {
                guard !known.isDeleted, known.ownerId == nil else { return Accepted() }
                var owned = known
                owned.ownerId = document.ownerId
                owned.updatedAt = tx.now
                try await tx.knownDocuments.replace(owned)
            } else {
                try await tx.knownDocuments.insert(KnownDocument(
                    id: document.documentId, tenantId: document.tenantId, ownerId: document.ownerId, isDeleted: false, updatedAt: tx.now))
            }
            return Accepted()
        }
    }

    /// documents' `document-deleted`: the document can no longer be attached (attachments already made
    /// stay as references).
    public func documentDeleted(_ event: DocumentDeletedV1, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "work.known-documents") { tx in
            if var known = try await tx.knownDocuments.first(.equal("_id", .string(event.documentId))) {
                guard !known.isDeleted else { return Accepted() }
                known.isDeleted = true
                known.updatedAt = tx.now
                try await tx.knownDocuments.replace(known)
            } else {
                try await tx.knownDocuments.insert(KnownDocument(id: event.documentId, tenantId: event.tenantId, ownerId: nil, isDeleted: true, updatedAt: tx.now))
            }
            return Accepted()
        }
    }

    /// documents' `document-reviewed`: the requirement follows the review of its newest version; a
    /// rejection or a request for revision asks the client again.
    public func documentReviewed(_ event: DocumentReviewedV1, envelope: MessageEnvelope) async throws {
        let status: RequirementStatus = switch event.document.reviewStatus {
        case .approved: .approved
        case .rejected: .rejected
        case .needsRevision: .needsRevision
        case .pending: .pendingReview
        }
        try await checklist(event.document, status: status, envelope: envelope)
    }

    /// documents' `sprint-documents-approved`: every required document is approved (a safety net for
    /// a missed review event; the checklist already says so when the reviews arrived).
    public func sprintDocumentsApproved(_ event: SprintDocumentsApprovedV1, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "work.documents-approved") { tx in
            guard var sprint = try await tx.sprints.first(.equal("_id", .string(event.sprintId))) else { return Accepted() }
            var changed = false
            for index in sprint.requiredDocuments.indices where sprint.requiredDocuments[index].status != .approved
                && sprint.requiredDocuments[index].documentId.map(event.documentIds.contains) == true {
                sprint.requiredDocuments[index].status = .approved
                sprint.requiredDocuments[index].updatedAt = tx.now
                changed = true
            }
            if changed {
                sprint.updatedAt = tx.now
                try await tx.sprints.replace(sprint)
            }
            return Accepted()
        }
    }

    /// Moves the checklist entry that `document` answers to `status` and announces it.
    private func checklist(_ document: DocumentV1, status: RequirementStatus, envelope: MessageEnvelope) async throws {
        guard let sprintId = document.sprintId, let fieldName = document.fieldName, document.isLatest else { return }
        _ = try await work.once(envelope, consumer: "work.checklist") { tx in
            guard var sprint = try await tx.sprints.first(.equal("_id", .string(sprintId))),
                  let index = sprint.requiredDocuments.firstIndex(where: { $0.requirement.fieldName == fieldName })
            else { return Accepted() }
            // An older event (a review of a version already replaced) does not move the checklist back.
            if let updated = sprint.requiredDocuments[index].updatedAt, updated > document.updatedAt { return Accepted() }
            sprint.requiredDocuments[index].status = status
            sprint.requiredDocuments[index].documentId = document.documentId
            sprint.requiredDocuments[index].updatedAt = document.updatedAt
            sprint.updatedAt = tx.now
            try await tx.sprints.replace(sprint)
            try await tx.publish(SprintChecklistChangedV1(
                sprintId: sprint.id, document: sprint.requiredDocuments[index], allApproved: sprint.awaitedDocuments.isEmpty,
                recipients: [sprint.clientId, sprint.adminId]))
            if status == .rejected || status == .needsRevision {
                try await tx.publish(DocumentsRequestedV1(sprintId: sprint.id, requirements: [sprint.requiredDocuments[index].requirement], recipients: [sprint.clientId]))
            }
            return Accepted()
        }
    }
}
