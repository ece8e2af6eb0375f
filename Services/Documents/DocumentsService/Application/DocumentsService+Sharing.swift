import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension DocumentsService {
    /// Shares a document with a conversation or as a public link (the token is in this reply only: a
    /// redelivery is refused rather than replayed), or makes it private (every share revoked).
    public func shareDocument(_ command: ShareDocumentV1, envelope: MessageEnvelope) async throws -> ShareV1 {
        let actor = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        try ShareRules.validate(command, now: work.now)
        let token = command.type == .public ? ShareRules.newToken() : nil
        return try await work.onceWithoutReplay(envelope) { tx in
            let latest = try await ownedLatest(command.documentId, actor: actor, tenant: tenant, in: tx.operations)
            if command.type == .private {
                _ = try await tx.shares.update(
                    .and([.equal("documentId", .string(latest.documentId)), .equal("revokedAt", .null)]), try Update.set("revokedAt", tx.now), many: true)
                try await setSharing(Sharing(type: .private), of: latest.documentId, tx: tx)
                return ShareV1(id: "", documentId: latest.documentId, type: .private, conversationId: nil, expiresAt: nil, maxDownloads: nil, downloads: 0, token: nil, revokedAt: nil)
            }
            let share = DocumentShare(
                id: ObjectId().description, documentId: latest.documentId, tenantId: tenant, type: command.type, conversationId: command.conversationId,
                tokenHash: token.map(ShareRules.hash), expiresAt: command.expiresAt, maxDownloads: command.maxDownloads, downloads: 0, createdBy: actor,
                createdAt: tx.now, revokedAt: nil)
            try await tx.shares.insert(share)
            try await setSharing(Sharing(type: command.type, conversationId: command.conversationId, expiry: command.expiresAt), of: latest.documentId, tx: tx)
            try await tx.publish(
                DocumentSharedV1(
                    documentId: latest.documentId, tenantId: tenant, shareId: share.id, type: share.type, conversationId: share.conversationId,
                    expiresAt: share.expiresAt, sharedBy: actor))
            return share.view(token: token)
        }
    }

    /// Ends a share: its link answers `not_found`, its conversation's members lose access.
    public func revokeShare(_ command: RevokeShareV1, envelope: MessageEnvelope) async throws -> Accepted {
        let actor = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        return try await work.once(envelope) { tx in
            let latest = try await ownedLatest(command.documentId, actor: actor, tenant: tenant, in: tx.operations)
            guard var share = try await tx.shares.first(.equal("_id", .string(command.shareId))), share.documentId == latest.documentId else {
                throw ContractError(.notFound, "no share \(command.shareId)", details: ["field": "shareId"])
            }
            guard share.revokedAt == nil else { return Accepted() }
            share.revokedAt = tx.now
            try await tx.shares.replace(share)
            let live = try await tx.shares.find(.and([.equal("documentId", .string(latest.documentId)), .equal("revokedAt", .null)]))
                .filter { $0.isLive(at: tx.now) }
            let remaining = live.last.map { Sharing(type: $0.type, conversationId: $0.conversationId, expiry: $0.expiresAt) } ?? Sharing(type: .private)
            try await setSharing(remaining, of: latest.documentId, tx: tx)
            try await tx.publish(ShareRevokedV1(documentId: latest.documentId, shareId: share.id, revokedBy: actor))
            return Accepted()
        }
    }

    /// Mirrors the current share on every version of the document (seed 001 `sharing`).
    func setSharing(_ sharing: Sharing, of documentId: String, tx: Transaction) async throws {
        _ = try await tx.versions.update(
            .equal("documentId", .string(documentId)), try Update.set("sharing", sharing) + Update.set("updatedAt", tx.now), many: true)
    }
}
