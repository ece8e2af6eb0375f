import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension IdentityService {
    /// `identity.change-user-roles.v1`: administrators set roles; only a `super_admin` grants or takes
    /// away `admin` and `super_admin`, and nobody demotes the last `super_admin`.
    public func changeRoles(_ command: ChangeUserRolesV1, envelope: MessageEnvelope) async throws -> UserV1 {
        let roles = try command.roles.map { raw throws(ContractError) -> String in
            let role = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard (1...40).contains(role.count), role.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-:".contains($0)) }) else {
                throw ContractError.validation("a role name has 1 to 40 letters, digits, '_', '-' or ':'", field: "roles")
            }
            return role
        }
        return try await work.once(envelope) { tx in
            let admin = try await administrator(tx.envelope, in: tx.operations)
            var user = try await liveUser(command.userId, in: tx.operations)
            let before = user
            let touchesAdministration = command.role.isAdministrator || user.role.isAdministrator
            guard !touchesAdministration || admin.role == .superAdmin else {
                throw ContractError(.forbidden, "only a super_admin grants or removes admin roles")
            }
            if user.role == .superAdmin, command.role != .superAdmin,
               try await tx.users.count(.equal("role", .string(UserRole.superAdmin.rawValue))) <= 1 {
                throw ContractError(.conflict, "this is the last super_admin; make another one first")
            }
            user.role = command.role
            user.roles = Array(Set(roles)).sorted()
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            let fields = ["role", "roles"]
            try await tx.record(AuditEntry(
                action: "role_change", user: user, actorId: admin.id, client: command.client,
                before: Self.summary(before, fields), after: Self.summary(user, fields), now: tx.now))
            try await tx.publish(UserUpdatedV1(user: user.view, changedFields: fields))
            return user.view
        }
    }

    /// `identity.change-user-status.v1`: suspending ends every session and publishes `user-suspended`.
    public func changeStatus(_ command: ChangeUserStatusV1, envelope: MessageEnvelope) async throws -> UserV1 {
        let reason = try CredentialRules.text(command.reason, field: "reason", limit: 500)
        return try await work.once(envelope) { tx in
            let admin = try await administrator(tx.envelope, in: tx.operations)
            guard admin.id != command.userId else { throw ContractError(.conflict, "administrators cannot change their own status") }
            var user = try await liveUser(command.userId, in: tx.operations)
            guard !user.role.isAdministrator || admin.role == .superAdmin else {
                throw ContractError(.forbidden, "only a super_admin changes the status of an administrator")
            }
            guard user.status != command.status else { return user.view }
            let before = user
            user.status = command.status
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            if command.status != .active {
                try await revokeSessions(ofUser: user.id, reason: command.status.rawValue, in: tx)
            }
            try await tx.record(AuditEntry(
                action: "status_change", user: user, actorId: admin.id, client: command.client,
                before: Self.summary(before, ["status"]), after: Self.summary(user, ["status"]), now: tx.now))
            try await tx.publish(UserUpdatedV1(user: user.view, changedFields: ["status"]))
            if command.status == .suspended {
                try await tx.publish(UserSuspendedV1(userId: user.id, reason: reason, by: admin.id))
            }
            return user.view
        }
    }

    /// `identity.list-audit-log.v1`: administrators read entries newest first, by user and action.
    public func auditLog(_ command: ListAuditLogV1, envelope: MessageEnvelope) async throws -> AuditLogPageV1 {
        guard (1...200).contains(command.limit) else { throw ContractError.validation("limit must be 1 to 200", field: "limit") }
        let cursor = try PageCursor.fromRequest(command.cursor)
        return try await work.mapStoreErrors {
            _ = try await administrator(envelope, in: store)
            var filters: [Filter] = []
            if let userId = command.userId { filters.append(.equal("userId", .string(userId))) }
            if let action = command.action { filters.append(.equal("action", .string(action))) }
            let page = try await DocumentCollection(AuditEntry.self, in: store).page(
                filters.isEmpty ? .all : .and(filters), sort: [SortKey("timestamp", .descending)], after: cursor, limit: command.limit)
            return AuditLogPageV1(entries: page.items.map(\.view), nextCursor: page.next?.description)
        }
    }
}
