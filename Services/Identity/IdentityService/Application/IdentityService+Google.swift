import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension IdentityService {
    /// `identity.login-with-google.v1`: a verified Google identity signs in to the account linked to
    /// its `googleId`; else it is linked to the account with the same email (only when Google has
    /// verified the email); else a new account is made.
    public func loginWithGoogle(_ command: LoginWithGoogleV1, envelope: MessageEnvelope) async throws -> SessionTokensV1 {
        let identity = try await google.verify(command.idToken)
        let email = try CredentialRules.email(identity.email)
        let users = DocumentCollection(User.self, in: store)
        let linked = try await work.mapStoreErrors { try await users.first(.equal("googleId", .string(identity.googleId))) }
        if let linked {
            return try await openSession(for: linked.id, action: "login_google", deviceId: command.deviceId, deviceInfo: command.deviceInfo,
                                         client: command.client, envelope: envelope)
        }
        guard identity.emailVerified else {
            throw ContractError(.forbidden, "Google has not verified this email address; sign in with a password instead")
        }
        let existing = try await work.mapStoreErrors { try await users.first(.equal("email", .string(email))) }
        let userId: String
        if let existing {
            userId = existing.id
        } else {
            userId = try await work.once(envelope.caused(type: RegisterUserV1.messageType)) { tx in
                var user = User(id: ObjectId().description, email: email, googleId: identity.googleId,
                                profile: UserProfile(displayName: identity.name ?? User.displayName(for: UserProfile(), email: email, username: nil)),
                                now: tx.now)
                user.verification.email.isVerified = true
                user.verification.email.verifiedAt = tx.now
                try await tx.users.insert(user)
                try await tx.record(AuditEntry(action: "register", user: user, client: command.client, now: tx.now))
                try await tx.publish(UserRegisteredV1(user: user.view))
                return user.id
            }
        }
        let googleId = identity.googleId
        return try await openSession(for: userId, action: "login_google", deviceId: command.deviceId, deviceInfo: command.deviceInfo,
                                     client: command.client, envelope: envelope) { user, _ in
            if user.googleId == nil { user.googleId = googleId }
        }
    }
}
