import SeedServiceKit
import SeedStore

// Where notifications and the channel read model live: every index seed 000 gives `notifications`
// (seed 004 lists the same collection without indexes of its own).

extension UserNotification: StoredDocument {
    static let collection = CollectionSpec(
        "notifications",
        indexes: [
            // Seed 000: a user's notifications by state, newest first.
            IndexSpec([.ascending("userId"), .ascending("status"), .descending("createdAt")]),
            IndexSpec([.ascending("type")]),
            // Seed 000: deleted when they expire (TTL).
            .expiring("expiresAt"),
            IndexSpec([.ascending("relatedEntity.entityType"), .ascending("relatedEntity.entityId")]),
        ],
        fields: [
            "tenantId", "batchedAt", "readAt", "dismissedAt", "count", "channels", "channels.email", "channels.sms", "message", "title",
            "updatedAt",
        ])
}

extension NotificationRecipient: StoredDocument {
    static let collection = CollectionSpec("notification_recipients", fields: ["email", "phone", "emailEnabled", "smsEnabled"])
}

/// The collections of notifications, part of ``MessagingCollections/all``.
enum NotificationCollections {
    static let all: [CollectionSpec] = [UserNotification.collection, NotificationRecipient.collection]
}

extension Transaction {
    var notifications: DocumentCollection<UserNotification> { collection(UserNotification.self) }
    var notificationRecipients: DocumentCollection<NotificationRecipient> { collection(NotificationRecipient.self) }
}
