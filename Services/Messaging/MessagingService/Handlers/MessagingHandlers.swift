public import SeedBus
import SeedContracts
import SeedServiceKit

/// Connects the messaging service's commands and subscriptions on the bus to its use cases: one line
/// each, no logic of its own.
public enum MessagingHandlers {
    public static func register(_ service: MessagingService, on bus: Bus) {
        // A tenant's data export and erasure (seed-ops tenants; decision 0039), over the declared collections.
        TenantData(service: .messaging, work: service.work, collections: MessagingCollections.all).register(on: bus)
        bus.handle(OpenDirectConversationV1.self) { try await service.openDirectConversation($0, envelope: $1.envelope) }
        bus.handle(CreateConversationV1.self) { try await service.createConversation($0, envelope: $1.envelope) }
        bus.handle(OpenSprintConversationV1.self) { try await service.openSprintConversation($0, envelope: $1.envelope) }
        bus.handle(GetConversationV1.self) { try await service.getConversation($0, envelope: $1.envelope) }
        bus.handle(UpdateConversationV1.self) { try await service.updateConversation($0, envelope: $1.envelope) }
        bus.handle(ListConversationsV1.self) { try await service.listConversations($0, envelope: $1.envelope) }
        bus.handle(UpdateMembershipV1.self) { try await service.updateMembership($0, envelope: $1.envelope) }
        bus.handle(AddMembersV1.self) { try await service.addMembers($0, envelope: $1.envelope) }
        bus.handle(RemoveMemberV1.self) { try await service.removeMember($0, envelope: $1.envelope) }
        bus.handle(LeaveConversationV1.self) { try await service.leaveConversation($0, envelope: $1.envelope) }
        bus.handle(ChangeMemberRoleV1.self) { try await service.changeMemberRole($0, envelope: $1.envelope) }
        bus.handle(ListMembersV1.self) { try await service.listMembers($0, envelope: $1.envelope) }
        bus.handle(SendMessageV1.self) { try await service.sendMessage($0, envelope: $1.envelope) }
        bus.handle(EditMessageV1.self) { try await service.editMessage($0, envelope: $1.envelope) }
        bus.handle(DeleteMessageV1.self) { try await service.deleteMessage($0, envelope: $1.envelope) }
        bus.handle(ListMessagesV1.self) { try await service.listMessages($0, envelope: $1.envelope) }
        bus.handle(ListUnreadMessagesV1.self) { try await service.listUnreadMessages($0, envelope: $1.envelope) }
        bus.handle(ListMessagesAroundV1.self) { try await service.listMessagesAround($0, envelope: $1.envelope) }
        bus.handle(MarkReadV1.self) { try await service.markRead($0, envelope: $1.envelope) }
        bus.handle(MarkDeliveredV1.self) { try await service.markDelivered($0, envelope: $1.envelope) }
        bus.handle(AddReactionV1.self) { try await service.addReaction($0, envelope: $1.envelope) }
        bus.handle(RemoveReactionV1.self) { try await service.removeReaction($0, envelope: $1.envelope) }
        bus.handle(SearchMessagesV1.self) { try await service.searchMessages($0, envelope: $1.envelope) }
        // Notifications (NotificationUseCases.swift, NotificationSources.swift).
        bus.handle(ListNotificationsV1.self) { try await service.listNotifications($0, envelope: $1.envelope) }
        bus.handle(MarkNotificationReadV1.self) { try await service.markNotificationRead($0, envelope: $1.envelope) }
        bus.handle(MarkAllNotificationsReadV1.self) { try await service.markAllNotificationsRead($0, envelope: $1.envelope) }
        bus.handle(DismissNotificationV1.self) { try await service.dismissNotification($0, envelope: $1.envelope) }
        bus.handle(RecordNotificationDeliveryV1.self) { try await service.recordNotificationDelivery($0, envelope: $1.envelope) }
        bus.subscribe(MessageSentV1.self) { try await service.notifyMessageSent($0, envelope: $1.envelope) }
        bus.subscribe(SprintCreatedV1.self) { try await service.notifySprintCreated($0, envelope: $1.envelope) }
        bus.subscribe(SprintStatusChangedV1.self) { try await service.notifySprintStatusChanged($0, envelope: $1.envelope) }
        bus.subscribe(MilestoneUpdatedV1.self) { try await service.notifyMilestone($0.sprintId, $0.milestone, "updated", recipients: $0.recipients, envelope: $1.envelope) }
        bus.subscribe(MilestoneDueV1.self) { try await service.notifyMilestone($0.sprintId, $0.milestone, "due soon", recipients: $0.recipients, envelope: $1.envelope) }
        bus.subscribe(MilestoneOverdueV1.self) { try await service.notifyMilestone($0.sprintId, $0.milestone, "overdue", recipients: $0.recipients, envelope: $1.envelope) }
        bus.subscribe(DocumentsRequestedV1.self) { try await service.notifyDocumentsRequested($0, envelope: $1.envelope) }
        bus.subscribe(MeetingScheduledV1.self) { try await service.notifyMeetingScheduled($0, envelope: $1.envelope) }
        bus.subscribe(DocumentReviewedV1.self) { try await service.notifyDocumentReviewed($0, envelope: $1.envelope) }
        bus.subscribe(TaskAssignedV1.self) {
            try await service.notifyTask($0.task, type: .taskAssigned, title: "Task assigned: \($0.task.title)", message: "On \($0.boardName)", recipients: $0.recipients, actor: $0.assignedBy, envelope: $1.envelope)
        }
        bus.subscribe(TaskMentionedV1.self) {
            try await service.notifyTask($0.task, type: .taskMentioned, title: "Mentioned on task: \($0.task.title)", message: $0.excerpt, recipients: $0.recipients, actor: $0.authorId, envelope: $1.envelope)
        }
        bus.subscribe(TaskDueSoonV1.self) {
            try await service.notifyTask($0.task, type: .taskDueSoon, title: "Task due soon: \($0.task.title)", message: "Due \($0.dueDate.formatted(.iso8601))", recipients: $0.recipients, actor: nil, envelope: $1.envelope)
        }
        bus.subscribe(TaskOverdueV1.self) {
            try await service.notifyTask($0.task, type: .taskOverdue, title: "Task overdue: \($0.task.title)", message: "Was due \($0.dueDate.formatted(.iso8601))", recipients: $0.recipients, actor: nil, envelope: $1.envelope)
        }

        bus.subscribe(UserRegisteredV1.self) {
            try await service.userAnnounced($0.user, envelope: $1.envelope)
            try await service.notificationChannelsAnnounced($0.user, envelope: $1.envelope)
        }
        bus.subscribe(UserUpdatedV1.self) {
            try await service.userAnnounced($0.user, envelope: $1.envelope)
            try await service.notificationChannelsAnnounced($0.user, envelope: $1.envelope)
        }
        bus.subscribe(UserSuspendedV1.self) { try await service.userSuspended($0, envelope: $1.envelope) }
        bus.subscribe(UserDeletedV1.self) { try await service.userDeleted($0, envelope: $1.envelope) }
        bus.subscribe(RelationshipChangedV1.self) { try await service.relationshipChanged($0, envelope: $1.envelope) }
        bus.subscribe(PrivacySettingsChangedV1.self) { try await service.privacySettingsChanged($0, envelope: $1.envelope) }
        bus.subscribe(TenantQuotasChangedV1.self) { try await service.tenantQuotasChanged($0, envelope: $1.envelope) }
    }
}
