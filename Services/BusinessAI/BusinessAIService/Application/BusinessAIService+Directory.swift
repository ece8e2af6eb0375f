import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension BusinessAIService {
    /// Keeps the directory of account emails from identity's user events, so that an invitation by
    /// email can be accepted by the account that has that email.
    public func userAnnounced(_ user: UserV1, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "business-ai.directory") { tx in
            let entry = DirectoryUser(id: user.id, email: user.email?.lowercased(), status: user.status == .active ? "active" : "suspended", updatedAt: tx.now)
            if let existing = try await tx.directory.first(.equal("_id", .string(user.id))) {
                guard existing.status != "deleted" else { return Accepted() }
                try await tx.directory.replace(entry)
            } else {
                try await tx.directory.insert(entry)
            }
            return Accepted()
        }
    }

    /// A deleted account leaves every business it was a member of; the directory remembers it as deleted.
    public func userDeleted(_ event: UserDeletedV1, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "business-ai.directory") { tx in
            _ = try await tx.directory.delete(.equal("_id", .string(event.userId)))
            try await tx.directory.insert(DirectoryUser(id: event.userId, email: nil, status: "deleted", updatedAt: tx.now))
            _ = try await tx.members.delete(.and([.equal("userId", .string(event.userId)), .notEqual("role", .string(BusinessRole.owner.rawValue))]), many: true)
            return Accepted()
        }
    }
}
