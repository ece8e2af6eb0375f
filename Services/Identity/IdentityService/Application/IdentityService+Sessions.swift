import Foundation
public import SeedContracts
import SeedAuth
import SeedServiceKit
import SeedStore

extension IdentityService {
    /// `identity.login.v1`: checks the password (bcrypt, before any transaction), applies the lockout
    /// policy, and opens a session. An unknown email and a wrong password give the same error in about
    /// the same time.
    public func login(_ command: LoginV1, envelope: MessageEnvelope) async throws -> SessionTokensV1 {
        let email = (try? CredentialRules.email(command.email)) ?? command.email.lowercased()
        let found = try await work.mapStoreErrors {
            try await DocumentCollection(User.self, in: store).first(.equal("email", .string(email)))
        }
        guard let user = found, let passwordHash = user.passwordHash else {
            _ = await hasher.verify(command.password, against: decoyHash)
            try await audit(AuditEntry(action: "login_failed", user: nil, client: command.client, success: false,
                                       errorMessage: "unknown email", now: now()))
            throw LoginPolicy.wrongCredentials
        }
        try settings.loginPolicy.checkAllowed(user, now: now())
        let matches = await hasher.verify(command.password, against: passwordHash)
        guard matches else {
            throw try await recordFailedLogin(of: user, client: command.client, envelope: envelope)
        }
        return try await openSession(for: user.id, action: "login", deviceId: command.deviceId, deviceInfo: command.deviceInfo,
                                     client: command.client, envelope: envelope)
    }

    /// Counts a wrong password (locking the account at the limit) and returns the error to throw.
    private func recordFailedLogin(of user: User, client: ClientInfo?, envelope: MessageEnvelope) async throws -> ContractError {
        let policy = settings.loginPolicy
        let lockedUntil: Date? = try await work.mapStoreErrors {
            try await store.withTransaction { operations in
                let now = now()
                let users = DocumentCollection(User.self, in: operations)
                guard var current = try await users.first(.equal("_id", .string(user.id))) else { return nil }
                let (authentication, locked) = policy.afterFailure(current.authentication, now: now)
                current.authentication = authentication
                current.updatedAt = now
                try await users.replace(current)
                try await DocumentCollection(AuditEntry.self, in: operations).insert(AuditEntry(
                    action: "login_failed", user: current, client: client, success: false,
                    errorMessage: locked == nil ? "wrong password" : "wrong password; account locked", now: now))
                return locked
            }
        }
        if let lockedUntil { return LoginPolicy.locked(until: lockedUntil, now: now()) }
        return LoginPolicy.wrongCredentials
    }

    /// Creates a session for `userId` in one transaction (success recorded, lockout cleared, audit
    /// entry) and signs its first access token.
    func openSession(
        for userId: String, action: String, deviceId: String?, deviceInfo: String?, client: ClientInfo?, envelope: MessageEnvelope,
        prepare: (@Sendable (inout User, Transaction) async throws -> Void)? = nil
    ) async throws -> SessionTokensV1 {
        let sessionId = MessageEnvelope.newId()
        let token = RefreshToken(sessionId: sessionId, secret: SecretDigest.randomToken())
        let policy = settings.loginPolicy
        let lifetime = settings.refreshTokenLifetime
        let (user, session) = try await work.onceWithoutReplay(envelope) { tx -> (User, RefreshSession) in
            var user = try await liveUser(userId, in: tx.operations)
            try policy.checkAllowed(user, now: tx.now)
            try await prepare?(&user, tx)
            user.authentication = policy.afterSuccess(user.authentication, now: tx.now)
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            var session = RefreshSession(
                userId: user.id, sessionId: sessionId, tokenHash: SecretDigest.sha256(token.text), deviceId: deviceId,
                deviceInfo: deviceInfo, expiresAt: tx.now.addingTimeInterval(lifetime), now: tx.now)
            session.userAgent = client?.userAgent
            session.ipAddress = client?.ipAddress
            try await tx.sessions.insert(session)
            try await tx.record(AuditEntry(action: action, user: user, client: client, sessionId: sessionId, now: tx.now))
            return (user, session)
        }
        return try await tokens(for: user, session: session, refreshToken: token)
    }

