import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension MessagingService {
    // MARK: - Making notifications

    /// Makes `drafts` into notifications inside `tx`: a batchable draft joins the user's unread
    /// notification of the same type and related entity whose batch began within
    /// ``NotificationRules/batchWindow`` (one `notification-updated`, no new email or SMS); any other
    /// becomes a new notification, announced in-app (`notification-created`) and, when the user's
    /// preferences accept them and an address is known, asked of the email and SMS senders.
    func makeNotifications(_ drafts: [NotificationDraft], tenant: String, in tx: Transaction) async throws {
        for draft in drafts {
            if draft.batchable, let entity = draft.relatedEntity, var batch = try await tx.notifications.first(.and([
                .equal("userId", .string(draft.userId)), .equal("status", .string(NotificationState.unread.rawValue)),
                .equal("type", .string(draft.type.rawValue)), .equal("relatedEntity.entityId", .string(entity.entityId)),
                .greaterThanOrEqual("batchedAt", .date(tx.now.addingTimeInterval(-NotificationRules.batchWindow))),
                .greaterThan("expiresAt", .date(tx.now)),
            ]), sort: [SortKey("createdAt", .descending)]) {
                batch.count += 1
                batch.title = draft.title
                batch.message = NotificationRules.batchedMessage(type: draft.type, count: batch.count, latest: draft.message)
                batch.updatedAt = tx.now
                try await tx.notifications.replace(batch)
                try await tx.publish(NotificationUpdatedV1(
                    notification: batch.view, unreadCount: try await unreadNotifications(of: draft.userId, in: tx), recipients: [draft.userId]))
                continue
            }
            let recipient = try await tx.notificationRecipients.first(.equal("_id", .string(draft.userId)))
            let email = recipient.flatMap { $0.emailEnabled ? $0.email : nil }
            let phone = recipient.flatMap { $0.smsEnabled ? $0.phone : nil }
            let notification = UserNotification(
                id: ObjectId().description, tenantId: tenant, userId: draft.userId, type: draft.type, title: draft.title,
                message: draft.message, relatedEntity: draft.relatedEntity, actionButton: draft.actionButton, status: .unread, count: 1,
                batchedAt: draft.batchable ? tx.now : nil, readAt: nil, dismissedAt: nil,
                channels: NotificationChannelsV1(
                    inApp: ChannelDeliveryV1(state: .sent, sentAt: tx.now),
                    email: email.map { _ in ChannelDeliveryV1(state: .requested) }, sms: phone.map { _ in ChannelDeliveryV1(state: .requested) }),
                expiresAt: tx.now.addingTimeInterval(NotificationRules.lifetime), createdAt: tx.now, updatedAt: tx.now)
            try await tx.notifications.insert(notification)
            try await tx.publish(NotificationCreatedV1(notification: notification.view, recipients: [draft.userId]))
            if let email {
                try await tx.publish(NotificationEmailRequestedV1(
                    notificationId: notification.id, userId: draft.userId, email: email, subject: draft.title, body: draft.message,
                    actionUrl: draft.actionButton?.url))
            }
            if let phone {
                try await tx.publish(NotificationSMSRequestedV1(
                    notificationId: notification.id, userId: draft.userId, phone: phone,
                    text: NotificationRules.excerpt("\(draft.title): \(draft.message)", NotificationRules.smsLength)))
            }
        }
    }

    /// How many live notifications of `userId` are unread.
    func unreadNotifications(of userId: String, in tx: Transaction) async throws -> Int {
        try await tx.notifications.count(.and([
            .equal("userId", .string(userId)), .equal("status", .string(NotificationState.unread.rawValue)),
            .greaterThan("expiresAt", .date(tx.now)),
        ]))
    }

    // MARK: - The user's notifications

    /// `messaging.list-notifications.v1`: the caller's live notifications, newest first, with the unread count.
    public func listNotifications(_ command: ListNotificationsV1, envelope: MessageEnvelope) async throws -> NotificationPageV1 {
        let caller = try envelope.signedInActor()
        let limit = try MessagingRules.limit(command.limit, default: 20)
        let cursor = try PageCursor.fromRequest(command.cursor)
        let states = command.state.map { [$0] } ?? [.unread, .read]
        return try await work.mapStoreErrors {
            let notifications = DocumentCollection(UserNotification.self, in: store)
            let now = work.now
            let live: [Filter] = [.equal("userId", .string(caller)), .greaterThan("expiresAt", .date(now))]
            let page = try await notifications.page(
                .and(live + [.isIn("status", states.map { .string($0.rawValue) })]),
                sort: [SortKey("createdAt", .descending)], after: cursor, limit: limit)
            let unread = try await notifications.count(.and(live + [.equal("status", .string(NotificationState.unread.rawValue))]))
            return NotificationPageV1(items: page.items.map(\.view), unreadCount: unread, nextCursor: page.next?.description)
        }
    }

    /// `messaging.mark-notification-read.v1`: unread → read; a read or dismissed one stays as it is.
    public func markNotificationRead(_ command: MarkNotificationReadV1, envelope: MessageEnvelope) async throws -> NotificationV1 {
        try await changeNotification(command.notificationId, envelope: envelope) { notification, now in
            guard notification.status == .unread else { return false }
            notification.status = .read
            notification.readAt = now
            return true
        }
    }

    /// `messaging.dismiss-notification.v1`: → dismissed (read first when it was unread).
    public func dismissNotification(_ command: DismissNotificationV1, envelope: MessageEnvelope) async throws -> NotificationV1 {
        try await changeNotification(command.notificationId, envelope: envelope) { notification, now in
            guard notification.status != .dismissed else { return false }
            if notification.readAt == nil { notification.readAt = now }
            notification.status = .dismissed
            notification.dismissedAt = now
            return true
        }
    }

    /// `messaging.mark-all-notifications-read.v1`: every unread notification of the caller → read.
    public func markAllNotificationsRead(_ command: MarkAllNotificationsReadV1, envelope: MessageEnvelope) async throws -> UnreadNotificationsV1 {
        let caller = try envelope.signedInActor()
        return try await work.once(envelope) { tx in
            let unread: Filter = .and([.equal("userId", .string(caller)), .equal("status", .string(NotificationState.unread.rawValue))])
            let result = try await tx.notifications.update(
                unread, Update([.set("status", .string(NotificationState.read.rawValue)), .set("readAt", .date(tx.now)), .set("updatedAt", .date(tx.now))]),
                many: true)
            return UnreadNotificationsV1(unreadCount: try await unreadNotifications(of: caller, in: tx), changed: result.modified)
        }
    }

    /// Applies `change` to one of the caller's notifications (`not_found` for anyone else's) and, when
    /// it changed, announces it to the caller's other devices.
    private func changeNotification(
        _ rawId: String, envelope: MessageEnvelope, _ change: @escaping @Sendable (inout UserNotification, Date) -> Bool
    ) async throws -> NotificationV1 {
        let caller = try envelope.signedInActor()
        let id = try MessagingRules.id(rawId, field: "notificationId")
        return try await work.once(envelope) { tx in
            guard var notification = try await tx.notifications.first(.equal("_id", .string(id))), notification.userId == caller,
                  notification.expiresAt > tx.now
            else { throw ContractError(.notFound, "no notification \(id)", details: ["field": "notificationId"]) }
            guard change(&notification, tx.now) else { return notification.view }
            notification.updatedAt = tx.now
            try await tx.notifications.replace(notification)
            try await tx.publish(NotificationUpdatedV1(
                notification: notification.view, unreadCount: try await unreadNotifications(of: caller, in: tx), recipients: [caller]))
            return notification.view
        }
    }

    // MARK: - Senders report back

    /// `messaging.record-notification-delivery.v1`: an email or SMS sender reports a requested
    /// notification sent (with its id) or failed (with why). A report for a channel that was never
    /// requested is refused; a repeated report replaces the earlier one.
    public func recordNotificationDelivery(_ command: RecordNotificationDeliveryV1, envelope: MessageEnvelope) async throws -> Accepted {
        let id = try MessagingRules.id(command.notificationId, field: "notificationId")
        if let external = command.externalId, external.isEmpty || external.count > 200 {
            throw ContractError.validation("externalId is 1 to 200 characters", field: "externalId")
        }
        return try await work.once(envelope) { tx in
            guard var notification = try await tx.notifications.first(.equal("_id", .string(id))) else {
                throw ContractError(.notFound, "no notification \(id)", details: ["field": "notificationId"])
            }
            let report = ChannelDeliveryV1(
                state: command.delivered ? .sent : .failed, sentAt: command.delivered ? tx.now : nil, externalId: command.externalId,
                error: command.delivered ? nil : NotificationRules.excerpt(command.error ?? "unknown", 500))
            switch command.channel {
            case .email:
                guard notification.channels.email != nil else {
                    throw ContractError(.conflict, "no email was requested for this notification", details: ["field": "channel"])
                }
                notification.channels.email = report
            case .sms:
                guard notification.channels.sms != nil else {
                    throw ContractError(.conflict, "no SMS was requested for this notification", details: ["field": "channel"])
                }
                notification.channels.sms = report
            }
            notification.updatedAt = tx.now
            try await tx.notifications.replace(notification)
            return Accepted()
        }
    }

    // MARK: - Channels from identity

    /// Keeps the addresses and channel preferences of `user` (identity's user events).
    public func notificationChannelsAnnounced(_ user: UserV1, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "messaging.notification-channels") { tx in
            let preferences = user.profile.preferences.notifications
            let recipient = NotificationRecipient(
                id: user.id, email: user.emailVerified ? user.email : nil, phone: user.phoneVerified ? user.phone : nil,
                emailEnabled: preferences.email, smsEnabled: preferences.sms, updatedAt: tx.now)
            if try await tx.notificationRecipients.first(.equal("_id", .string(user.id))) != nil {
                try await tx.notificationRecipients.replace(recipient)
            } else {
                try await tx.notificationRecipients.insert(recipient)
            }
            return Accepted()
        }
    }
}
