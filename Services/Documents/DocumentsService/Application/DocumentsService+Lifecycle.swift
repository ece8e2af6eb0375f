import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension DocumentsService {
    /// Soft-deletes every version of a document (its owner): it disappears for every reader at once, its
    /// shares end, and its rows and bytes are purged after the retention period.
    public func deleteDocument(_ command: DeleteDocumentV1, envelope: MessageEnvelope) async throws -> Accepted {
        let actor = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let retention = settings.retention
        return try await work.once(envelope) { tx in
            let latest = try await ownedLatest(command.documentId, actor: actor, tenant: tenant, in: tx.operations)
            let purgeAfter = tx.now.addingTimeInterval(retention)
            _ = try await tx.versions.update(
                .equal("documentId", .string(latest.documentId)),
                try Update.set("deletedAt", tx.now) + Update.set("purgeAfter", purgeAfter) + Update.set("updatedAt", tx.now), many: true)
            _ = try await tx.shares.update(
                .and([.equal("documentId", .string(latest.documentId)), .equal("revokedAt", .null)]), try Update.set("revokedAt", tx.now), many: true)
            try await tx.publish(
                DocumentDeletedV1(
                    documentId: latest.documentId, tenantId: tenant, sprintId: latest.sprintId, businessId: latest.businessId, deletedBy: actor,
                    purgeAfter: purgeAfter))
            return Accepted()
        }
    }

    /// Records a sprint's client, admins and required documents (from work).
    public func setSprintRequirements(_ command: SetSprintRequirementsV1, envelope: MessageEnvelope) async throws -> Accepted {
        var seen = Set<String>()
        for requirement in command.requiredDocuments {
            guard !requirement.fieldName.isEmpty, seen.insert(requirement.fieldName).inserted else {
                throw ContractError.validation("each required document has its own non-empty fieldName", field: "requiredDocuments.fieldName")
            }
            if let size = requirement.maxFileSize, size <= 0 {
                throw ContractError.validation("maxFileSize is positive", field: "requiredDocuments.maxFileSize")
            }
        }
        return try await work.once(envelope) { tx in
            let record = SprintRecord(
                id: command.sprintId, tenantId: command.tenantId, clientId: command.clientId, adminIds: command.adminIds,
                requiredDocuments: command.requiredDocuments, updatedAt: tx.now)
            if try await tx.sprints.first(.equal("_id", .string(record.id))) != nil {
                try await tx.sprints.replace(record)
            } else {
                try await tx.sprints.insert(record)
            }
            return Accepted()
        }
    }

    /// The extracted text of a processed version (for business-ai; no user is involved, the tenant is
    /// checked when the envelope names one).
    public func getDocumentText(_ command: GetDocumentTextV1, envelope: MessageEnvelope) async throws -> DocumentTextV1 {
        try await work.mapStoreErrors {
            let filter: Filter = command.version.map { .and([.equal("documentId", .string(command.documentId)), .equal("version", .int64(Int64($0)))]) }
                ?? .and([.equal("documentId", .string(command.documentId)), .equal("isLatest", .bool(true))])
            guard let version = try await DocumentCollection(DocumentVersion.self, in: store).first(filter), !version.isDeleted,
                  envelope.tenant == nil || envelope.tenant == version.tenantId
            else { throw Self.notFound(command.documentId) }
            guard version.status == .completed else {
                throw ContractError(.conflict, "version \(version.version) is \(version.status.rawValue), not processed", details: ["field": "documentId"])
            }
            let text = try await DocumentCollection(DocumentText.self, in: store).first(.equal("_id", .string(version.id)))?.text ?? ""
            return DocumentTextV1(
                documentId: version.documentId, versionId: version.id, businessId: version.businessId, fileType: version.fileType, text: text,
                textLength: text.count, pageCount: version.pageCount, category: version.category, tags: version.tags)
        }
    }

    // MARK: - Conversation members (messaging's events)

    /// Records the members of a new conversation.
    public func conversationCreated(_ event: ConversationCreatedV1, envelope: MessageEnvelope) async throws {
        try await setMembers(event.recipients, of: event.conversation.id, active: true, envelope: envelope, consumer: "documents.conversation-created")
    }

    public func memberJoined(_ event: MemberJoinedV1, envelope: MessageEnvelope) async throws {
        try await setMembers([event.member.userId], of: event.conversationId, active: true, envelope: envelope, consumer: "documents.member-joined")
    }

    public func memberLeft(_ event: MemberLeftV1, envelope: MessageEnvelope) async throws {
        try await setMembers([event.userId], of: event.conversationId, active: false, envelope: envelope, consumer: "documents.member-left")
    }

    func setMembers(_ users: [String], of conversation: String, active: Bool, envelope: MessageEnvelope, consumer: String) async throws {
        _ = try await work.once(envelope, consumer: consumer) { tx -> Accepted in
            for user in users {
                let id = ConversationMembership.id(conversation: conversation, user: user)
                _ = try await tx.memberships.update(
                    .equal("_id", .string(id)),
                    try Update.set("conversationId", conversation) + Update.set("userId", user) + Update.set("isActive", active), upsert: true)
            }
            return Accepted()
        }
    }

    // MARK: - Sweeps

    /// Drops uploads nobody completed or aborted before their expiry, with their staged bytes, and
    /// staged files whose upload is gone. Returns how many uploads it dropped.
    public func sweepAbandonedUploads(now: Date) async throws -> Int {
        let uploads = DocumentCollection(PendingUpload.self, in: store)
        let expired = try await work.mapStoreErrors { try await uploads.find(.lessThan("expiresAt", .date(now))) }
        for upload in expired { try await drop(upload) }
        let staged = staging.stagedUploads()
        for id in staged where try await work.mapStoreErrors({ try await uploads.first(.equal("_id", .string(id))) }) == nil {
            staging.discard(id)
        }
        return expired.count
    }

    /// Purges deleted versions past retention (rows and extracted text) and the bytes no remaining
    /// version references. Returns how many versions it purged.
    public func purgeDeleted(now: Date) async throws -> Int {
        let versions = DocumentCollection(DocumentVersion.self, in: store)
        let due = try await work.mapStoreErrors { try await versions.find(.lessThan("purgeAfter", .date(now)), options: FindOptions(limit: 500)) }
        guard !due.isEmpty else { return 0 }
        let ids = due.map { DocumentValue.string($0.id) }
        _ = try await work.mapStoreErrors {
            try await store.withTransaction { operations in
                _ = try await DocumentCollection(DocumentVersion.self, in: operations).delete(.isIn("_id", ids), many: true)
                _ = try await DocumentCollection(DocumentText.self, in: operations).delete(.isIn("_id", ids), many: true)
                _ = try await DocumentCollection(DocumentShare.self, in: operations).delete(
                    .isIn("documentId", Array(Set(due.map(\.documentId))).map(DocumentValue.string)), many: true)
            }
        }
        try await purgeIfUnreferenced(Array(Set(due.map(\.checksum) + due.compactMap(\.thumbnailKey))))
        return due.count
    }

    /// Deletes each blob that no version row (deleted or not) references as its bytes or thumbnail.
    func purgeIfUnreferenced(_ keys: [String]) async throws {
        let versions = DocumentCollection(DocumentVersion.self, in: store)
        let blobs = blobs
        for key in keys {
            let references = try await work.mapStoreErrors {
                try await versions.count(.or([.equal("checksum", .string(key)), .equal("thumbnailKey", .string(key))]))
            }
            if references == 0 { try await pool.run { () throws(BlobStoreError) in try blobs.delete(key: key) } }
        }
    }
}
