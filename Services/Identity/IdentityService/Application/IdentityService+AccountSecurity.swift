import Foundation
public import SeedContracts
import SeedAuth
import SeedServiceKit
import SeedStore

extension IdentityService {
    /// `identity.list-sessions.v1`: the caller's live sessions, most recently used first.
    public func listSessions(_ command: ListSessionsV1, envelope: MessageEnvelope) async throws -> SessionListV1 {
        try await work.mapStoreErrors {
            let user = try await caller(envelope, in: store)
            let now = now()
            let live = try await DocumentCollection(RefreshSession.self, in: store)
                .find(.and([.equal("userId", .string(user.id)), .exists("revokedAt", false)]), options: FindOptions(limit: 500))
                .filter { $0.expiresAt > now }
                .map { session in
                    SessionV1(
                        sessionId: session.sessionId, deviceId: session.deviceId, deviceInfo: session.deviceInfo, userAgent: session.userAgent,
                        ipAddress: session.ipAddress, createdAt: session.createdAt, lastUsedAt: session.lastUsedAt ?? session.updatedAt,
                        expiresAt: session.expiresAt, current: session.sessionId == command.currentSessionId)
                }
            return SessionListV1(sessions: live.sorted { $0.lastUsedAt > $1.lastUsedAt })
        }
    }

    /// `identity.request-password-reset.v1`: a single-use token for a live account with this email,
    /// delivered by `password-reset-requested`; an unknown email is answered the same (nothing to learn), a
    /// malformed one is a validation error.
    public func requestPasswordReset(_ command: RequestPasswordResetV1, envelope: MessageEnvelope) async throws -> Accepted {
        // A malformed address is refused (it says nothing about accounts); a well-formed unknown one is not.
        let email = try CredentialRules.email(command.email)
        let token = SecretDigest.randomToken()
        let lifetime = settings.passwordResetLifetime
        return try await work.once(envelope) { tx in
            guard var user = try await tx.users.first(.equal("email", .string(email))), user.deletedAt == nil, user.status == .active else {
                return Accepted()
            }
            user.passwordReset = User.PasswordReset(tokenHash: SecretDigest.sha256(token), expiresAt: tx.now.addingTimeInterval(lifetime))
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            try await tx.record(AuditEntry(action: "password_reset_requested", user: user, client: command.client, now: tx.now))
            try await tx.publish(PasswordResetRequestedV1(userId: user.id, email: email, token: token, expiresAt: user.passwordReset!.expiresAt))
            return Accepted()
        }
    }

    /// `identity.reset-password.v1`: a matching, unexpired, unused token sets the new password, clears
    /// any lockout and ends every session. An unknown, used or expired token changes nothing.
    public func resetPassword(_ command: ResetPasswordV1, envelope: MessageEnvelope) async throws -> Accepted {
        try CredentialRules.password(command.newPassword, field: "newPassword")
        let digest = SecretDigest.sha256(command.token)
        let passwordHash = await hasher.hash(command.newPassword)
        return try await work.once(envelope) { tx in
            guard var user = try await tx.users.first(.equal("passwordReset.tokenHash", .string(digest))), user.deletedAt == nil,
                  let reset = user.passwordReset
            else { throw ContractError(.notFound, "no pending password reset has this token (it may have been used already)", details: ["field": "token"]) }
            guard reset.expiresAt > tx.now else {
                throw ContractError(.notFound, "the password reset token has expired; ask for a new one", details: ["field": "token"])
            }
            user.passwordHash = passwordHash
            user.passwordReset = nil
            user.authentication.loginAttempts = 0
            user.authentication.lockedUntil = nil
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            try await revokeSessions(ofUser: user.id, reason: "password_reset", in: tx)
            try await tx.record(AuditEntry(action: "password_reset", user: user, client: command.client, now: tx.now))
            try await tx.publish(PasswordChangedV1(userId: user.id, how: "reset"))
            return Accepted()
        }
    }

    /// `identity.change-password.v1`: the current password must match; every other session ends.
    public func changePassword(_ command: ChangePasswordV1, envelope: MessageEnvelope) async throws -> Accepted {
        try CredentialRules.password(command.newPassword, field: "newPassword")
        let user = try await work.mapStoreErrors { try await caller(envelope, in: store) }
        guard let currentHash = user.passwordHash, await hasher.verify(command.currentPassword, against: currentHash) else {
            throw ContractError.validation("the current password is not right", field: "currentPassword")
        }
        let passwordHash = await hasher.hash(command.newPassword)
        return try await work.once(envelope) { tx in
            var user = try await caller(tx.envelope, in: tx.operations)
            guard user.passwordHash == currentHash else {
                throw ContractError(.conflict, "the password changed meanwhile; try again", details: ["field": "currentPassword"])
            }
            user.passwordHash = passwordHash
            user.passwordReset = nil
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            try await revokeSessions(ofUser: user.id, reason: "password_change", except: command.currentSessionId, in: tx)
            try await tx.record(AuditEntry(action: "password_change", user: user, client: command.client, sessionId: command.currentSessionId, now: tx.now))
            try await tx.publish(PasswordChangedV1(userId: user.id, how: "change"))
            return Accepted()
        }
    }

    /// `identity.resend-verification-email.v1`: a new token replaces the old one.
    public func resendVerificationEmail(_ command: ResendVerificationEmailV1, envelope: MessageEnvelope) async throws -> Accepted {
        let token = SecretDigest.randomToken()
        let lifetime = settings.emailTokenLifetime
        return try await work.once(envelope) { tx in
            var user = try await caller(tx.envelope, in: tx.operations)
            guard let email = user.email else { throw ContractError(.conflict, "this account has no email address", details: ["field": "email"]) }
            guard !user.verification.email.isVerified else { throw ContractError(.conflict, "the email address is already verified", details: ["field": "email"]) }
            user.verification.email.tokenHash = SecretDigest.sha256(token)
            user.verification.email.tokenExpiresAt = tx.now.addingTimeInterval(lifetime)
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            try await tx.publish(EmailVerificationRequestedV1(userId: user.id, email: email, token: token, expiresAt: user.verification.email.tokenExpiresAt!))
            return Accepted()
        }
    }
}
