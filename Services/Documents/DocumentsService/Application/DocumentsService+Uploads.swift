import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension DocumentsService {
    /// Opens an upload after checking the name, the metadata, the target (sprint requirement or
    /// document) with the caller's access, and a declared size against the limit.
    public func beginUpload(_ command: BeginUploadV1, envelope: MessageEnvelope) async throws -> UploadSessionV1 {
        let actor = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let originalName = try FileNameRules.original(command.originalName)
        let category = try MetadataRules.category(command.category)
        let tags = try MetadataRules.tags(command.tags)
        let description = try MetadataRules.description(command.description)
        let checksum = try MetadataRules.checksum(command.expectedChecksum)
        let maximum = settings.maximumFileBytes
        let lifetime = settings.uploadLifetime
        do {
            return try await beginUpload(
                command, actor: actor, tenant: tenant, originalName: originalName, category: category, tags: tags, description: description,
                checksum: checksum, maximum: maximum, lifetime: lifetime, envelope: envelope)
        } catch let error as ContractError where error.isQuotaExceeded {
            await reportQuotaExceeded(error, tenant: tenant)
            throw error
        }
    }

    private func beginUpload(
        _ command: BeginUploadV1, actor: String, tenant: String, originalName: String, category: String?, tags: [String], description: String?,
        checksum: String?, maximum: Int, lifetime: TimeInterval, envelope: MessageEnvelope
    ) async throws -> UploadSessionV1 {
        try await work.once(envelope) { tx in
            var requirement: RequiredDocumentV1?
            var sprintId = command.sprintId, fieldName = command.fieldName, businessId = command.businessId
            if let documentId = command.documentId {
                let latest = try await readableVersion(documentId, version: nil, actor: actor, tenant: tenant, in: tx.operations)
                guard latest.userId == actor || latest.sprintId != nil else {
                    throw ContractError(.forbidden, "only the document's owner adds versions", details: ["field": "documentId"])
                }
                sprintId = latest.sprintId
                fieldName = latest.fieldName
                businessId = latest.businessId
                if let sprint = sprintId, let field = fieldName {
                    requirement = try await tx.sprints.first(.equal("_id", .string(sprint)))?.requirement(field)
                }
            } else if let sprint = sprintId {
                guard let record = try await tx.sprints.first(.equal("_id", .string(sprint))), record.tenantId == tenant, record.involves(actor) else {
                    throw ContractError(.notFound, "no sprint \(sprint)", details: ["field": "sprintId"])
                }
                guard let field = fieldName, !field.isEmpty else {
                    throw ContractError.validation("an upload for a sprint names the required document's fieldName", field: "fieldName")
                }
                guard let required = record.requirement(field) else {
                    throw ContractError.validation("sprint \(sprint) requires no document '\(field)'", field: "fieldName")
                }
                requirement = required
            } else if fieldName != nil {
                throw ContractError.validation("a fieldName belongs to a sprint: send sprintId too", field: "sprintId")
            }
            let limits = UploadLimits.limits(for: requirement, globalMaximum: maximum)
            try limits.check(declaredSize: command.declaredSize)
            if let declared = command.declaredSize { try await requireStorage(declared, tenant: tenant, in: tx.operations) }
            let upload = PendingUpload(
                id: ObjectId().description, tenantId: tenant, actor: actor, documentId: command.documentId, sprintId: sprintId, fieldName: fieldName,
                businessId: businessId, originalName: originalName, declaredType: command.declaredType, expectedChecksum: checksum, category: category,
                tags: tags, description: description, maximumBytes: limits.maximumBytes, fileTypes: limits.fileTypes, received: 0, createdAt: tx.now,
                expiresAt: tx.now.addingTimeInterval(lifetime))
            try await tx.uploads.insert(upload)
            return UploadSessionV1(uploadId: upload.id, chunkBytes: DocumentsLimits.chunkBytes, maximumBytes: upload.maximumBytes, received: 0)
        }
    }

    /// Appends a chunk at its offset. A chunk already received (a retry) is acknowledged again; a gap is
    /// a conflict; passing the limit drops the whole upload.
    public func uploadChunk(_ command: UploadChunkV1, envelope: MessageEnvelope) async throws -> UploadProgressV1 {
        let actor = try envelope.signedInActor()
        guard let data = Data(base64Encoded: command.data) else {
            throw ContractError.validation("data is not base64", field: "data")
        }
        guard data.count <= DocumentsLimits.chunkBytes else {
            throw ContractError.validation("a chunk carries at most \(DocumentsLimits.chunkBytes) bytes", field: "data")
        }
        let upload = try await pendingUpload(command.uploadId, actor: actor, tenant: Self.tenant(of: envelope))
        if command.offset < upload.received {
            guard command.offset + data.count == upload.received else {
                throw ContractError(.conflict, "the upload has \(upload.received) bytes; send the chunk at that offset", details: ["field": "offset"])
            }
            return UploadProgressV1(uploadId: upload.id, received: upload.received)
        }
        guard command.offset == upload.received else {
            throw ContractError(.conflict, "the upload has \(upload.received) bytes; send the chunk at that offset", details: ["field": "offset"])
        }
        let received = upload.received + data.count
        guard received <= upload.maximumBytes else {
            try await drop(upload)
            throw UploadLimits.tooLarge(upload.maximumBytes)
        }
        let staging = staging
        let bytes = [UInt8](data)
        do {
            try await pool.run { () throws(BlobStoreError) in try staging.append(bytes, at: command.offset, to: upload.id) }
        } catch BlobStoreError.outOfRange(_, _, let staged) {
            throw ContractError(
                .conflict, "this instance holds \(staged) of the upload's \(upload.received) bytes: its chunks must reach the instance that began it",
                details: ["field": "offset", "reason": "staged_elsewhere"])
        }
        let moved = try await work.mapStoreErrors {
            try await DocumentCollection(PendingUpload.self, in: store).update(
                .and([.equal("_id", .string(upload.id)), .equal("received", .int64(Int64(upload.received)))]), try Update.set("received", received))
        }
        guard moved.matched == 1 else {
            throw ContractError(.conflict, "another chunk of this upload arrived at the same time", details: ["field": "offset"])
        }
        return UploadProgressV1(uploadId: upload.id, received: received)
    }

    /// Finishes an upload: size, checksum and sniffed type are checked (a failure drops the upload and
    /// stores nothing), the bytes are stored once under their SHA-256, and the version is committed:
    /// a new document, or version n+1 of the requirement's (or the named) document, whose review starts
    /// again.
    public func completeUpload(_ command: CompleteUploadV1, envelope: MessageEnvelope) async throws -> DocumentV1 {
        let actor = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let declared = try MetadataRules.checksum(command.expectedChecksum)
        let upload: PendingUpload
        do {
            upload = try await pendingUpload(command.uploadId, actor: actor, tenant: tenant)
        } catch let error as ContractError where error.code == .notFound {
            // A redelivery of a completed upload gets the first reply; anything else is not found.
            return try await work.once(envelope) { _ -> DocumentV1 in throw error }
        }
        let staging = staging, blobs = blobs
        let finished = try await pool.run { () throws(BlobStoreError) in
            try staging.finish(upload.id, headBytes: ContentSniffer.headBytes, tailBytes: ContentSniffer.tailBytes)
        }
        let type = ContentSniffer.sniff(head: finished.head, tail: finished.tail, declaredExtension: FileNameRules.declaredExtension(upload.originalName))
        do {
            try upload.limits.check(size: finished.size)
            if let expected = declared ?? upload.expectedChecksum, expected != finished.sha256 {
                throw ContractError(
                    .validation, "the file's SHA-256 is \(finished.sha256), not the \(expected) expected",
                    details: ["field": "expectedChecksum", "reason": "checksum_mismatch", "actual": finished.sha256])
            }
            try upload.limits.check(type: type, declaredExtension: FileNameRules.declaredExtension(upload.originalName))
        } catch {
            try await drop(upload)
            throw error
        }
        let stagedPath = staging.path(of: upload.id)
        _ = try await pool.run { () throws(BlobStoreError) in try blobs.put(fileAt: stagedPath, key: finished.sha256) }
        let storage = StorageLocation(provider: blobs.provider, bucket: blobs.bucket, key: finished.sha256)
        let document: DocumentV1
        do {
            document = try await work.once(envelope) { tx in
                guard try await tx.uploads.delete(.equal("_id", .string(upload.id))) == 1 else {
                    throw ContractError(.conflict, "this upload was completed or aborted meanwhile", details: ["field": "uploadId"])
                }
                let previous = try await previousVersion(for: upload, actor: actor, in: tx)
                try await requireStorage(finished.size, tenant: tenant, in: tx.operations)
                let version = DocumentVersion(
                    id: previous == nil ? upload.id : ObjectId().description, documentId: previous?.documentId ?? upload.id, tenantId: tenant,
                    sprintId: previous?.sprintId ?? upload.sprintId, businessId: previous?.businessId ?? upload.businessId,
                    fieldName: previous?.fieldName ?? upload.fieldName, userId: previous?.userId ?? actor, uploadedBy: actor,
                    originalName: upload.originalName, fileName: FileNameRules.sanitized(upload.originalName, fileExtension: type.fileType),
                    fileSize: finished.size, mimeType: type.mimeType, fileType: type.fileType, checksum: finished.sha256, storage: storage,
                    encryption: EncryptionInfo(algorithm: "none"), dimensions: nil, pageCount: nil, isProcessed: false, status: .pending,
                    processingError: nil, processingTime: nil, textLength: nil, thumbnailKey: nil,
                    category: upload.category ?? previous?.category, tags: upload.tags.isEmpty ? (previous?.tags ?? []) : upload.tags,
                    description: upload.description ?? previous?.description, version: (previous?.version ?? 0) + 1, previousVersion: previous?.id,
                    isLatest: true, reviewStatus: .pending, reviewedBy: nil, reviewedAt: nil, reviewNotes: nil,
                    sharing: previous?.sharing ?? Sharing(type: .private), uploadedAt: tx.now, createdAt: tx.now, updatedAt: tx.now, deletedAt: nil,
                    purgeAfter: nil)
                if let previous {
                    _ = try await tx.versions.update(
                        .equal("_id", .string(previous.id)), try Update.set("isLatest", false) + Update.set("updatedAt", tx.now))
                }
                try await tx.versions.insert(version)
                if let previous {
                    try await tx.publish(DocumentVersionAddedV1(document: version.view, previousVersionId: previous.id))
                } else {
                    try await tx.publish(DocumentUploadedV1(document: version.view))
                }
                return version.view
            }
        } catch {
            staging.discard(upload.id)
            try? await purgeIfUnreferenced([finished.sha256])
            if let error = error as? ContractError, error.isQuotaExceeded {
                try? await drop(upload)
                await reportQuotaExceeded(error, tenant: tenant)
            }
            throw error
        }
        if settings.processInBackground { processing.kick(self) }
        return document
    }

    /// Drops an open upload and its staged bytes; an upload already gone is fine.
    public func abortUpload(_ command: AbortUploadV1, envelope: MessageEnvelope) async throws -> Accepted {
        let actor = try envelope.signedInActor()
        if let upload = try? await pendingUpload(command.uploadId, actor: actor, tenant: Self.tenant(of: envelope)) {
            try await drop(upload)
        }
        return Accepted()
    }

    // MARK: - Helpers

    /// An open upload of `actor` in `tenant`; `not_found` otherwise.
    func pendingUpload(_ id: String, actor: String, tenant: String) async throws -> PendingUpload {
        let upload = try await work.mapStoreErrors { try await DocumentCollection(PendingUpload.self, in: store).first(.equal("_id", .string(id))) }
        guard let upload, upload.actor == actor, upload.tenantId == tenant else {
            throw ContractError(.notFound, "no open upload \(id)", details: ["field": "uploadId"])
        }
        return upload
    }

    /// Forgets an upload: its record and its staged bytes.
    func drop(_ upload: PendingUpload) async throws {
        staging.discard(upload.id)
        _ = try await work.mapStoreErrors { try await DocumentCollection(PendingUpload.self, in: store).delete(.equal("_id", .string(upload.id))) }
    }

    /// The version the upload follows: the named document's newest, or the newest for the same sprint
    /// requirement; `nil` for a new document.
    func previousVersion(for upload: PendingUpload, actor: String, in tx: Transaction) async throws -> DocumentVersion? {
        if let documentId = upload.documentId {
            return try await readableVersion(documentId, version: nil, actor: actor, tenant: upload.tenantId, in: tx.operations)
        }
        guard let sprintId = upload.sprintId, let fieldName = upload.fieldName else { return nil }
        return try await tx.versions.first(
            .and([
                .equal("sprintId", .string(sprintId)), .equal("fieldName", .string(fieldName)), .equal("isLatest", .bool(true)),
                .equal("deletedAt", .null), .equal("tenantId", .string(upload.tenantId)),
            ]))
    }
}
