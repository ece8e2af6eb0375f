import Foundation
@testable import MessagingService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

/// Messaging's notifications: made from events, batched, muted, listed, marked, expired, and asked of
/// the email and SMS senders.
@Suite("Notifications")
struct NotificationTests {
    /// An event envelope as the bus delivers it (a new message id each time).
    static func eventEnvelope<E: Message>(_ type: E.Type, actor: String? = nil) -> MessageEnvelope {
        MessageEnvelope(type: E.messageType, tenant: nil, actor: actor)
    }

    /// Hands every `message-sent` staged since `seen` to the notification source; returns the new count.
    @discardableResult
    static func notifySent(_ chat: ChatHarness, after seen: Int = 0) async throws -> Int {
        let events = try await chat.fixture.events(MessageSentV1.self)
        for event in events.dropFirst(seen) {
            try await chat.service.notifyMessageSent(event, envelope: eventEnvelope(MessageSentV1.self, actor: event.message.senderId))
        }
        return events.count
    }

    func list(_ chat: ChatHarness, _ user: String, state: NotificationState? = nil) async throws -> NotificationPageV1 {
        try await chat.service.listNotifications(ListNotificationsV1(state: state), envelope: chat.envelope(ListNotificationsV1.self, user))
    }

    @Test("a mention notifies the mentioned member, a direct message the other person; the sender and system messages notify nobody")
    func mentionsAndDirectMessagesNotify() async throws {
        let chat = try await ChatHarness.make()
        let group = try await chat.group(owner: "ada", members: ["bob", "cy"])
        try await chat.send("@bob ship it?", by: "ada", in: group, mentions: ["bob"])
        let direct = try await chat.direct("ada", "cy")
        try await chat.send("lunch?", by: "ada", in: direct)
        try await Self.notifySent(chat)

        let bob = try await list(chat, "bob")
        #expect(bob.unreadCount == 1)
        let mention = try #require(bob.items.first)
        #expect(mention.type == .mention && mention.message == "@bob ship it?" && mention.relatedEntity?.entityId == group)
        #expect(mention.actionButton?.url == "/conversations/\(group)" && mention.state == .unread && mention.channels.inApp.state == .sent)
        let cy = try await list(chat, "cy")
        #expect(cy.items.map(\.type) == [.message] && cy.items.first?.relatedEntity?.entityId == direct)
        #expect(try await list(chat, "ada").items.isEmpty)
        // Each is announced in-app to its one user.
        let created = try await chat.fixture.events(NotificationCreatedV1.self)
        #expect(created.map(\.recipients).sorted { $0[0] < $1[0] } == [["bob"], ["cy"]])
    }

    @Test("a member whose mutedUntil lies ahead gets no notification; once it has passed, they do")
    func mutedConversationsCreateNone() async throws {
        let chat = try await ChatHarness.make()
        let direct = try await chat.direct("ada", "bob")
        _ = try await chat.service.updateMembership(
            UpdateMembershipV1(conversationId: direct, mutedUntil: chat.fixture.clock.now.addingTimeInterval(3600)),
            envelope: chat.envelope(UpdateMembershipV1.self, "bob"))
        try await chat.send("are you there?", by: "ada", in: direct)
        var seen = try await Self.notifySent(chat)
        #expect(try await list(chat, "bob").items.isEmpty)
        #expect(try await chat.fixture.events(NotificationCreatedV1.self).isEmpty)

        chat.fixture.clock.advance(by: 3601)
        try await chat.send("now?", by: "ada", in: direct)
        seen = try await Self.notifySent(chat, after: seen)
        #expect(try await list(chat, "bob").items.map(\.message) == ["now?"])
    }

    @Test("several messages in one conversation within the batch window become one notification; after it a new one begins")
    func burstsAreBatched() async throws {
        let chat = try await ChatHarness.make()
        let direct = try await chat.direct("ada", "bob")
        for text in ["one", "two", "three"] { try await chat.send(text, by: "ada", in: direct) }
        var seen = try await Self.notifySent(chat)
        var page = try await list(chat, "bob")
        #expect(page.items.count == 1 && page.unreadCount == 1)
        let batch = try #require(page.items.first)
        #expect(batch.count == 3 && batch.message == "3 new messages, latest: three" && batch.batchedAt == batch.createdAt)
        #expect(try await chat.fixture.events(NotificationCreatedV1.self).count == 1)
        #expect(try await chat.fixture.events(NotificationUpdatedV1.self).map(\.notification.count) == [2, 3])

        chat.fixture.clock.advance(by: NotificationRules.batchWindow + 1)
        try await chat.send("four", by: "ada", in: direct)
        seen = try await Self.notifySent(chat, after: seen)
        page = try await list(chat, "bob")
        #expect(page.items.map(\.count) == [1, 3] && page.unreadCount == 2)
    }

