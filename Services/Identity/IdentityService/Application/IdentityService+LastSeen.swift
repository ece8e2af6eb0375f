import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension IdentityService {
    /// `identity.record-last-seen.v1`: moves the user's `lastSeenAt` forward, never back (a late or
    /// repeated report changes nothing), and counts a tenant's user active for the month. An unknown
    /// or deleted user is ignored: the report comes from the edge, after the fact.
    public func recordLastSeen(_ command: RecordLastSeenV1, envelope: MessageEnvelope) async throws -> Accepted {
        try await work.once(envelope) { tx in
            guard var user = try await tx.users.first(.equal("_id", .string(command.userId))), user.deletedAt == nil else { return Accepted() }
            guard user.lastSeenAt.map({ $0 < command.lastSeenAt }) ?? true else { return Accepted() }
            user.lastSeenAt = command.lastSeenAt
            try await tx.users.replace(user)
            if let tenantId = user.tenantId { try await markActive(user.id, tenantId: tenantId, in: tx) }
            return Accepted()
        }
    }
}
