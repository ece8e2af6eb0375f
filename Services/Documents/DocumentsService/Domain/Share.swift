import Crypto
import Foundation
import SeedContracts

/// A share of a document (seed 001 `sharing`): with a conversation, or a public link whose token is
/// stored only as its SHA-256.
struct DocumentShare: Codable, Sendable, Equatable {
    var id: String
    var documentId: String
    var tenantId: String
    var type: SharingType
    var conversationId: String?
    /// SHA-256 (hex) of a public link's token.
    var tokenHash: String?
    var expiresAt: Date?
    var maxDownloads: Int?
    var downloads: Int
    var createdBy: String
    var createdAt: Date
    var revokedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id = "_id", documentId, tenantId, type, conversationId, tokenHash, expiresAt, maxDownloads, downloads, createdBy, createdAt, revokedAt
    }

    /// Whether the share lets anyone read at `now`: not revoked, not expired, downloads left.
    func isLive(at now: Date) -> Bool {
        guard revokedAt == nil else { return false }
        if let expiresAt, expiresAt <= now { return false }
        if let maxDownloads, downloads >= maxDownloads { return false }
        return true
    }

    func view(token: String? = nil) -> ShareV1 {
        ShareV1(
            id: id, documentId: documentId, type: type, conversationId: conversationId, expiresAt: expiresAt, maxDownloads: maxDownloads,
            downloads: downloads, token: token, revokedAt: revokedAt)
    }
}

/// Rules of sharing: what a share request may ask, and the public links' tokens.
enum ShareRules {
    /// Longest a public link may live: 90 days.
    static let maximumLifetime: TimeInterval = 90 * 86_400

    /// Checks a share request at `now`.
    static func validate(_ command: ShareDocumentV1, now: Date) throws(ContractError) {
        switch command.type {
        case .private:
            return
        case .chat:
            guard let conversation = command.conversationId, !conversation.isEmpty else {
                throw ContractError.validation("sharing with a conversation names it", field: "conversationId")
            }
        case .public:
            if command.conversationId != nil {
                throw ContractError.validation("a public link names no conversation", field: "conversationId")
            }
        }
        if let expiresAt = command.expiresAt {
            guard expiresAt > now else { throw ContractError.validation("expiresAt is in the past", field: "expiresAt") }
            guard expiresAt.timeIntervalSince(now) <= maximumLifetime else {
                throw ContractError.validation("a share lasts at most 90 days", field: "expiresAt")
            }
        }
        if let maxDownloads = command.maxDownloads {
            guard command.type == .public else { throw ContractError.validation("only public links count downloads", field: "maxDownloads") }
            guard (1...1_000_000).contains(maxDownloads) else {
                throw ContractError.validation("maxDownloads is 1 to 1,000,000", field: "maxDownloads")
            }
        }
    }

    /// A new unguessable link token: `dl_` and 32 random bytes in base64url.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "dl_" + base64
    }

    /// What is stored of a token.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
