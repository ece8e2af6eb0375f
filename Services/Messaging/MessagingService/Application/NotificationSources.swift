import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

/// The events notifications are made from: messaging's own messages (mentions and direct messages,
/// batched per conversation, never for a muted member), and what work and documents announce.
/// Each is handled once (inbox consumer `messaging.notifications`); the user who caused an event is
/// not notified of it.
extension MessagingService {
    static let notificationConsumer = "messaging.notifications"

    /// Makes the drafts of an event inside one transaction, once per event.
    private func notify(_ envelope: MessageEnvelope, _ drafts: @escaping @Sendable (Transaction) async throws -> [NotificationDraft]) async throws {
        let tenant = Self.tenant(of: envelope)
        _ = try await work.once(envelope, consumer: Self.notificationConsumer) { tx in
            try await makeNotifications(try await drafts(tx), tenant: tenant, in: tx)
            return Accepted()
        }
    }

    /// One draft per recipient except `actor`.
    private static func drafts(
        _ recipients: [String], except actor: String?, type: NotificationType, title: String, message: String, entity: RelatedEntityV1?,
        action: NotificationActionV1?
    ) -> [NotificationDraft] {
        var seen = Set<String>()
        return recipients.filter { $0 != actor && seen.insert($0).inserted }.map {
            NotificationDraft(userId: $0, type: type, title: title, message: message, relatedEntity: entity, actionButton: action, batchable: false)
        }
    }

    // MARK: Messaging's own

    /// `messaging.message-sent.v1`: the other member of a direct conversation gets a `message`
    /// notification, a mentioned member of any conversation a `mention`; members whose `mutedUntil`
    /// lies ahead get none. System messages notify nobody.
    public func notifyMessageSent(_ event: MessageSentV1, envelope: MessageEnvelope) async throws {
        let message = event.message
        guard message.kind != .system else { return }
        // Most messages notify nobody: no member is mentioned and the conversation is not direct. A
        // direct conversation has one member besides the sender, so with two or more others and no
        // mention among them nothing can come of it, and the event is done without a transaction
        // (one fewer per send on the store's single writer; decision 0043).
        let others = Set(event.recipients).subtracting([message.senderId])
        guard others.count == 1 || !others.isDisjoint(with: message.mentions) else { return }
        try await notify(envelope) { tx in
            guard let conversation = try await tx.conversations.first(.equal("_id", .string(message.conversationId))) else { return [] }
            let candidates = event.recipients.filter { user in
                user != message.senderId && (conversation.type == .direct || message.mentions.contains(user))
            }
            guard !candidates.isEmpty else { return [] }
            let members = try await tx.members.find(.isIn("_id", candidates.map { .string(ConversationMember.id(conversation: conversation.id, user: $0)) }))
            let muted = Set(members.filter { ($0.mutedUntil ?? .distantPast) > tx.now }.map(\.userId))
            let sender = try await self.name(of: message.senderId, in: tx.operations)
            let place = conversation.title ?? "a conversation"
            let entity = NotificationRules.conversationEntity(conversation.id, title: conversation.title ?? sender)
            let action = NotificationRules.open("/conversations/\(conversation.id)", "open_conversation")
            let preview = NotificationRules.preview(of: message)
            return candidates.filter { !muted.contains($0) }.map { user in
                let mentioned = message.mentions.contains(user)
                return NotificationDraft(
                    userId: user, type: mentioned ? .mention : .message,
                    title: mentioned ? "\(sender) mentioned you in \(conversation.type == .direct ? "a direct message" : place)" : "\(sender) sent you a message",
                    message: preview, relatedEntity: entity, actionButton: action, batchable: true)
            }
        }
    }

    // MARK: Work

    /// `work.sprint-created.v1`.
    public func notifySprintCreated(_ event: SprintCreatedV1, envelope: MessageEnvelope) async throws {
        let sprint = event.sprint
        try await notify(envelope) { _ in
            Self.drafts(
                event.recipients, except: envelope.actor, type: .sprintUpdate, title: "Sprint created: \(sprint.name)",
                message: "The sprint \(sprint.name) was created.", entity: Self.sprint(sprint.id, sprint.name), action: Self.openSprint(sprint.id))
        }
    }

    /// `work.sprint-status-changed.v1`.
    public func notifySprintStatusChanged(_ event: SprintStatusChangedV1, envelope: MessageEnvelope) async throws {
        let (title, message) = NotificationRules.sprintStatus(event.change)
        try await notify(envelope) { _ in
            Self.drafts(event.recipients, except: event.change.by, type: .sprintUpdate, title: title, message: message,
                        entity: Self.sprint(event.sprintId, nil), action: Self.openSprint(event.sprintId))
        }
    }