    /// `identity.refresh-session.v1`: rotates the refresh token. A token that this session rotated away
    /// from before means the token was copied: the whole session is revoked, except for the token the
    /// latest rotation replaced within ``IdentitySettings/refreshGraceWindow`` (two tabs refreshing at
    /// once), which gets the same new pair again.
    public func refresh(_ command: RefreshSessionV1, envelope: MessageEnvelope) async throws -> SessionTokensV1 {
        let presented = try RefreshToken(parsing: command.refreshToken)
        let presentedHash = SecretDigest.sha256(presented.text)
        let policy = settings.loginPolicy
        let lifetime = settings.refreshTokenLifetime
        let accessLifetime = settings.accessTokenLifetime
        let grace = settings.refreshGraceWindow

        let outcome = try await work.onceWithoutReplay(envelope) { tx -> RefreshOutcome in
            guard var session = try await tx.sessions.first(.equal("_id", .string(presented.sessionId))),
                  session.revokedAt == nil, session.expiresAt > tx.now
            else { return .refused("the refresh token is not valid (expired, revoked or unknown); log in again") }
            if session.tokenHash != presentedHash {
                if session.rotatedFromHash == presentedHash, let rotatedAt = session.rotatedAt, tx.now <= rotatedAt.addingTimeInterval(grace),
                   let key = session.rotationKey {
                    // The same token again within the grace window (another tab): the same new pair.
                    let next = RefreshToken.next(after: presented, key: key)
                    if SecretDigest.sha256(next.text) == session.tokenHash {
                        let user = try await liveUser(session.userId, in: tx.operations)
                        try policy.checkAllowed(user, now: tx.now)
                        return .rotated(user, session, next, issuedAt: rotatedAt)
                    }
                }
                guard session.previousTokenHashes.contains(presentedHash) else {
                    return .refused("the refresh token is not valid (expired, revoked or unknown); log in again")
                }
                // Reuse of a rotated token: someone else holds this session's chain. End it.
                session.revokedAt = tx.now
                session.revokedReason = "refresh_token_reuse"
                session.updatedAt = tx.now
                try await tx.sessions.replace(session)
                let user = try? await liveUser(session.userId, in: tx.operations)
                try await tx.record(AuditEntry(
                    action: "refresh_reuse", user: user, client: command.client, sessionId: session.sessionId, success: false,
                    errorMessage: "a rotated refresh token was presented again; the session is revoked", now: tx.now))
                try await tx.publish(SessionRevokedV1(
                    userId: session.userId, sessionId: session.sessionId, reason: "refresh_token_reuse",
                    accessTokensValidUntil: tx.now.addingTimeInterval(accessLifetime)))
                return .refused("this refresh token was already used; the session has been revoked for safety; log in again")
            }
            let user = try await liveUser(session.userId, in: tx.operations)
            try policy.checkAllowed(user, now: tx.now)
            let key = session.rotationKey ?? SecretDigest.randomToken()
            let next = RefreshToken.next(after: presented, key: key)
            session.rotationKey = key
            session.previousTokenHashes.append(session.tokenHash, keepingLast: RefreshSession.rememberedTokens)
            session.rotatedFromHash = session.tokenHash
            session.rotatedAt = tx.now
            session.tokenHash = SecretDigest.sha256(next.text)
            session.expiresAt = tx.now.addingTimeInterval(lifetime)
            session.lastUsedAt = tx.now
            session.updatedAt = tx.now
            try await tx.sessions.replace(session)
            return .rotated(user, session, next, issuedAt: tx.now)
        }
        switch outcome {
        case .rotated(let user, let session, let next, let issuedAt):
            return try await tokens(for: user, session: session, refreshToken: next, issuedAt: issuedAt)
        case .refused(let reason): throw ContractError(.unauthenticated, reason)
        }
    }

