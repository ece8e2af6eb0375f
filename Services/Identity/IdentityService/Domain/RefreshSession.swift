import Foundation
import SeedAuth
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
    public var previousTokenHashes: RotatedTokenDigests
    public var deviceId: String?
    public var deviceInfo: String?
    public var expiresAt: Date
    public var revokedAt: Date?
    public var revokedReason: String?
    /// The client of the login (shown in the user's list of sessions).
    public var userAgent: String?
    public var ipAddress: String?
    /// The last login or refresh.
    public var lastUsedAt: Date?
    /// A per-session secret from which each rotation derives the next refresh token from the presented
    /// one, so that a second refresh with the same token inside the grace window gets the same token
    /// again without the token being stored (decision 0029). Never leaves the store.
    public var rotationKey: String?
    /// The digest of the token the latest rotation replaced, and when: presented again within
    /// ``IdentitySettings/refreshGraceWindow`` it gets the same new pair instead of revoking the session.
    public var rotatedFromHash: String?
    public var rotatedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// How many rotated-away digests a session remembers for reuse detection.
    public static let rememberedTokens = 50

    public init(userId: String, sessionId: String, tokenHash: String, deviceId: String?, deviceInfo: String?, expiresAt: Date, now: Date) {
        self.id = sessionId
        self.userId = userId
        self.sessionId = sessionId
        self.tokenHash = tokenHash
        self.previousTokenHashes = RotatedTokenDigests()
        self.deviceId = deviceId
        self.deviceInfo = deviceInfo
        self.expiresAt = expiresAt
        self.lastUsedAt = now
        self.rotationKey = SecretDigest.randomToken()
        self.createdAt = now
        self.updatedAt = now
    }

    enum CodingKeys: String, CodingKey {
        case id = "_id", userId, sessionId, tokenHash, previousTokenHashes, deviceId, deviceInfo, expiresAt, revokedAt,
             revokedReason, userAgent, ipAddress, lastUsedAt, rotationKey, rotatedFromHash, rotatedAt, createdAt, updatedAt
    }
}

/// The digests of the refresh tokens a session rotated away from, newest last.
///
/// Stored as one string of fixed-width digests (64 hex characters each) rather than an array of
/// strings: a session is read and written on every refresh, and one string costs the document coders
/// one value instead of fifty. Sessions stored before 2026-11-22 hold an array; it is read as well and
/// written back as a string at the session's next change.
public struct RotatedTokenDigests: Codable, Sendable, Equatable {
    /// The width of one digest: a hex SHA-256 (``SecretDigest/sha256(_:)``).
    static let digestWidth = 64

    /// The digests, back to back.
    public private(set) var text: String

    public init() { text = "" }

    private init(text: String) { self.text = text }

    /// The digests of `digests` that have the expected width, in order.
    public init(_ digests: [String]) {
        text = digests.filter { $0.utf8.count == Self.digestWidth }.joined()
    }

    public var count: Int { text.utf8.count / Self.digestWidth }

    public func contains(_ digest: String) -> Bool {
        let wanted = Array(digest.utf8)
        guard wanted.count == Self.digestWidth else { return false }
        let stored = Array(text.utf8)
        // `through:` keeps a damaged text (not a whole number of digests) from reading past its end.
        return stride(from: 0, through: stored.count - Self.digestWidth, by: Self.digestWidth).contains { start in
            stored[start..<(start + Self.digestWidth)].elementsEqual(wanted)
        }
    }

    /// Appends `digest` (if it has the expected width) and keeps only the newest `limit` digests.
    public mutating func append(_ digest: String, keepingLast limit: Int) {
        guard digest.utf8.count == Self.digestWidth else { return }
        var bytes = Array(text.utf8) + Array(digest.utf8)
        let excess = bytes.count - limit * Self.digestWidth
        if excess > 0 { bytes.removeFirst(excess) }
        text = String(decoding: bytes, as: UTF8.self)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.init(text: text)
        } else {
            self.init(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
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

    /// The token that rotating away from `presented` gives, with the session's rotation key: the same
    /// presented token always gives the same next one, and without the key nobody can compute it.
    public static func next(after presented: RefreshToken, key: String) -> RefreshToken {
        RefreshToken(sessionId: presented.sessionId, secret: SecretDigest.sha256("\(key).\(presented.text)"))
    }
}
