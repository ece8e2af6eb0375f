import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension MessagingService {
    /// Keeps the local directory (display names, avatars, account state) from identity's user events.
    public func userAnnounced(_ user: UserV1, envelope: MessageEnvelope) async throws {
        try await work.once(envelope, consumer: "messaging.directory") { tx in
            let entry = DirectoryEntry(
                id: user.id, tenantId: user.tenantId ?? Self.platformTenant, displayName: user.profile.displayName, avatarUrl: user.profile.avatar, status: user.status == .active ? "active" : "suspended",
                updatedAt: tx.now)
            if let existing = try await tx.directory.first(.equal("_id", .string(user.id))) {
                guard existing.status != "deleted" else { return Accepted() }
                try await tx.directory.replace(entry)
            } else {
                try await tx.directory.insert(entry)
            }
            return Accepted()
        }
    }

    /// A suspended account cannot send or open conversations until identity announces it active again.
    public func userSuspended(_ event: UserSuspendedV1, envelope: MessageEnvelope) async throws {
        try await setStatus("suspended", of: event.userId, envelope: envelope)
    }

    /// A deleted account leaves every conversation it was in (`member-left` to the others).
    public func userDeleted(_ event: UserDeletedV1, envelope: MessageEnvelope) async throws {
        try await setStatus("deleted", of: event.userId, envelope: envelope)
        _ = try await work.once(envelope, consumer: "messaging.memberships") { tx in
            let conversations = try await tx.conversations.find(
                .elementMatch("participants", .and([.equal("userId", .string(event.userId)), .equal("isActive", .bool(true))])))
            for var conversation in conversations {
                try await depart(event.userId, from: &conversation, removedBy: nil, in: tx)
            }
            return Accepted()
        }
    }

    private func setStatus(_ status: String, of userId: String, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "messaging.directory") { tx in
            var entry = try await tx.directory.first(.equal("_id", .string(userId)))
                ?? DirectoryEntry(id: userId, tenantId: nil, displayName: nil, avatarUrl: nil, status: status, updatedAt: tx.now)
            entry.status = status
            entry.updatedAt = tx.now
            _ = try await tx.directory.delete(.equal("_id", .string(userId)))
            try await tx.directory.insert(entry)
            return Accepted()
        }
    }

    /// Refuses users the directory knows as deleted or as users of another tenant, as if they did not
    /// exist (`not_found` naming `field`). Users it has not heard of yet pass: identity's events may lag.
    func requireReachable(_ userIds: [String], tenant: String, field: String, in operations: any DocumentOperations) async throws {
        let known = try await directoryEntries(userIds, in: operations)
        for userId in userIds {
            guard let entry = known[userId] else { continue }
            if entry.status == "deleted" || (entry.tenantId.map { $0 != tenant } ?? false) {
                throw ContractError(.notFound, "no user \(userId)", details: ["field": field])
            }
        }
    }
}