    /// `identity.logout.v1`: revokes one session of the caller, or all of them.
    public func logout(_ command: LogoutV1, envelope: MessageEnvelope) async throws -> Accepted {
        guard command.allSessions || command.sessionId != nil else {
            throw ContractError.validation("name the sessionId to end, or set allSessions", field: "sessionId")
        }
        return try await work.once(envelope) { tx in
            let user = try await caller(tx.envelope, in: tx.operations)
            if command.allSessions {
                try await revokeSessions(ofUser: user.id, reason: "logout_all", in: tx)
            } else if let sessionId = command.sessionId {
                guard var session = try await tx.sessions.first(.equal("_id", .string(sessionId))), session.userId == user.id else {
                    throw ContractError(.notFound, "no session \(sessionId) of this user", details: ["field": "sessionId"])
                }
                if session.revokedAt == nil {
                    session.revokedAt = tx.now
                    session.revokedReason = "logout"
                    session.updatedAt = tx.now
                    try await tx.sessions.replace(session)
                    try await tx.publish(SessionRevokedV1(
                        userId: user.id, sessionId: sessionId, reason: "logout",
                        accessTokensValidUntil: tx.now.addingTimeInterval(settings.accessTokenLifetime)))
                }
            }
            try await tx.record(AuditEntry(
                action: command.allSessions ? "logout_all" : "logout", user: user, client: command.client, sessionId: command.sessionId,
                now: tx.now))
            return Accepted()
        }
    }

    /// Ends every live session of a user, publishing `session-revoked` for each.
    func revokeSessions(ofUser userId: String, reason: String, except kept: String? = nil, in tx: Transaction) async throws {
        let live = try await tx.sessions.find(.and([.equal("userId", .string(userId)), .exists("revokedAt", false)]))
        for var session in live where session.sessionId != kept {
            session.revokedAt = tx.now
            session.revokedReason = reason
            session.updatedAt = tx.now
            try await tx.sessions.replace(session)
            try await tx.publish(SessionRevokedV1(
                userId: userId, sessionId: session.sessionId, reason: reason,
                accessTokensValidUntil: tx.now.addingTimeInterval(settings.accessTokenLifetime)))
        }
    }

    /// `identity.get-signing-keys.v1`.
    public func signingKeySet() -> SigningKeysV1 { signingKeys }

    // MARK: - Helpers

    enum RefreshOutcome: Sendable {
        case rotated(User, RefreshSession, RefreshToken, issuedAt: Date)
        case refused(String)
    }

    /// Signs the access token of a session. With `issuedAt` (a rotation), the token's id derives from
    /// the refresh token, so the same rotation signs the same access token (Ed25519 is deterministic).
    func tokens(for user: User, session: RefreshSession, refreshToken: RefreshToken, issuedAt: Date? = nil) async throws -> SessionTokensV1 {
        let claims = AccessTokenClaims(
            userId: user.id, sessionId: session.sessionId, role: user.role.rawValue, roles: user.roles, tenant: user.tenantId,
            issuedAt: issuedAt ?? now(), lifetime: settings.accessTokenLifetime,
            id: issuedAt == nil ? MessageEnvelope.newId() : String(SecretDigest.sha256("jti.\(refreshToken.text)").prefix(32)))
        return SessionTokensV1(
            accessToken: try await issuer.sign(claims), accessTokenExpiresAt: claims.expiration.value, refreshToken: refreshToken.text,
            refreshTokenExpiresAt: session.expiresAt, sessionId: session.sessionId, user: user.view)
    }

    /// Writes one audit entry on its own (failures that change nothing else).
    func audit(_ entry: AuditEntry) async throws {
        try await work.mapStoreErrors { try await DocumentCollection(AuditEntry.self, in: store).insert(entry) }
    }
}
