import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    /// Keeps the local directory of roles and account states from identity's user events: work knows
    /// its admins without asking identity.
    public func userAnnounced(_ user: UserV1, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "work.directory") { tx in
            let entry = DirectoryEntry(id: user.id, role: user.role, status: user.status == .active ? "active" : user.status.rawValue, updatedAt: tx.now)
            if let existing = try await tx.directory.first(.equal("_id", .string(user.id))) {
                guard existing.status != "deleted" else { return Accepted() }
                try await tx.directory.replace(entry)
            } else {
                try await tx.directory.insert(entry)
            }
            return Accepted()
        }
    }

    /// A suspended account acts as nobody's admin until identity announces it active again.
    public func userSuspended(_ event: UserSuspendedV1, envelope: MessageEnvelope) async throws {
        try await setStatus("suspended", of: event.userId, envelope: envelope)
    }

    /// A deleted account is nobody's admin any more.
    public func userDeleted(_ event: UserDeletedV1, envelope: MessageEnvelope) async throws {
        try await setStatus("deleted", of: event.userId, envelope: envelope)
    }

    private func setStatus(_ status: String, of userId: String, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "work.directory") { tx in
            if var entry = try await tx.directory.first(.equal("_id", .string(userId))) {
                entry.status = status
                entry.updatedAt = tx.now
                try await tx.directory.replace(entry)
            } else {
                try await tx.directory.insert(DirectoryEntry(id: userId, role: .client, status: status, updatedAt: tx.now))
            }
            return Accepted()
        }
    }
}
