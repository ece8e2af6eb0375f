import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension DocumentsService {
    /// A document's newest version, or the version asked for.
    public func getDocument(_ command: GetDocumentV1, envelope: MessageEnvelope) async throws -> DocumentV1 {
        let actor = try envelope.signedInActor()
        return try await work.mapStoreErrors {
            try await readableVersion(command.documentId, version: command.version, actor: actor, tenant: Self.tenant(of: envelope), in: store).view
        }
    }

    /// Every version of a document the caller may read, newest first.
    public func listVersions(_ command: ListVersionsV1, envelope: MessageEnvelope) async throws -> DocumentListV1 {
        let actor = try envelope.signedInActor()
        return try await work.mapStoreErrors {
            let latest = try await readableVersion(command.documentId, version: nil, actor: actor, tenant: Self.tenant(of: envelope), in: store)
            let all = try await DocumentCollection(DocumentVersion.self, in: store).find(
                .equal("documentId", .string(latest.documentId)), options: FindOptions(sort: [SortKey("version", .descending)]))
            return DocumentListV1(documents: all.filter { !$0.isDeleted }.map(\.view))
        }
    }

    /// The newest versions the caller may read: of a sprint, of a business, or (neither) their own.
    public func listDocuments(_ command: ListDocumentsV1, envelope: MessageEnvelope) async throws -> DocumentListV1 {
        let actor = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        return try await work.mapStoreErrors {
            var filter: [Filter] = [.equal("tenantId", .string(tenant)), .equal("isLatest", .bool(true)), .equal("deletedAt", .null)]
            if let sprintId = command.sprintId { filter.append(.equal("sprintId", .string(sprintId))) }
            if let businessId = command.businessId { filter.append(.equal("businessId", .string(businessId))) }
            if command.sprintId == nil && command.businessId == nil { filter.append(.equal("userId", .string(actor))) }
            let found = try await DocumentCollection(DocumentVersion.self, in: store).find(
                .and(filter), options: FindOptions(sort: [SortKey("uploadedAt", .descending)], limit: 500))
            var visible: [DocumentV1] = []
            for version in found where try await mayRead(version, actor: actor, tenant: tenant, in: store) { visible.append(version.view) }
            return DocumentListV1(documents: visible)
        }
    }

    /// Checks that the caller (or a public link's token) may read a version and says what will be read.
    /// A link's download is counted here, atomically against its limit.
    public func openDownload(_ command: OpenDownloadV1, envelope: MessageEnvelope) async throws -> DownloadV1 {
        let version: DocumentVersion
        if let token = command.shareToken {
            version = try await sharedVersion(token: token, count: true)
        } else {
            let actor = try envelope.signedInActor()
            guard let documentId = command.documentId else { throw ContractError.validation("name the document", field: "documentId") }
            version = try await work.mapStoreErrors {
                try await readableVersion(documentId, version: command.version, actor: actor, tenant: Self.tenant(of: envelope), in: store)
            }
        }
        if command.thumbnail == true {
            guard let key = version.thumbnailKey else {
                throw ContractError(.notFound, "document \(version.documentId) has no thumbnail", details: ["field": "thumbnail"])
            }
            let blobs = blobs
            let size = try await pool.run { () throws(BlobStoreError) in try blobs.size(key: key) } ?? 0
            let name = (version.fileName as NSString).deletingPathExtension + "-thumbnail.jpg"
            return DownloadV1(versionId: version.id, fileName: name, mimeType: "image/jpeg", size: size, checksum: key, thumbnail: true)
        }
        return DownloadV1(
            versionId: version.id, fileName: version.fileName, mimeType: version.mimeType, size: version.fileSize, checksum: version.checksum,
            thumbnail: false)
    }

    /// Bytes of a version; access is checked again, so a revoke or a delete stops a download under way.
    public func readChunk(_ command: ReadChunkV1, envelope: MessageEnvelope) async throws -> ChunkV1 {
        guard command.length > 0, command.length <= DocumentsLimits.chunkBytes else {
            throw ContractError.validation("a chunk is 1 to \(DocumentsLimits.chunkBytes) bytes", field: "length")
        }
        guard command.offset >= 0 else { throw ContractError.validation("the offset is negative", field: "offset") }
        let version: DocumentVersion
        if let token = command.shareToken {
            version = try await sharedVersion(token: token, count: false)
            guard version.id == command.versionId else { throw Self.notFound(command.versionId, field: "versionId") }
        } else {
            let actor = try envelope.signedInActor()
            let tenant = Self.tenant(of: envelope)
            version = try await work.mapStoreErrors {
                guard let found = try await DocumentCollection(DocumentVersion.self, in: store).first(.equal("_id", .string(command.versionId))),
                      try await mayRead(found, actor: actor, tenant: tenant, in: store)
                else { throw Self.notFound(command.versionId, field: "versionId") }
                return found
            }
        }
        let key: String
        if command.thumbnail == true {
            guard let thumbnail = version.thumbnailKey else { throw Self.notFound(command.versionId, field: "versionId") }
            key = thumbnail
        } else {
            key = version.checksum
        }
        let blobs = blobs
        do {
            let bytes = try await pool.run { () throws(BlobStoreError) in try blobs.read(key: key, offset: command.offset, length: command.length) }
            return ChunkV1(offset: command.offset, data: Self.base64(bytes))
        } catch .outOfRange(_, _, let size) {
            throw ContractError(.validation, "the offset is past the end of the file (\(size) bytes)", details: ["field": "offset", "reason": "range_not_satisfiable"])
        } catch .notFound {
            throw Self.notFound(command.versionId, field: "versionId")
        }
    }

    /// The newest version behind a live public link; `count` spends one of its downloads. An unknown,
    /// expired, revoked or spent link, or a deleted document, is `not_found`.
    func sharedVersion(token: String, count: Bool) async throws -> DocumentVersion {
        let hash = ShareRules.hash(token)
        let now = work.now
        let missing = ContractError(.notFound, "no such link, or it expired or was revoked", details: ["field": "token"])
        return try await work.mapStoreErrors {
            let shares = DocumentCollection(DocumentShare.self, in: store)
            guard var share = try await shares.first(.equal("tokenHash", .string(hash))), share.type == .public, share.revokedAt == nil else { throw missing }
            if let expiresAt = share.expiresAt, expiresAt <= now { throw missing }
            if count {
                var filter: [Filter] = [.equal("_id", .string(share.id)), .equal("revokedAt", .null)]
                if let limit = share.maxDownloads { filter.append(.lessThan("downloads", .int64(Int64(limit)))) }
                guard let counted = try await shares.findAndModify(.and(filter), Update([.increment("downloads", .int64(1))])) else { throw missing }
                share = counted
            }
            guard let version = try await DocumentCollection(DocumentVersion.self, in: store).first(
                .and([.equal("documentId", .string(share.documentId)), .equal("isLatest", .bool(true))])),
                !version.isDeleted
            else { throw missing }
            return version
        }
    }
}