    @Test("a redelivered event makes no second notification")
    func redeliveryIsIgnored() async throws {
        let chat = try await ChatHarness.make()
        let direct = try await chat.direct("ada", "bob")
        try await chat.send("hi", by: "ada", in: direct)
        let event = try #require(try await chat.fixture.events(MessageSentV1.self).last)
        let envelope = Self.eventEnvelope(MessageSentV1.self, actor: "ada")
        try await chat.service.notifyMessageSent(event, envelope: envelope)
        try await chat.service.notifyMessageSent(event, envelope: envelope)
        let bob = try await list(chat, "bob")
        #expect(bob.items.count == 1 && bob.items.first?.count == 1)
    }

    @Test("unread → read → dismissed: newest first with the unread count, mark one or all read, dismissed ones leave the list, another user's is not found")
    func stateMachineAndListing() async throws {
        let chat = try await ChatHarness.make()
        for (index, sprint) in ["665f20009b1d4a0012ab0001", "665f20009b1d4a0012ab0002", "665f20009b1d4a0012ab0003"].enumerated() {
            chat.fixture.clock.advance(by: 10)
            try await chat.service.notifySprintStatusChanged(
                SprintStatusChangedV1(
                    sprintId: sprint, change: StatusChangeV1(from: .created, to: .active, by: "admin", at: chat.fixture.clock.now, reason: "go \(index)"),
                    recipients: ["bob", "admin"]),
                envelope: Self.eventEnvelope(SprintStatusChangedV1.self, actor: "admin"))
        }
        var page = try await list(chat, "bob")
        #expect(page.unreadCount == 3 && page.items.map(\.message) == ["From created: go 2", "From created: go 1", "From created: go 0"])
        #expect(page.items.allSatisfy { $0.type == .sprintUpdate && $0.title == "Sprint moved to active" })
        #expect(try await list(chat, "admin").items.isEmpty, "the admin moved it")

        let newest = page.items[0], oldest = page.items[2]
        let read = try await chat.service.markNotificationRead(MarkNotificationReadV1(notificationId: newest.id), envelope: chat.envelope(MarkNotificationReadV1.self, "bob"))
        #expect(read.state == .read && read.readAt != nil)
        #expect(try await chat.fixture.events(NotificationUpdatedV1.self).last?.unreadCount == 2)
        await expectContractError(.notFound, field: "notificationId") {
            _ = try await chat.service.markNotificationRead(MarkNotificationReadV1(notificationId: oldest.id), envelope: chat.envelope(MarkNotificationReadV1.self, "eve"))
        }
        let dismissed = try await chat.service.dismissNotification(DismissNotificationV1(notificationId: oldest.id), envelope: chat.envelope(DismissNotificationV1.self, "bob"))
        #expect(dismissed.state == .dismissed && dismissed.readAt != nil && dismissed.dismissedAt != nil)
        page = try await list(chat, "bob")
        #expect(page.items.map(\.id) == [newest.id, page.items[1].id] && page.items.count == 2 && page.unreadCount == 1)
        #expect(try await list(chat, "bob", state: .dismissed).items.map(\.id) == [oldest.id])

        let all = try await chat.service.markAllNotificationsRead(MarkAllNotificationsReadV1(), envelope: chat.envelope(MarkAllNotificationsReadV1.self, "bob"))
        #expect(all == UnreadNotificationsV1(unreadCount: 0, changed: 1))
        #expect(try await list(chat, "bob", state: .unread).items.isEmpty)
        // Reading a dismissed one leaves it dismissed.
        #expect(try await chat.service.markNotificationRead(MarkNotificationReadV1(notificationId: oldest.id), envelope: chat.envelope(MarkNotificationReadV1.self, "bob")).state == .dismissed)
    }

    @Test("a notification past its expiresAt is neither listed nor counted nor markable")
    func expiredNotificationsAreGone() async throws {
        let chat = try await ChatHarness.make()
        let direct = try await chat.direct("ada", "bob")
        try await chat.send("hi", by: "ada", in: direct)
        try await Self.notifySent(chat)
        let notification = try #require(try await list(chat, "bob").items.first)
        #expect(notification.expiresAt == notification.createdAt.addingTimeInterval(NotificationRules.lifetime))
        chat.fixture.clock.advance(by: NotificationRules.lifetime + 1)
        let page = try await list(chat, "bob")
        #expect(page.items.isEmpty && page.unreadCount == 0)
        await expectContractError(.notFound, field: "notificationId") {
            _ = try await chat.service.markNotificationRead(MarkNotificationReadV1(notificationId: notification.id), envelope: chat.envelope(MarkNotificationReadV1.self, "bob"))
        }
    }

