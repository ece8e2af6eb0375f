public import SeedBus
import SeedContracts

/// Connects the messaging service's commands and subscriptions on the bus to its use cases: one line
/// each, no logic of its own.
public enum MessagingHandlers {
    public static func register(_ service: MessagingService, on bus: Bus) {
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

        bus.subscribe(UserRegisteredV1.self) { try await service.userAnnounced($0.user, envelope: $1.envelope) }
        bus.subscribe(UserUpdatedV1.self) { try await service.userAnnounced($0.user, envelope: $1.envelope) }
        bus.subscribe(UserSuspendedV1.self) { try await service.userSuspended($0, envelope: $1.envelope) }
        bus.subscribe(UserDeletedV1.self) { try await service.userDeleted($0, envelope: $1.envelope) }
    }
}
