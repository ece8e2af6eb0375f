import Foundation
public import SeedContracts
import SeedAuth
import SeedServiceKit
import SeedStore

// API keys' rotation with an overlap window and their batched last use (issue 23, decision 0036).

extension IdentityService {
    /// The overlap of a rotation when the command names none: one hour.
    static let defaultRotationOverlapMinutes = 60
    /// The longest overlap: one week.
    static let longestRotationOverlapMinutes = 10_080

    /// `identity.rotate-api-key.v1`: a new key for the same application, name and scopes (and the same
    /// stated expiry); the old key works until `now + overlap` (or its own earlier expiry), then stops.
    /// A revoked, expired or already rotated key is a conflict.
    public func rotateAPIKey(_ command: RotateAPIKeyV1, envelope: MessageEnvelope) async throws -> CreatedAPIKeyV1 {
        let overlap = command.overlapMinutes ?? Self.defaultRotationOverlapMinutes
        guard (0...Self.longestRotationOverlapMinutes).contains(overlap) else {
            throw ContractError.validation("overlapMinutes is 0 to \(Self.longestRotationOverlapMinutes)", field: "overlapMinutes")
        }
        let id = UUID().uuidString.lowercased()
        let key = "sk_\(id.replacingOccurrences(of: "-", with: "")).\(SecretDigest.randomToken())"
        let created = try await work.onceWithoutReplay(envelope) { tx -> APIKey in
            let admin = try await administrator(tx.envelope, in: tx.operations)
            _ = try await activeTenant(command.tenantId, in: tx)
            guard var old = try await TenantScope(command.tenantId, in: tx.operations).apiKeys.first(.equal("_id", .string(command.keyId))) else {
                throw ContractError(.notFound, "tenant \(command.tenantId) has no API key \(command.keyId)", details: ["field": "keyId"])
            }
            guard old.isLive(at: tx.now), old.replacedBy == nil else {
                throw ContractError(.conflict, "API key \(old.id) is revoked, expired or rotated already", details: ["field": "keyId"])
            }
            var apiKey = APIKey(
                id: id, tenantId: old.tenantId, applicationId: old.applicationId, name: old.name, prefix: String(key.prefix(11)),
                keyHash: SecretDigest.sha256(key), scopes: old.scopes, createdBy: admin.id, createdAt: tx.now)
            apiKey.expiresAt = old.expiresAt
            let end = tx.now.addingTimeInterval(TimeInterval(overlap * 60))
            old.expiresAt = min(old.expiresAt ?? end, end)
            old.replacedBy = id
            try await tx.apiKeys.replace(old)
            try await tx.apiKeys.insert(apiKey)
            try await tx.record(AuditEntry(
                action: "rotate", user: admin, actorId: admin.id, resource: "api_key", resourceId: old.id, client: nil,
                metadata: ["newKeyId": id, "overlapMinutes": String(overlap)], now: tx.now))
            return apiKey
        }
        return CreatedAPIKeyV1(key: key, apiKey: created.view)
    }

    /// `identity.record-api-key-use.v1`: moves each key's `lastUsedAt` forward, never back (a late or
    /// repeated report changes nothing). At most 500 keys a report.
    public func recordAPIKeyUse(_ command: RecordAPIKeyUseV1, envelope: MessageEnvelope) async throws -> Accepted {
        guard command.uses.count <= 500 else { throw ContractError.validation("at most 500 keys a report", field: "uses") }
        return try await work.mapStoreErrors {
            let keys = DocumentCollection(APIKey.self, in: store)
            for use in command.uses {
                _ = try await keys.update(
                    .and([.equal("_id", .string(use.keyId)), .or([.exists("lastUsedAt", false), .lessThan("lastUsedAt", .date(use.lastUsedAt))])]),
                    try Update.set("lastUsedAt", use.lastUsedAt))
            }
            return Accepted()
        }
    }
}
