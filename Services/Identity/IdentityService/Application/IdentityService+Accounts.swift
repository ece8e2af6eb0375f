import Foundation
public import SeedContracts
import SeedAuth
import SeedServiceKit
import SeedStore

extension IdentityService {
    /// `identity.register-user.v1`: validates, hashes the password, creates the account (the
    /// bootstrap administrator's email gets `super_admin` while there is none), and publishes
    /// `user-registered` and `email-verification-requested`.
    public func register(_ command: RegisterUserV1, envelope: MessageEnvelope) async throws -> UserV1 {
        let email = try CredentialRules.email(command.email)
        try CredentialRules.password(command.password)
        let phone = try command.phone.map { raw throws(ContractError) in try CredentialRules.phone(raw) }
        let username = try command.username.map { raw throws(ContractError) in try CredentialRules.username(raw) }
        var checkedProfile = try CredentialRules.profile(command.profile ?? UserProfile())
        checkedProfile.displayName = User.displayName(for: checkedProfile, email: email, username: username)
        let profile = checkedProfile
        let passwordHash = await hasher.hash(command.password)
        let emailToken = SecretDigest.randomToken()
        let settings = settings

        return try await work.once(envelope) { tx in
            var role = UserRole.client
            if let bootstrap = settings.bootstrapAdminEmail, bootstrap == email,
               try await tx.users.count(.equal("role", .string(UserRole.superAdmin.rawValue))) == 0 {
                role = .superAdmin
            }
            var user = User(
                id: ObjectId().description, email: email, phone: phone, username: username, passwordHash: passwordHash, profile: profile,
                role: role, now: tx.now)
            user.verification.email.tokenHash = SecretDigest.sha256(emailToken)
            user.verification.email.tokenExpiresAt = tx.now.addingTimeInterval(settings.emailTokenLifetime)
            try await tx.users.insert(user)
            try await tx.record(AuditEntry(action: "register", user: user, client: command.client, now: tx.now))
            try await tx.publish(UserRegisteredV1(user: user.view))
            try await tx.publish(EmailVerificationRequestedV1(
                userId: user.id, email: email, token: emailToken, expiresAt: user.verification.email.tokenExpiresAt!))
            return user.view
        }
    }

    /// `identity.get-user.v1`: the caller itself, or anyone for an administrator.
    public func user(_ command: GetUserV1, envelope: MessageEnvelope) async throws -> UserV1 {
        try await work.mapStoreErrors {
            let caller = try await caller(envelope, in: store)
            // Reading oneself (the common case) needs no second read.
            if caller.id == command.userId { return caller.view }
            guard caller.isAdministrator else { throw ContractError(.forbidden, "only administrators read other users") }
            return try await liveUser(command.userId, in: store).view
        }
    }

    /// `identity.update-profile.v1`: changes the fields given; a new phone needs verifying again.
    public func updateProfile(_ command: UpdateProfileV1, envelope: MessageEnvelope) async throws -> UserV1 {
        let firstName = try CredentialRules.text(command.firstName, field: "firstName", limit: 100)
        let lastName = try CredentialRules.text(command.lastName, field: "lastName", limit: 100)
        let displayName = try CredentialRules.text(command.displayName, field: "displayName", limit: 100)
        let fullName = try CredentialRules.fullName(command.fullName, field: "fullName")
        let company = try CredentialRules.text(command.company, field: "company")
        let avatar = try CredentialRules.text(command.avatar, field: "avatar", limit: 2048)
        let timezone = try CredentialRules.timezone(command.timezone)
        let preferences = try command.preferences.map { value throws(ContractError) in try CredentialRules.preferences(value) }
        let username = try command.username.map { raw throws(ContractError) in try CredentialRules.username(raw) }
        let phone = try command.phone.map { raw throws(ContractError) in try CredentialRules.phone(raw) }

        return try await work.once(envelope) { tx in
            var user = try await caller(tx.envelope, in: tx.operations)
            let before = user
            var changed: [String] = []
            func apply<V: Equatable>(_ value: V?, _ keyPath: WritableKeyPath<User, V?>, _ name: String) {
                if let value, user[keyPath: keyPath] != value { user[keyPath: keyPath] = value; changed.append(name) }
            }
            apply(firstName, \.profile.firstName, "profile.firstName")
            apply(lastName, \.profile.lastName, "profile.lastName")
            apply(displayName, \.profile.displayName, "profile.displayName")
            apply(fullName, \.profile.fullName, "profile.fullName")
            apply(company, \.profile.company, "profile.company")
            apply(avatar, \.profile.avatar, "profile.avatar")
            apply(timezone, \.profile.timezone, "profile.timezone")
            apply(username, \.username, "username")
            if let preferences, preferences != user.profile.preferences {
                user.profile.preferences = preferences
                changed.append("profile.preferences")
            }
            if let phone, phone != user.phone {
                user.phone = phone
                user.verification.phone = User.PhoneVerification()
                changed.append("phone")
            }
            guard !changed.isEmpty else { return user.view }
            if displayName == nil, firstName != nil || lastName != nil {
                user.profile.displayName = nil
                user.profile.displayName = User.displayName(for: user.profile, email: user.email, username: user.username)
            }
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            try await tx.record(AuditEntry(
                action: "update", user: user, client: nil, before: Self.summary(before, changed), after: Self.summary(user, changed), now: tx.now))
            try await tx.publish(UserUpdatedV1(user: user.view, changedFields: changed))
            return user.view
        }
    }

    /// `identity.delete-user.v1`: the caller itself or an administrator deletes an account. Personal
    /// data is erased, sessions end, the id stays reserved; `user-deleted` tells the other services.
    public func delete(_ command: DeleteUserV1, envelope: MessageEnvelope) async throws -> Accepted {
        try await work.once(envelope) { tx in
            let caller = try await caller(tx.envelope, in: tx.operations)
            guard caller.id == command.userId || caller.isAdministrator else {
                throw ContractError(.forbidden, "only administrators delete other users")
            }
            var user = try await liveUser(command.userId, in: tx.operations)
            let audited = user
            user.deletedAt = tx.now
            user.updatedAt = tx.now
            user.email = nil
            user.phone = nil
            user.username = nil
            user.googleId = nil
            user.passwordHash = nil
            user.externalId = nil
            user.profile = UserProfile(displayName: "Deleted user")
            user.verification = User.Verification()
            user.customData = nil
            try await tx.users.replace(user)
            try await revokeSessions(ofUser: user.id, reason: "deleted", in: tx)
            try await tx.record(AuditEntry(action: "delete", user: audited, actorId: caller.id, client: command.client, now: tx.now))
            try await tx.publish(UserDeletedV1(userId: user.id))
            return Accepted()
        }
    }

    /// A few fields of `user` for an audit entry's before/after.
    static func summary(_ user: User, _ fields: [String]) -> [String: String] {
        var summary: [String: String] = [:]
        // Stored as document field names, which cannot contain dots: `profile.firstName` counts as `profile`.
        for field in Set(fields.map { String($0.prefix { $0 != "." }) }) {
            switch field {
            case "role": summary[field] = user.role.rawValue
            case "roles": summary[field] = user.roles.joined(separator: ",")
            case "status": summary[field] = user.status.rawValue
            case "username": summary[field] = user.username ?? ""
            case "phone": summary[field] = user.phone ?? ""
            default: summary[field] = "changed"
            }
        }
        return summary
    }
}