    /// `work.milestone-updated.v1`, `work.milestone-due.v1`, `work.milestone-overdue.v1`.
    public func notifyMilestone(_ sprintId: String, _ milestone: MilestoneV1, _ what: String, recipients: [String], envelope: MessageEnvelope) async throws {
        try await notify(envelope) { _ in
            Self.drafts(
                recipients, except: envelope.actor, type: .milestone, title: "Milestone \(what): \(milestone.name)",
                message: milestone.dueDate.map { "Due \($0.formatted(.iso8601.year().month().day()))" } ?? "Status: \(milestone.status.rawValue)",
                entity: RelatedEntityV1(entityType: "milestone", entityId: milestone.id, entityTitle: milestone.name),
                action: Self.openSprint(sprintId))
        }
    }

    /// `work.documents-requested.v1`.
    public func notifyDocumentsRequested(_ event: DocumentsRequestedV1, envelope: MessageEnvelope) async throws {
        let labels = event.requirements.map(\.label)
        try await notify(envelope) { _ in
            Self.drafts(
                event.recipients, except: envelope.actor, type: .documentRequest, title: "Documents requested",
                message: NotificationRules.excerpt("Please upload: \(labels.joined(separator: ", "))"),
                entity: Self.sprint(event.sprintId, nil), action: NotificationActionV1(text: "Upload", url: "/sprints/\(event.sprintId)/documents", action: "upload_documents"))
        }
    }

    /// `work.meeting-scheduled.v1`.
    public func notifyMeetingScheduled(_ event: MeetingScheduledV1, envelope: MessageEnvelope) async throws {
        let meeting = event.meeting
        try await notify(envelope) { _ in
            Self.drafts(
                event.recipients, except: envelope.actor, type: .meetingScheduled,
                title: "Meeting scheduled: \(meeting.type.rawValue.replacingOccurrences(of: "_", with: " "))",
                message: "On \(meeting.scheduledAt.formatted(.iso8601))" + (meeting.meetingUrl.map { " at \($0)" } ?? ""),
                entity: RelatedEntityV1(entityType: "meeting", entityId: meeting.id, entityTitle: nil),
                action: meeting.meetingUrl.map { NotificationActionV1(text: "Join", url: $0, action: "join_meeting") })
        }
    }

    /// `work.task-assigned.v1`, `work.task-mentioned.v1`, `work.task-due-soon.v1`, `work.task-overdue.v1`.
    public func notifyTask(
        _ task: TaskSummaryV1, type: NotificationType, title: String, message: String, recipients: [String], actor: String?, envelope: MessageEnvelope
    ) async throws {
        try await notify(envelope) { _ in
            Self.drafts(
                recipients, except: actor, type: type, title: title, message: NotificationRules.excerpt(message),
                entity: RelatedEntityV1(entityType: "task", entityId: task.id, entityTitle: task.title),
                action: NotificationRules.open("/boards/\(task.boardId)/tasks/\(task.id)", "open_task"))
        }
    }

    // MARK: Documents

    /// `documents.document-reviewed.v1`: the uploader (and the owner) hear of the review.
    public func notifyDocumentReviewed(_ event: DocumentReviewedV1, envelope: MessageEnvelope) async throws {
        let document = event.document
        let verdict = document.reviewStatus.rawValue.replacingOccurrences(of: "_", with: " ")
        try await notify(envelope) { _ in
            Self.drafts(
                [document.uploadedBy, document.ownerId], except: document.reviewedBy ?? envelope.actor, type: .documentReview,
                title: "Document \(verdict): \(NotificationRules.excerpt(document.originalName, 80))",
                message: document.reviewNotes.map { NotificationRules.excerpt($0) } ?? "Version \(document.version) was reviewed.",
                entity: RelatedEntityV1(entityType: "document", entityId: document.documentId, entityTitle: document.originalName),
                action: NotificationRules.open("/documents/\(document.documentId)", "open_document"))
        }
    }

    private static func sprint(_ id: String, _ name: String?) -> RelatedEntityV1 {
        RelatedEntityV1(entityType: "sprint", entityId: id, entityTitle: name)
    }

    private static func openSprint(_ id: String) -> NotificationActionV1 {
        NotificationRules.open("/sprints/\(id)", "open_sprint")
    }
}
