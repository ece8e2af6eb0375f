import Foundation
public import SeedContracts

/// One session (seed 004 `refresh_tokens`): a device's chain of refresh tokens.
///
/// Only the SHA-256 of the current token is kept; each refresh replaces it (rotation) and remembers
/// the old digest, so that an old token presented again is recognised as stolen and ends the session.
public struct RefreshSession: Codable, Sendable, Equatable {
    public var id: String
    public var userId: String
    public var sessionId: String
    public var tokenHash: String
    /// Digests of the tokens this session has rotated away from, newest last (at most ``rememberedTokens``).
    public var previousTokenHashes: [String]
    public var deviceId: String?
    public var deviceInfo: String?
    public var expiresAt: Date
    public var revokedAt: Date?
    public var revokedReason: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// How many rotated-away digests a session remembers for reuse detection.
    public static let rememberedTokens = 50

    public init(userId: String, sessionId: String, tokenHash: String, deviceId: String?, deviceInfo: String?, expiresAt: Date, now: Date) {
        self.id = sessionId
        self.userId = userId
        self.sessionId = sessionId
        self.tokenHash = tokenHash
        self.previousTokenHashes = []
        self.deviceId = deviceId
        self.deviceInfo = deviceInfo
        self.expiresAt = expiresAt
        self.createdAt = now
        self.updatedAt = now
    }

    enum CodingKeys: String, CodingKey {
        case id = "_id", userId, sessionId, tokenHash, previousTokenHashes, deviceId, deviceInfo, expiresAt, revokedAt,
             revokedReason, createdAt, updatedAt
    }
}

/// A refresh token as the client holds it: `<sessionId>.<secret>`.
public struct RefreshToken: Sendable, Equatable {
    public let sessionId: String
    public let secret: String


    /// Parses a token a client presented.
    public init(parsing text: String) throws(ContractError) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 32 else {
            throw ContractError(.unauthenticated, "the refresh token is not valid")
        }
        sessionId = String(parts[0])
        secret = String(parts[1])
    }

    /// A new token of `sessionId`; `secret` carries 256 random bits.
    public init(sessionId: String, secret: String) {
        self.sessionId = sessionId
        self.secret = secret
    }

    public var text: String { "\(sessionId).\(secret)" }
}
