import Foundation

// Notifications (seeds 000 and 004 `notifications`), owned by messaging: made from other services'
// events and messaging's own, listed and marked by their user, delivered in-app over the gateway's
// WebSocket (the events below name their one recipient) and asked of email and SMS senders through
// outgoing events (decision 0028).

private let exampleNotification = "665f1e009b1d4a0012ab9abc"
private let exampleUser = "665f1a0b9b1d4a0012ab1234"
private let exampleTime = Date(timeIntervalSince1970: 1_767_260_000)

/// What a notification is about (seed 000 `type`, extended with the sources).
public enum NotificationType: String, Codable, Sendable, CaseIterable {
    /// Direct messages (batched per conversation).
    case message
    /// The user was mentioned in a conversation (batched per conversation).
    case mention
    /// A sprint was created or moved in its state machine.
    case sprintUpdate = "sprint_update"
    /// A milestone changed, falls due soon or is overdue.
    case milestone
    /// Documents are asked of the user.
    case documentRequest = "document_request"
    /// A document the user uploaded was reviewed.
    case documentReview = "document_review"
    /// A meeting the user attends was scheduled.
    case meetingScheduled = "meeting_scheduled"
    /// A task was assigned to the user.
    case taskAssigned = "task_assigned"
    /// The user was mentioned in a task's comment.
    case taskMentioned = "task_mentioned"
    /// A task of the user falls due soon.
    case taskDueSoon = "task_due_soon"
    /// A task of the user is overdue.
    case taskOverdue = "task_overdue"
}

/// unread → read → dismissed (seed 000 `status`, seed 004 `state`).
public enum NotificationState: String, Codable, Sendable, CaseIterable {
    case unread, read, dismissed
}

/// What a notification points at (seed 000 `relatedEntity`).
public struct RelatedEntityV1: Codable, Sendable, Equatable {
    /// `conversation`, `message`, `sprint`, `milestone`, `document`, `meeting` or `task`.
    public var entityType: String
    public var entityId: String
    public var entityTitle: String?

    public init(entityType: String, entityId: String, entityTitle: String?) {
        self.entityType = entityType
        self.entityId = entityId
        self.entityTitle = entityTitle
    }

    public static let example = RelatedEntityV1(entityType: "conversation", entityId: "665f1c009b1d4a0012ab0001", entityTitle: "Launch")
}

/// An optional button (seed 000 `actionButton`).
public struct NotificationActionV1: Codable, Sendable, Equatable {
    public var text: String
    /// A path of the product, e.g. `/conversations/<id>`.
    public var url: String
    /// A client action name, e.g. `open_conversation`.
    public var action: String?

    public init(text: String, url: String, action: String?) {
        self.text = text
        self.url = url
        self.action = action
    }
}

/// Where a notification stands on one channel.
public enum ChannelDeliveryState: String, Codable, Sendable, CaseIterable {
    /// Published for a sender; no report yet.
    case requested
    /// The sender reports it sent.
    case sent
    /// The sender reports it could not send.
    case failed
}

/// A notification on one channel (seed 000 `channels.inApp|email|sms`).
public struct ChannelDeliveryV1: Codable, Sendable, Equatable {
    public var state: ChannelDeliveryState
    public var sentAt: Date?
    /// The sender's id of the email or SMS (seed 000 `emailId`, `messageId`).
    public var externalId: String?
    /// Why it failed, as the sender reported.
    public var error: String?

    public init(state: ChannelDeliveryState, sentAt: Date? = nil, externalId: String? = nil, error: String? = nil) {
        self.state = state
        self.sentAt = sentAt
        self.externalId = externalId
        self.error = error
    }
}

/// The channels of a notification: in-app always; email and SMS when the user's preferences accept them.
public struct NotificationChannelsV1: Codable, Sendable, Equatable {
    public var inApp: ChannelDeliveryV1
    public var email: ChannelDeliveryV1?
    public var sms: ChannelDeliveryV1?

    public init(inApp: ChannelDeliveryV1, email: ChannelDeliveryV1? = nil, sms: ChannelDeliveryV1? = nil) {
        self.inApp = inApp
        self.email = email
        self.sms = sms
    }
}

/// Email or SMS, for delivery reports.
public enum OutgoingChannel: String, Codable, Sendable, CaseIterable {
    case email, sms
}

