import Foundation
public import SeedContracts

/// One entry of `audit_logs` (seed 000, with seed 004's `actorId`), kept for a year.
public struct AuditEntry: Codable, Sendable, Equatable {
    public var id: String
    public var userId: String?
    public var userEmail: String?
    public var userRole: String?
    public var actorId: String?
    public var action: String
    public var resource: String
    public var resourceId: String?
    public var changes: Changes?
    public var ipAddress: String?
    public var userAgent: String?
    public var sessionId: String?
    public var success: Bool
    public var errorMessage: String?
    /// Seed 004 `metadata`: what else the entry needs to be understood (the other user of a
    /// relationship, a suspension's reason); at most ``maximumMetadata`` entries (``checkedMetadata(_:)``).
    public var metadata: [String: String]?
    public var timestamp: Date
    public var createdAt: Date

    public struct Changes: Codable, Sendable, Equatable {
        public var before: [String: String]
        public var after: [String: String]
    }

    enum CodingKeys: String, CodingKey {
        case id = "_id", userId, userEmail, userRole, actorId, action, resource, resourceId, changes, ipAddress, userAgent,
             sessionId, success, errorMessage, metadata, timestamp, createdAt
    }

    public init(
        action: String, user: User?, actorId: String? = nil, resource: String = "user", resourceId: String? = nil,
        client: ClientInfo?, sessionId: String? = nil, success: Bool = true, errorMessage: String? = nil,
        before: [String: String]? = nil, after: [String: String]? = nil, metadata: [String: String]? = nil, now: Date
    ) {
        self.metadata = metadata.map(Self.checkedMetadata)
        self.id = MessageEnvelope.newId()
        self.userId = user?.id
        self.userEmail = user?.email
        self.userRole = user?.role.rawValue
        self.actorId = actorId
        self.action = action
        self.resource = resource
        self.resourceId = resourceId ?? user?.id
        self.changes = before.map { Changes(before: $0, after: after ?? [:]) }
        self.ipAddress = client?.ipAddress
        self.userAgent = client?.userAgent
        self.sessionId = sessionId
        self.success = success
        self.errorMessage = errorMessage
        self.timestamp = now
        self.createdAt = now
    }

    /// Most metadata entries an audit entry keeps.
    public static let maximumMetadata = 20

    /// Metadata as stored: at most 20 entries (by key order), keys of 1 to 40 letters, digits or `_`
    /// (a document field name cannot hold a dot), values cut to 500 characters. Metadata is written by
    /// identity itself, so it is shaped rather than refused.
    public static func checkedMetadata(_ metadata: [String: String]) -> [String: String] {
        var kept: [String: String] = [:]
        for key in metadata.keys.sorted() where kept.count < maximumMetadata {
            let name = String(key.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }.prefix(40))
            guard !name.isEmpty, let value = metadata[key] else { continue }
            kept[name] = String(value.prefix(500))
        }
        return kept
    }

    public var view: AuditEntryV1 {
        AuditEntryV1(
            id: id, userId: userId, userEmail: userEmail, userRole: userRole, actorId: actorId, action: action, resource: resource,
            resourceId: resourceId, ipAddress: ipAddress, userAgent: userAgent, sessionId: sessionId, success: success,
            errorMessage: errorMessage, before: changes?.before, after: changes?.after, metadata: metadata, timestamp: timestamp)
    }
}