    @Test("email and SMS are requested when the user's preferences accept them and the address is verified; a sender's report is recorded")
    func emailAndSMSChannels() async throws {
        let chat = try await ChatHarness.make()
        var bob = UserV1.example
        bob.id = "bob"
        bob.email = "bob@example.com"
        bob.emailVerified = true
        bob.phone = "+4915112345678"
        bob.phoneVerified = true
        bob.profile.preferences.notifications = NotificationPreferences(email: true, sms: true, push: true)
        try await chat.service.notificationChannelsAnnounced(bob, envelope: Self.eventEnvelope(UserUpdatedV1.self))
        var cy = bob
        cy.id = "cy"
        cy.profile.preferences.notifications = NotificationPreferences(email: false, sms: false, push: true)
        try await chat.service.notificationChannelsAnnounced(cy, envelope: Self.eventEnvelope(UserUpdatedV1.self))

        let milestone = MilestoneV1.example
        try await chat.service.notifyMilestone("665f20009b1d4a0012ab0001", milestone, "due soon", recipients: ["bob", "cy"], envelope: Self.eventEnvelope(MilestoneDueV1.self))
        let emails = try await chat.fixture.events(NotificationEmailRequestedV1.self)
        let texts = try await chat.fixture.events(NotificationSMSRequestedV1.self)
        #expect(emails.map(\.email) == ["bob@example.com"] && emails.first?.subject == "Milestone due soon: \(milestone.name)")
        #expect(texts.map(\.phone) == ["+4915112345678"] && (texts.first?.text.count ?? 999) <= NotificationRules.smsLength)
        let notification = try #require(try await list(chat, "bob").items.first)
        #expect(notification.type == .milestone && notification.channels.email?.state == .requested && notification.channels.sms?.state == .requested)
        #expect(try await list(chat, "cy").items.first?.channels.email == nil)

        _ = try await chat.service.recordNotificationDelivery(
            RecordNotificationDeliveryV1(notificationId: notification.id, channel: .email, delivered: true, externalId: "mail-1", error: nil),
            envelope: chat.fixture.envelope(RecordNotificationDeliveryV1.self))
        _ = try await chat.service.recordNotificationDelivery(
            RecordNotificationDeliveryV1(notificationId: notification.id, channel: .sms, delivered: false, externalId: nil, error: "no route"),
            envelope: chat.fixture.envelope(RecordNotificationDeliveryV1.self))
        let reported = try #require(try await list(chat, "bob").items.first)
        #expect(reported.channels.email?.state == .sent && reported.channels.email?.externalId == "mail-1" && reported.channels.email?.sentAt != nil)
        #expect(reported.channels.sms?.state == .failed && reported.channels.sms?.error == "no route")

        let cyNotification = try #require(try await list(chat, "cy").items.first)
        await expectContractError(.conflict, field: "channel") {
            _ = try await chat.service.recordNotificationDelivery(
                RecordNotificationDeliveryV1(notificationId: cyNotification.id, channel: .email, delivered: true, externalId: "x", error: nil),
                envelope: chat.fixture.envelope(RecordNotificationDeliveryV1.self))
        }
    }

    @Test("work's and documents' events become notifications of their type for their recipients, never for who caused them")
    func otherServicesEvents() async throws {
        let chat = try await ChatHarness.make()
        try await chat.service.notifyMeetingScheduled(
            MeetingScheduledV1(sprintId: "665f20009b1d4a0012ab0001", meeting: .example, recipients: ["bob"]),
            envelope: Self.eventEnvelope(MeetingScheduledV1.self, actor: "admin"))
        try await chat.service.notifyDocumentsRequested(
            DocumentsRequestedV1(sprintId: "665f20009b1d4a0012ab0001", requirements: [.example], recipients: ["bob"]),
            envelope: Self.eventEnvelope(DocumentsRequestedV1.self, actor: "admin"))
        var document = DocumentV1.example
        document.uploadedBy = "bob"
        document.ownerId = "bob"
        document.reviewedBy = "admin"
        try await chat.service.notifyDocumentReviewed(DocumentReviewedV1(document: document), envelope: Self.eventEnvelope(DocumentReviewedV1.self, actor: "admin"))
        var task = TaskAssignedV1.example
        task.recipients = ["bob", "admin"]
        task.assignedBy = "admin"
        try await chat.service.notifyTask(
            task.task, type: .taskAssigned, title: "Task assigned: \(task.task.title)", message: "On \(task.boardName)", recipients: task.recipients,
            actor: task.assignedBy, envelope: Self.eventEnvelope(TaskAssignedV1.self, actor: "admin"))

        let bob = try await list(chat, "bob")
        #expect(Set(bob.items.map(\.type)) == [.meetingScheduled, .documentRequest, .documentReview, .taskAssigned])
        #expect(bob.items.first { $0.type == .documentReview }?.relatedEntity?.entityId == document.documentId)
        #expect(bob.items.first { $0.type == .taskAssigned }?.relatedEntity == RelatedEntityV1(entityType: "task", entityId: task.task.id, entityTitle: task.task.title))
        #expect(try await list(chat, "admin").items.isEmpty)
    }
}