/// A notification as its user sees it.
public struct NotificationV1: Message, Equatable {
    public static let messageType = MessageType("messaging.notification", version: 1)
    public static let summary = "A notification: type, title, message, related entity, optional action, state, channels, expiry."
    public static let example = NotificationV1(
        id: exampleNotification, userId: exampleUser, type: .mention, title: "Ada mentioned you in Launch", message: "@bob ship it on Monday?",
        relatedEntity: .example, actionButton: NotificationActionV1(text: "Open", url: "/conversations/665f1c009b1d4a0012ab0001", action: "open_conversation"),
        state: .unread, count: 1, batchedAt: exampleTime, readAt: nil, dismissedAt: nil,
        channels: NotificationChannelsV1(inApp: ChannelDeliveryV1(state: .sent, sentAt: exampleTime), email: ChannelDeliveryV1(state: .requested)),
        expiresAt: Date(timeIntervalSince1970: 1_769_852_000), createdAt: exampleTime, updatedAt: exampleTime)

    public var id: String
    public var userId: String
    public var type: NotificationType
    public var title: String
    public var message: String
    public var relatedEntity: RelatedEntityV1?
    public var actionButton: NotificationActionV1?
    public var state: NotificationState
    /// How many events this notification stands for (a burst of messages is batched into one).
    public var count: Int
    /// When the batch this notification gathers began (seed 004 `batchedAt`); `nil` when not batchable.
    public var batchedAt: Date?
    public var readAt: Date?
    public var dismissedAt: Date?
    public var channels: NotificationChannelsV1
    /// When the notification is deleted (seed 000 `expiresAt`).
    public var expiresAt: Date
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, userId: String, type: NotificationType, title: String, message: String, relatedEntity: RelatedEntityV1?,
        actionButton: NotificationActionV1?, state: NotificationState, count: Int, batchedAt: Date?, readAt: Date?, dismissedAt: Date?,
        channels: NotificationChannelsV1, expiresAt: Date, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.userId = userId
        self.type = type
        self.title = title
        self.message = message
        self.relatedEntity = relatedEntity
        self.actionButton = actionButton
        self.state = state
        self.count = count
        self.batchedAt = batchedAt
        self.readAt = readAt
        self.dismissedAt = dismissedAt
        self.channels = channels
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A page of the caller's notifications, newest first, with the unread count.
public struct NotificationPageV1: Message, Equatable {
    public static let messageType = MessageType("messaging.notification-page", version: 1)
    public static let summary = "The caller's notifications newest first, how many are unread, and the next page's cursor."
    public static let example = NotificationPageV1(items: [.example], unreadCount: 1, nextCursor: nil)

    public var items: [NotificationV1]
    public var unreadCount: Int
    public var nextCursor: String?

    public init(items: [NotificationV1], unreadCount: Int, nextCursor: String?) {
        self.items = items
        self.unreadCount = unreadCount
        self.nextCursor = nextCursor
    }
}

/// How many of the caller's notifications are unread.
public struct UnreadNotificationsV1: Message, Equatable {
    public static let messageType = MessageType("messaging.unread-notifications", version: 1)
    public static let summary = "How many of the caller's notifications are unread, and how many a mark-all changed."
    public static let example = UnreadNotificationsV1(unreadCount: 0, changed: 3)

    public var unreadCount: Int
    public var changed: Int

    public init(unreadCount: Int, changed: Int) {
        self.unreadCount = unreadCount
        self.changed = changed
    }
}

// MARK: - Commands

/// The caller's notifications.
public struct ListNotificationsV1: MessagingCommand, Equatable {
    public typealias Reply = NotificationPageV1
    public static let messageType = MessageType("messaging.list-notifications", version: 1)
    public static let summary = "The caller's notifications, newest first (dismissed and expired ones left out unless asked), with the unread count."
    public static let example = ListNotificationsV1(state: .unread, cursor: nil, limit: 20)

    /// Only this state; without it, unread and read ones.
    public var state: NotificationState?
    public var cursor: String?
    /// 1–100, default 20.
    public var limit: Int?

    public init(state: NotificationState? = nil, cursor: String? = nil, limit: Int? = nil) {
        self.state = state
        self.cursor = cursor
        self.limit = limit
    }
}

/// Marks one notification read.
public struct MarkNotificationReadV1: MessagingCommand, Equatable {
    public typealias Reply = NotificationV1
    public static let messageType = MessageType("messaging.mark-notification-read", version: 1)
    public static let summary = "Marks one of the caller's notifications read (a read or dismissed one stays as it is)."
    public static let example = MarkNotificationReadV1(notificationId: exampleNotification)

    public var notificationId: String

    public init(notificationId: String) { self.notificationId = notificationId }
}

/// Marks every unread notification of the caller read.
public struct MarkAllNotificationsReadV1: MessagingCommand, Equatable {
    public typealias Reply = UnreadNotificationsV1
    public static let messageType = MessageType("messaging.mark-all-notifications-read", version: 1)
    public static let summary = "Marks every unread notification of the caller read."
    public static let example = MarkAllNotificationsReadV1()

