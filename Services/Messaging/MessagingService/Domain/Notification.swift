import Foundation
import SeedContracts

/// A notification of one user (seeds 000 and 004 `notifications`). Seed 000's fields, with seed 004's
/// `state` stored under seed 000's name `status` and seed 004's `batchedAt`; seed 004's `payload` is
/// seed 000's title, message, related entity and action button (decision 0028).
struct UserNotification: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    var userId: String
    var type: NotificationType
    var title: String
    var message: String
    var relatedEntity: RelatedEntityV1?
    var actionButton: NotificationActionV1?
    var status: NotificationState
    /// How many events it stands for.
    var count: Int
    /// When its batch began; only batchable notifications (messages, mentions) have one.
    var batchedAt: Date?
    var readAt: Date?
    var dismissedAt: Date?
    var channels: NotificationChannelsV1
    var expiresAt: Date
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, userId, type, title, message, relatedEntity, actionButton, status, count, batchedAt, readAt, dismissedAt,
             channels, expiresAt, createdAt, updatedAt
    }

    var view: NotificationV1 {
        NotificationV1(
            id: id, userId: userId, type: type, title: title, message: message, relatedEntity: relatedEntity, actionButton: actionButton,
            state: status, count: count, batchedAt: batchedAt, readAt: readAt, dismissedAt: dismissedAt, channels: channels,
            expiresAt: expiresAt, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// What messaging knows of a user's channels, from identity's user events: the addresses and the
/// preferences of seed 000 `profile.preferences.notifications`.
struct NotificationRecipient: Codable, Sendable, Equatable {
    var id: String
    var email: String?
    var phone: String?
    var emailEnabled: Bool
    var smsEnabled: Bool
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", email, phone, emailEnabled, smsEnabled, updatedAt
    }
}

/// A notification to make for one user, before batching.
struct NotificationDraft: Sendable, Equatable {
    var userId: String
    var type: NotificationType
    var title: String
    var message: String
    var relatedEntity: RelatedEntityV1?
    var actionButton: NotificationActionV1?
    /// Several within ``NotificationRules/batchWindow`` for the same user, type and related entity
    /// become one notification.
    var batchable: Bool
}

/// The rules of notifications: lifetimes, batching, and the wording of each kind.
enum NotificationRules {
    /// How long a notification lives (`expiresAt`; the store's TTL index deletes it then).
    static let lifetime: TimeInterval = 30 * 86_400
    /// Messages in one conversation within this long of the batch's start join one notification.
    static let batchWindow: TimeInterval = 120
    /// The longest message text kept in a notification.
    static let messageLength = 200
    /// The longest SMS text.
    static let smsLength = 160

    /// `text` cut to `limit` characters with an ellipsis.
    static func excerpt(_ text: String, _ limit: Int = messageLength) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    static func conversationEntity(_ id: String, title: String?) -> RelatedEntityV1 {
        RelatedEntityV1(entityType: "conversation", entityId: id, entityTitle: title)
    }

    static func open(_ path: String, _ action: String) -> NotificationActionV1 {
        NotificationActionV1(text: "Open", url: path, action: action)
    }

    /// The text of a batched notification after `count` events.
    static func batchedMessage(type: NotificationType, count: Int, latest: String) -> String {
        switch type {
        case .mention: "\(count) mentions, latest: \(latest)"
        default: "\(count) new messages, latest: \(latest)"
        }
    }

    /// The text a message shows in a notification: its text, or what kind of message it is.
    static func preview(of message: ChatMessageV1) -> String {
        if message.encrypted != nil { return "New encrypted message" }
        if let content = message.content, !content.isEmpty { return excerpt(content) }
        return message.attachments.isEmpty ? "New message" : "Sent \(message.kind.rawValue)"
    }

    /// What ``NotificationType`` a work or documents source is shown as, with its title and text.
    static func sprintStatus(_ change: StatusChangeV1) -> (String, String) {
        ("Sprint moved to \(change.to.rawValue.replacingOccurrences(of: "_", with: " "))",
         "From \(change.from.rawValue.replacingOccurrences(of: "_", with: " "))" + (change.reason.map { ": \(excerpt($0))" } ?? ""))
    }
}
