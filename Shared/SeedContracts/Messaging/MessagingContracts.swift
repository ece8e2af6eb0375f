/// A command the messaging service handles.
public protocol MessagingCommand: Command {}

extension MessagingCommand {
    public static var destination: CommandDestination { .service(.messaging) }
}

/// An event the messaging service publishes.
public protocol MessagingEvent: Event {}

extension MessagingEvent {
    public static var source: ServiceName { .messaging }
}

/// The messaging service's messages: conversations, members, messages, receipts, reactions, search.
public enum MessagingContracts: ServiceContracts {
    public static let owner: ServiceName? = .messaging

    public static let commands: [any Command.Type] = [
        OpenDirectConversationV1.self, CreateConversationV1.self, OpenSprintConversationV1.self, GetConversationV1.self,
        UpdateConversationV1.self, ListConversationsV1.self, UpdateMembershipV1.self, AddMembersV1.self, RemoveMemberV1.self,
        LeaveConversationV1.self, ChangeMemberRoleV1.self, ListMembersV1.self, SendMessageV1.self, EditMessageV1.self,
        DeleteMessageV1.self, ListMessagesV1.self, ListUnreadMessagesV1.self, ListMessagesAroundV1.self, MarkReadV1.self,
        MarkDeliveredV1.self, AddReactionV1.self, RemoveReactionV1.self, SearchMessagesV1.self,
    ] + NotificationContracts.commands + TenantDataOwners.commands(of: .messaging)

    public static let replies: [any Message.Type] = [
        ConversationV1.self, MemberV1.self, MemberListV1.self, InboxEntryV1.self, InboxPageV1.self, ChatMessageV1.self, MessagePageV1.self,
    ] + NotificationContracts.replies

    public static let events: [any Event.Type] = [
        ConversationCreatedV1.self, ConversationUpdatedV1.self, MemberJoinedV1.self, MemberLeftV1.self, MessageSentV1.self,
        MessageEditedV1.self, MessageDeletedV1.self, ReactionChangedV1.self, ReadUpToV1.self, MessagesDeliveredV1.self,
    ] + NotificationContracts.events + TenantDataOwners.events(of: .messaging)
}
