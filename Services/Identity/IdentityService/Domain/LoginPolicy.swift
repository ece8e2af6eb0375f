import Foundation
public import SeedContracts

/// When a password login is allowed, and what a failure does: after ``maximumFailures`` wrong
/// passwords in a row the account is locked for ``lockDuration``; a success resets the count.
public struct LoginPolicy: Sendable, Equatable {
    public var maximumFailures: Int
    public var lockDuration: TimeInterval

    public init(maximumFailures: Int = 5, lockDuration: TimeInterval = 15 * 60) {
        self.maximumFailures = maximumFailures
        self.lockDuration = lockDuration
    }

    /// Throws when `user` may not log in now: deleted (as a wrong password, to reveal nothing),
    /// suspended or inactive (`forbidden`), locked (`rate_limited` with `retryAfterSeconds`).
    public func checkAllowed(_ user: User, now: Date) throws(ContractError) {
        guard user.deletedAt == nil else { throw Self.wrongCredentials }
        switch user.status {
        case .active: break
        case .suspended: throw ContractError(.forbidden, "this account is suspended", details: ["reason": "account_suspended"])
        case .inactive: throw ContractError(.forbidden, "this account is inactive", details: ["reason": "account_inactive"])
        }
        if let lockedUntil = user.authentication.lockedUntil, lockedUntil > now {
            throw Self.locked(until: lockedUntil, now: now)
        }
    }

    /// The authentication state after a wrong password, and whether it has just locked the account.
    public func afterFailure(_ authentication: User.Authentication, now: Date) -> (User.Authentication, lockedUntil: Date?) {
        var next = authentication
        // A lock that has run out starts a new count.
        if let lockedUntil = next.lockedUntil, lockedUntil <= now {
            next.lockedUntil = nil
            next.loginAttempts = 0
        }
        next.loginAttempts += 1
        if next.loginAttempts >= maximumFailures {
            next.lockedUntil = now.addingTimeInterval(lockDuration)
            return (next, next.lockedUntil)
        }
        return (next, nil)
    }

    /// The authentication state after a successful login.
    public func afterSuccess(_ authentication: User.Authentication, now: Date) -> User.Authentication {
        var next = authentication
        next.loginAttempts = 0
        next.lockedUntil = nil
        next.lastLoginAt = now
        return next
    }

    /// The one error for an unknown email and a wrong password alike.
    public static let wrongCredentials = ContractError(.unauthenticated, "the email or password is incorrect")

    /// The error of a locked account: when to retry, in seconds and as a date.
    public static func locked(until: Date, now: Date) -> ContractError {
        let seconds = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
        return ContractError(
            .rateLimited, "too many failed logins: this account is locked; try again in \(seconds) seconds",
            details: ["reason": "account_locked", "retryAfterSeconds": String(seconds),
                      "lockedUntil": ISO8601DateFormatter().string(from: until)])
    }
}
