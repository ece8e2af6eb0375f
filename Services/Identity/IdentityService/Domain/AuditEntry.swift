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
    public var timestamp: Date
    public var createdAt: Date

    public struct Changes: Codable, Sendable, Equatable {
        public var before: [String: String]
        public var after: [String: String]
    }

    enum CodingKeys: String, CodingKey {
        case id = "_id", userId, userEmail, userRole, actorId, action, resource, resourceId, changes, ipAddress, userAgent,
             sessionId, success, errorMessage, timestamp, createdAt
    }

    public init(
        action: String, user: User?, actorId: String? = nil, resource: String = "user", resourceId: String? = nil,
        client: ClientInfo?, sessionId: String? = nil, success: Bool = true, errorMessage: String? = nil,
        before: [String: String]? = nil, after: [String: String]? = nil, now: Date
    ) {
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

    public var view: AuditEntryV1 {
        AuditEntryV1(
            id: id, userId: userId, userEmail: userEmail, userRole: userRole, actorId: actorId, action: action, resource: resource,
            resourceId: resourceId, ipAddress: ipAddress, userAgent: userAgent, sessionId: sessionId, success: success,
            errorMessage: errorMessage, before: changes?.before, after: changes?.after, timestamp: timestamp)
    }
}
