import Foundation
public import SeedContracts
import SeedAuth
import SeedServiceKit
import SeedStore

extension IdentityService {
    /// `identity.verify-email.v1`: the token from `email-verification-requested`, within 24 hours.
    public func verifyEmail(_ command: VerifyEmailV1, envelope: MessageEnvelope) async throws -> UserV1 {
        let digest = SecretDigest.sha256(command.token)
        return try await work.once(envelope) { tx in
            guard var user = try await tx.users.first(.equal("verification.email.tokenHash", .string(digest))), user.deletedAt == nil else {
                throw ContractError(.notFound, "no pending email verification has this token", details: ["field": "token"])
            }
            guard let expires = user.verification.email.tokenExpiresAt, expires > tx.now else {
                throw ContractError(.notFound, "the email verification token has expired; ask for a new one", details: ["field": "token"])
            }
            user.verification.email.isVerified = true
            user.verification.email.verifiedAt = tx.now
            user.verification.email.tokenHash = nil
            user.verification.email.tokenExpiresAt = nil
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            try await tx.record(AuditEntry(action: "verify_email", user: user, client: nil, now: tx.now))
            try await tx.publish(UserVerifiedV1(userId: user.id, channel: "email"))
            return user.view
        }
    }

    /// `identity.request-phone-verification.v1`: a new 6-digit code for the caller's phone, delivered
    /// by `phone-verification-requested`; it replaces any earlier code and resets the attempts.
    public func requestPhoneVerification(_ command: RequestPhoneVerificationV1, envelope: MessageEnvelope) async throws -> Accepted {
        let code = SecretDigest.numericCode()
        let lifetime = settings.phoneCodeLifetime
        return try await work.once(envelope) { tx in
            var user = try await caller(tx.envelope, in: tx.operations)
            guard let phone = user.phone else {
                throw ContractError(.conflict, "this account has no phone number; add one with update-profile first", details: ["field": "phone"])
            }
            guard !user.verification.phone.isVerified else { throw ContractError(.conflict, "the phone number is already verified") }
            user.verification.phone.codeHash = SecretDigest.sha256(code)
            user.verification.phone.codeExpiresAt = tx.now.addingTimeInterval(lifetime)
            user.verification.phone.attempts = 0
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            try await tx.publish(PhoneVerificationRequestedV1(userId: user.id, phone: phone, code: code, expiresAt: user.verification.phone.codeExpiresAt!))
            return Accepted()
        }
    }

    /// `identity.verify-phone.v1`: a wrong code counts against the attempts (and is committed, so the
    /// limit holds); after the last attempt the code is void.
    public func verifyPhone(_ command: VerifyPhoneV1, envelope: MessageEnvelope) async throws -> UserV1 {
        let digest = SecretDigest.sha256(command.code)
        let maximumAttempts = settings.phoneCodeMaximumAttempts
        let outcome = try await work.once(envelope) { tx -> PhoneOutcome in
            var user = try await caller(tx.envelope, in: tx.operations)
            var phone = user.verification.phone
            guard let codeHash = phone.codeHash, let expires = phone.codeExpiresAt else {
                return .refused("no phone verification code is pending; request one first")
            }
            guard expires > tx.now else { return .refused("the phone verification code has expired; request a new one") }
            guard phone.attempts < maximumAttempts else {
                return .refused("too many wrong codes; request a new one")
            }
            guard SecretDigest.constantTimeEqual(codeHash, digest) else {
                phone.attempts += 1
                user.verification.phone = phone
                user.updatedAt = tx.now
                try await tx.users.replace(user)
                let left = maximumAttempts - phone.attempts
                return .refused(left > 0 ? "the code is wrong; \(left) attempts left" : "the code is wrong; no attempts left, request a new code")
            }
            phone.isVerified = true
            phone.verifiedAt = tx.now
            phone.codeHash = nil
            phone.codeExpiresAt = nil
            user.verification.phone = phone
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            try await tx.record(AuditEntry(action: "verify_phone", user: user, client: nil, now: tx.now))
            try await tx.publish(UserVerifiedV1(userId: user.id, channel: "phone"))
            return .verified(user.view)
        }
        switch outcome {
        case .verified(let user): return user
        case .refused(let reason): throw ContractError.validation(reason, field: "code")
        }
    }

    enum PhoneOutcome: Codable, Sendable {
        case verified(UserV1)
        case refused(String)
    }
}
