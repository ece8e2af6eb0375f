import Foundation
import SeedContracts

/// A business (seed 002 `businesses`). `nameKey` is the lower-cased name that makes names unique
/// ignoring case.
struct Business: Codable, Sendable, Equatable {
    var id: String
    var businessName: String
    var nameKey: String
    var businessSlug: String
    var businessType: String?
    var industry: String?
    var description: String?
    var phone: String?
    var email: String?
    var website: String?
    var address: BusinessAddressV1?
    var logo: String?
    var primaryColor: String?
    var secondaryColor: String?
    var chatSettings: ChatSettingsV1
    var subscription: BusinessSubscriptionV1
    var stats: BusinessStatsV1
    var createdBy: String
    var chromaCollectionId: String
    var isActive: Bool
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", businessName, nameKey, businessSlug, businessType, industry, description, phone, email, website, address, logo,
             primaryColor, secondaryColor, chatSettings, subscription, stats, createdBy, chromaCollectionId, isActive, createdAt, updatedAt
    }

    /// The Chroma collection of a business: `business_{id}` (seed 002).
    static func collectionName(_ id: String) -> String { "business_\(id)" }

    var view: BusinessV1 {
        BusinessV1(
            id: id, businessName: businessName, businessSlug: businessSlug, businessType: businessType, industry: industry, description: description,
            phone: phone, email: email, website: website, address: address, logo: logo, primaryColor: primaryColor, secondaryColor: secondaryColor,
            chatSettings: chatSettings, subscription: subscription, stats: stats, createdBy: createdBy, chromaCollectionId: chromaCollectionId,
            isActive: isActive, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// A user's place in a business (seed 002 `businessMembers`): one per user and business. An
/// invitation to an email no account has yet holds `userId` = `invited:<email>` until accepted
/// (decision 0024), so the unique (userId, businessId) index also makes invitations unique.
struct BusinessMember: Codable, Sendable, Equatable {
    var id: String
    var userId: String
    var businessId: String
    var email: String?
    var role: BusinessRole
    var customRoleName: String?
    var customRoleSlug: String?
    var permissions: BusinessPermissionsV1
    var status: BusinessMemberStatus
    var invitedBy: String?
    var invitedAt: Date?
    var joinedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", userId, businessId, email, role, customRoleName, customRoleSlug, permissions, status, invitedBy, invitedAt, joinedAt,
             createdAt, updatedAt
    }

    static let pendingPrefix = "invited:"

    static func pendingUserId(email: String) -> String { pendingPrefix + email }

    /// The user, once an account is known for the invitation.
    var knownUserId: String? { userId.hasPrefix(Self.pendingPrefix) ? nil : userId }

    var view: BusinessMemberV1 {
        BusinessMemberV1(
            id: id, businessId: businessId, userId: knownUserId, email: email, role: role, customRoleName: customRoleName, permissions: permissions,
            status: status, invitedBy: invitedBy, invitedAt: invitedAt, joinedAt: joinedAt, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// A custom role of a business (seed 002 `roles`).
struct CustomRole: Codable, Sendable, Equatable {
    var id: String
    var businessId: String
    var roleName: String
    var roleSlug: String
    var description: String?
    var baseRole: BusinessRole
    var permissions: BusinessPermissionsV1
    var isSystemRole: Bool
    var isActive: Bool
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", businessId, roleName, roleSlug, description, baseRole, permissions, isSystemRole, isActive, createdBy, createdAt, updatedAt
    }

    var view: BusinessCustomRoleV1 {
        BusinessCustomRoleV1(
            id: id, businessId: businessId, roleName: roleName, roleSlug: roleSlug, description: description, baseRole: baseRole,
            permissions: permissions, isSystemRole: isSystemRole, isActive: isActive, createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// What business-ai knows of an account, from identity's user events: enough to match an invitation's
/// email to the user who accepts it.
struct DirectoryUser: Codable, Sendable, Equatable {
    var id: String
    /// Lower-cased.
    var email: String?
    var status: String
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", email, status, updatedAt
    }
}

/// The ingestion record of a document in a business's knowledge (seed 002 `documents`); the vectors
/// are in the business's Chroma collection under `chromaIds` (`{documentId}_chunk_{hash of the text}`,
/// so that an unchanged chunk keeps its id and vector when the document is ingested again).
struct IngestedDocument: Codable, Sendable, Equatable {
    var id: String
    var businessId: String
    var versionId: String?
    var filename: String
    var originalName: String
    var fileType: String
    var fileSize: Int
    var textLength: Int
    var chromaCollectionId: String
    var chromaIds: [String]
    var chunkCount: Int
    var embeddedChunks: Int
    var category: String?
    var tags: [String]
    var description: String?
    /// `processing`, `completed` or `failed`.
    var status: String
    var processingError: String?
    var processingTime: Int?
    var embedder: String?
    var uploadedBy: String
    var uploadedAt: Date
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", businessId, versionId, filename, originalName, fileType, fileSize, textLength, chromaCollectionId, chromaIds, chunkCount,
             embeddedChunks, category, tags, description, status, processingError, processingTime, embedder, uploadedBy, uploadedAt, createdAt, updatedAt
    }

    var view: BusinessDocumentV1 {
        BusinessDocumentV1(
            id: id, businessId: businessId, versionId: versionId, filename: filename, originalName: originalName, fileType: fileType, fileSize: fileSize,
            textLength: textLength, chromaCollectionId: chromaCollectionId, chromaIds: chromaIds, chunkCount: chunkCount, embeddedChunks: embeddedChunks,
            category: category, tags: tags, description: description, status: status, processingError: processingError, processingTime: processingTime,
            embedder: embedder, uploadedBy: uploadedBy, uploadedAt: uploadedAt, updatedAt: updatedAt)
    }
}

/// A document waiting for the ingestion worker (the queue that keeps ingestion off the chat's path):
/// the extracted text as the documents service gave it. Removed once ingested or failed.
struct IngestionJob: Codable, Sendable, Equatable {
    /// The document id (one job per document: a newer text replaces a waiting one).
    var id: String
    var businessId: String
    var versionId: String?
    var text: String
    var category: String?
    var tags: [String]
    var queuedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", businessId, versionId, text, category, tags, queuedAt
    }
}

/// One question and answer of the public assistant (seed 002 `publicChats`). `ipAddress` is an
/// HMAC-SHA-256 of the visitor's address under the service's key, never the address.
struct PublicChat: Codable, Sendable, Equatable {
    var id: String
    var businessId: String
    var businessName: String
    var sessionId: String
    var ipAddress: String
    var userAgent: String?
    var visitorEmail: String?
    var question: String
    var answer: String
    var covered: Bool
    var sources: [String]
    var confidence: Double
    var relevanceScore: Double
    var responseTime: Int
    var embeddingTime: Int
    var searchTime: Int
    var generationTime: Int
    var embeddingCost: Double
    var completionCost: Double
    var totalCost: Double
    var wasHelpful: Bool?
    var feedbackText: String?
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", businessId, businessName, sessionId, ipAddress, userAgent, visitorEmail, question, answer, covered, sources, confidence,
             relevanceScore, responseTime, embeddingTime, searchTime, generationTime, embeddingCost, completionCost, totalCost, wasHelpful,
             feedbackText, createdAt
    }
}

/// Chat logs older than 90 days, moved out of `public_chats` by the archive sweep (seed 002's checklist).
struct ArchivedChat: Codable, Sendable, Equatable {
    var id: String
    var businessId: String
    var chat: PublicChat
    var archivedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", businessId, chat, archivedAt
    }
}