    public init() {}
}

/// Dismisses one notification.
public struct DismissNotificationV1: MessagingCommand, Equatable {
    public typealias Reply = NotificationV1
    public static let messageType = MessageType("messaging.dismiss-notification", version: 1)
    public static let summary = "Dismisses one of the caller's notifications (read first if it was unread); lists leave it out."
    public static let example = DismissNotificationV1(notificationId: exampleNotification)

    public var notificationId: String

    public init(notificationId: String) { self.notificationId = notificationId }
}

/// An email or SMS sender reports back.
public struct RecordNotificationDeliveryV1: MessagingCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("messaging.record-notification-delivery", version: 1)
    public static let summary = "An email or SMS sender reports that a requested notification was sent (with its id) or failed (with why)."
    public static let example = RecordNotificationDeliveryV1(
        notificationId: exampleNotification, channel: .email, delivered: true, externalId: "msg-20260101-0001", error: nil)

    public var notificationId: String
    public var channel: OutgoingChannel
    public var delivered: Bool
    public var externalId: String?
    public var error: String?

    public init(notificationId: String, channel: OutgoingChannel, delivered: Bool, externalId: String?, error: String?) {
        self.notificationId = notificationId
        self.channel = channel
        self.delivered = delivered
        self.externalId = externalId
        self.error = error
    }
}

// MARK: - Events

/// A notification was created: delivered in-app to its user over the WebSocket.
public struct NotificationCreatedV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.notification-created", version: 1)
    public static let summary = "A notification was created for a user (the one recipient): delivered in-app over the real-time edge."
    public static let example = NotificationCreatedV1(notification: .example, recipients: [exampleUser])

    public var notification: NotificationV1
    public var recipients: [String]

    public init(notification: NotificationV1, recipients: [String]) {
        self.notification = notification
        self.recipients = recipients
    }
}

/// A notification changed: a burst added to its batch, or it was read or dismissed (on any device).
public struct NotificationUpdatedV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.notification-updated", version: 1)
    public static let summary = "A notification gathered another event of its batch, or was read or dismissed; with the user's unread count."
    public static let example = NotificationUpdatedV1(notification: .example, unreadCount: 1, recipients: [exampleUser])

    public var notification: NotificationV1
    public var unreadCount: Int
    public var recipients: [String]

    public init(notification: NotificationV1, unreadCount: Int, recipients: [String]) {
        self.notification = notification
        self.unreadCount = unreadCount
        self.recipients = recipients
    }
}

/// An email sender should send this notification.
public struct NotificationEmailRequestedV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("notification.email.requested", version: 1)
    public static let summary = "An email sender should email this notification to the address, then report with messaging.record-notification-delivery."
    public static let example = NotificationEmailRequestedV1(
        notificationId: exampleNotification, userId: exampleUser, email: "bob@example.com", subject: NotificationV1.example.title,
        body: NotificationV1.example.message, actionUrl: NotificationV1.example.actionButton?.url)

    public var notificationId: String
    public var userId: String
    public var email: String
    public var subject: String
    public var body: String
    public var actionUrl: String?

    public init(notificationId: String, userId: String, email: String, subject: String, body: String, actionUrl: String?) {
        self.notificationId = notificationId
        self.userId = userId
        self.email = email
        self.subject = subject
        self.body = body
        self.actionUrl = actionUrl
    }
}

/// An SMS sender should send this notification.
public struct NotificationSMSRequestedV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("notification.sms.requested", version: 1)
    public static let summary = "An SMS sender should text this notification to the number, then report with messaging.record-notification-delivery."
    public static let example = NotificationSMSRequestedV1(
        notificationId: exampleNotification, userId: exampleUser, phone: "+4915112345678", text: NotificationV1.example.title)

    public var notificationId: String
    public var userId: String
    public var phone: String
    /// At most 160 characters.
    public var text: String

    public init(notificationId: String, userId: String, phone: String, text: String) {
        self.notificationId = notificationId
        self.userId = userId
        self.phone = phone
        self.text = text
    }
}

/// Messaging's notification messages, listed in ``MessagingContracts``.
public enum NotificationContracts {
    public static let commands: [any Command.Type] = [
        ListNotificationsV1.self, MarkNotificationReadV1.self, MarkAllNotificationsReadV1.self, DismissNotificationV1.self,
        RecordNotificationDeliveryV1.self,
    ]
    public static let replies: [any Message.Type] = [NotificationV1.self, NotificationPageV1.self, UnreadNotificationsV1.self]
    public static let events: [any Event.Type] = [
        NotificationCreatedV1.self, NotificationUpdatedV1.self, NotificationEmailRequestedV1.self, NotificationSMSRequestedV1.self,
    ]
}
