import Foundation
import HTTPTypes
import SeedContracts

/// Bodies of messaging routes whose command also takes values from the path: the path's ids are
/// filled in by the route, so the body does not repeat them.
struct UpdateConversationBody: Codable, Sendable {
    var title: String?
    var description: String?
    var avatar: String?
    /// Days after which messages are deleted; 0 turns retention off.
    var autoDeleteAfterDays: Int?
}

struct MembershipBody: Codable, Sendable {
    var mutedUntil: Date?
    /// `true` clears `mutedUntil`.
    var unmute: Bool?
    var pinned: Bool?
    var archived: Bool?
}

struct AddMembersBody: Codable, Sendable {
    var userIds: [String]
    /// `member` (default) or `admin`.
    var role: MemberRole?
}

struct MemberRoleBody: Codable, Sendable {
    var role: MemberRole
}

struct LeaveBody: Codable, Sendable {
    /// Required when the caller is the last owner and others remain.
    var newOwnerId: String?
}

struct SendMessageBody: Codable, Sendable {
    /// The sender's own id for this message: a retried send with the same one is the same message.
    var clientMessageId: String?
    var kind: MessageKind?
    var content: String?
    var encrypted: EncryptedPayloadV1?
    var attachments: [AttachmentV1]?
    var parentMessageId: String?
    var mentions: [String]?
}

struct MarkReadBody: Codable, Sendable {
    var messageId: String
}

struct MarkDeliveredBody: Codable, Sendable {
    var messageIds: [String]
}

struct EditMessageBody: Codable, Sendable {
    var content: String?
    var encrypted: EncryptedPayloadV1?
}

struct ReactionBody: Codable, Sendable {
    var emoji: String
}

/// The messaging service's routes: conversations, members, messages, receipts, reactions, search.
///
/// Every route takes a user's bearer token, or a tenant's API key acting for one of its end users
/// (`X-API-Key` with `X-Acting-User`; scope `messages:read` for GET, `messages:write` for the rest;
/// decision 0019). A reaction is removed with `DELETE /api/v1/messages/{messageId}/reactions?emoji=…`:
/// the emoji travels percent-encoded in the query, where every client library encodes it, rather
/// than in a path segment.
enum MessagingRoutes {
    static let read = RouteSecurity.bearerOrAPIKey(scope: "messages:read")
    static let write = RouteSecurity.bearerOrAPIKey(scope: "messages:write")

    /// Path parameters that are ids: 24 hexadecimal digits.
    static func ids(_ names: String...) -> [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, idSchema) })
    }

    static let idSchema = JSONValue.object([("type", .string("string")), ("pattern", .string(OpenAPIDocument.objectIdPattern))])

    static func limit(default fallback: Int) -> QueryParameter {
        QueryParameter(name: "limit", description: "1 to 100, default \(fallback).",
                       schema: .object([("type", .string("integer")), ("minimum", .integer(1)), ("maximum", .integer(100))]))
    }

    static let cursor = QueryParameter(name: "cursor", description: "nextCursor of the previous page (opaque).")

    static let all: [APIRoute] = [
        // MARK: Conversations
        .route(.post, "/api/v1/conversations", operationId: "createConversation",
               summary: "Create a group, channel or support conversation with members; the caller owns it.", tag: "conversations",
               security: write, body: CreateConversationV1.self, reply: ConversationV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.post, "/api/v1/conversations/direct", operationId: "openDirectConversation",
               summary: "Open the caller's direct conversation with another user (the same one when asked again).", tag: "conversations",
               security: write, body: OpenDirectConversationV1.self, reply: ConversationV1.self) { body, call in
            try await call.send(body)
        },
        .route(.get, "/api/v1/conversations", operationId: "listConversations",
               summary: "The caller's inbox: conversations by last activity with previews and unread counts.", tag: "conversations",
               security: read, sends: ListConversationsV1.self, body: NoBody.self, reply: InboxPageV1.self,
               query: [QueryParameter(name: "archived", description: "true: only archived conversations; otherwise only those not archived.",
                                      schema: .object([("type", .string("boolean"))])),
                       cursor, limit(default: 20)]) { _, call in
            try await call.send(ListConversationsV1(
                archived: try call.booleanQuery("archived"), cursor: call.query("cursor"), limit: try call.integerQuery("limit")))
        },
        .route(.get, "/api/v1/conversations/{conversationId}", operationId: "getConversation",
               summary: "A conversation with the caller's unread count and settings (404 for non-members).", tag: "conversations",
               security: read, sends: GetConversationV1.self, body: NoBody.self, reply: InboxEntryV1.self,
               pathParameters: ids("conversationId")) { _, call in
            try await call.send(GetConversationV1(conversationId: call.parameter("conversationId")))
        },
        .route(.patch, "/api/v1/conversations/{conversationId}", operationId: "updateConversation",
               summary: "Change a conversation's title, description, avatar or retention (owners and admins).", tag: "conversations",
               security: write, sends: UpdateConversationV1.self, body: UpdateConversationBody.self, reply: ConversationV1.self,
               pathParameters: ids("conversationId")) { body, call in
            try await call.send(UpdateConversationV1(
                conversationId: call.parameter("conversationId"), title: body.title, description: body.description, avatar: body.avatar,
                autoDeleteAfterDays: body.autoDeleteAfterDays))
        },
        .route(.patch, "/api/v1/conversations/{conversationId}/membership", operationId: "updateMembership",
               summary: "Mute (until a time), unmute, pin or archive a conversation for the caller.", tag: "conversations",
               security: write, sends: UpdateMembershipV1.self, body: MembershipBody.self, reply: InboxEntryV1.self,
               pathParameters: ids("conversationId")) { body, call in
            try await call.send(UpdateMembershipV1(
                conversationId: call.parameter("conversationId"), mutedUntil: body.mutedUntil, unmute: body.unmute, pinned: body.pinned,
                archived: body.archived))
        },
        .route(.post, "/api/v1/conversations/{conversationId}/leave", operationId: "leaveConversation",
               summary: "Leave a conversation; the last owner names a new owner among the members.", tag: "conversations",
               security: write, sends: LeaveConversationV1.self, body: LeaveBody.self, reply: Accepted.self,
               pathParameters: ids("conversationId")) { body, call in
            try await call.send(LeaveConversationV1(conversationId: call.parameter("conversationId"), newOwnerId: body.newOwnerId))
        },

        // MARK: Members
        .route(.get, "/api/v1/conversations/{conversationId}/members", operationId: "listMembers",
               summary: "The members of a conversation, owners first, with their names.", tag: "conversations",
               security: read, sends: ListMembersV1.self, body: NoBody.self, reply: MemberListV1.self,
               pathParameters: ids("conversationId")) { _, call in
            try await call.send(ListMembersV1(conversationId: call.parameter("conversationId")))
        },
        .route(.post, "/api/v1/conversations/{conversationId}/members", operationId: "addMembers",
               summary: "Add members (owners and admins); members already in stay as they are.", tag: "conversations",
               security: write, sends: AddMembersV1.self, body: AddMembersBody.self, reply: MemberListV1.self,
               pathParameters: ids("conversationId")) { body, call in
            try await call.send(AddMembersV1(conversationId: call.parameter("conversationId"), userIds: body.userIds, role: body.role))
        },
        .route(.delete, "/api/v1/conversations/{conversationId}/members/{userId}", operationId: "removeMember",
               summary: "Remove a member (owners and admins; only an owner removes an owner).", tag: "conversations",
               security: write, sends: RemoveMemberV1.self, body: NoBody.self, reply: Accepted.self,
               pathParameters: ids("conversationId", "userId")) { _, call in
            try await call.send(RemoveMemberV1(conversationId: call.parameter("conversationId"), userId: call.parameter("userId")))
        },
        .route(.put, "/api/v1/conversations/{conversationId}/members/{userId}/role", operationId: "changeMemberRole",
               summary: "Make a member owner, admin or member (owners only).", tag: "conversations",
               security: write, sends: ChangeMemberRoleV1.self, body: MemberRoleBody.self, reply: MemberV1.self,
               pathParameters: ids("conversationId", "userId")) { body, call in
            try await call.send(ChangeMemberRoleV1(
                conversationId: call.parameter("conversationId"), userId: call.parameter("userId"), role: body.role))
        },

        // MARK: Messages of a conversation
        .route(.get, "/api/v1/conversations/{conversationId}/messages", operationId: "listMessages",
               summary: "History newest first in stable pages; with threadOf, the replies to that message.", tag: "messages",
               security: read, sends: ListMessagesV1.self, body: NoBody.self, reply: MessagePageV1.self,
               query: [cursor, limit(default: 50),
                       QueryParameter(name: "threadOf", description: "Only the replies to this message.", schema: idSchema)],
               pathParameters: ids("conversationId")) { _, call in
            try await call.send(ListMessagesV1(
                conversationId: call.parameter("conversationId"), cursor: call.query("cursor"), limit: try call.integerQuery("limit"),
                threadOf: call.query("threadOf")))
        },
        .route(.post, "/api/v1/conversations/{conversationId}/messages", operationId: "sendMessage",
               summary: "Send a message; a retry with the same clientMessageId returns the first message and stores nothing new.",
               tag: "messages", security: write, sends: SendMessageV1.self, body: SendMessageBody.self, reply: ChatMessageV1.self,
               status: .created, pathParameters: ids("conversationId")) { body, call in
            try await call.send(SendMessageV1(
                conversationId: call.parameter("conversationId"), clientMessageId: body.clientMessageId, kind: body.kind, content: body.content,
                encrypted: body.encrypted, attachments: body.attachments, parentMessageId: body.parentMessageId, mentions: body.mentions))
        },
        .route(.get, "/api/v1/conversations/{conversationId}/messages/unread", operationId: "listUnreadMessages",
               summary: "The messages after the caller's read position, oldest first.", tag: "messages",
               security: read, sends: ListUnreadMessagesV1.self, body: NoBody.self, reply: MessagePageV1.self,
               query: [cursor, limit(default: 50)], pathParameters: ids("conversationId")) { _, call in
            try await call.send(ListUnreadMessagesV1(
                conversationId: call.parameter("conversationId"), cursor: call.query("cursor"), limit: try call.integerQuery("limit")))
        },
        .route(.get, "/api/v1/conversations/{conversationId}/messages/around/{messageId}", operationId: "listMessagesAround",
               summary: "Up to limit/2 messages before and after one message, in sequence order.", tag: "messages",
               security: read, sends: ListMessagesAroundV1.self, body: NoBody.self, reply: MessagePageV1.self,
               query: [limit(default: 20)], pathParameters: ids("conversationId", "messageId")) { _, call in
            try await call.send(ListMessagesAroundV1(
                conversationId: call.parameter("conversationId"), messageId: call.parameter("messageId"), limit: try call.integerQuery("limit")))
        },
        .route(.post, "/api/v1/conversations/{conversationId}/read", operationId: "markRead",
               summary: "Mark the conversation read up to a message (the read position only moves forward).", tag: "messages",
               security: write, sends: MarkReadV1.self, body: MarkReadBody.self, reply: InboxEntryV1.self,
               pathParameters: ids("conversationId")) { body, call in
            try await call.send(MarkReadV1(conversationId: call.parameter("conversationId"), messageId: body.messageId))
        },
        .route(.post, "/api/v1/conversations/{conversationId}/delivered", operationId: "markDelivered",
               summary: "Record delivery receipts for up to 100 messages of the conversation.", tag: "messages",
               security: write, sends: MarkDeliveredV1.self, body: MarkDeliveredBody.self, reply: Accepted.self,
               pathParameters: ids("conversationId")) { body, call in
            try await call.send(MarkDeliveredV1(conversationId: call.parameter("conversationId"), messageIds: body.messageIds))
        },

        // MARK: One message
        .route(.get, "/api/v1/messages/search", operationId: "searchMessages",
               summary: "Full-text search over the caller's conversations, newest first (never deleted or encrypted messages).",
               tag: "messages", security: read, sends: SearchMessagesV1.self, body: NoBody.self, reply: MessagePageV1.self,
               query: [QueryParameter(name: "q", description: "The words to find, 1 to 200 characters.",
                                      schema: .object([("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(200)),
                                                       ("pattern", .string("\\S"))]),
                                      required: true),
                       QueryParameter(name: "conversationId", description: "Only this conversation.", schema: idSchema),
                       cursor, limit(default: 20)]) { _, call in
            try await call.send(SearchMessagesV1(
                query: try call.requiredQuery("q"), conversationId: call.query("conversationId"), cursor: call.query("cursor"),
                limit: try call.integerQuery("limit")))
        },
        .route(.patch, "/api/v1/messages/{messageId}", operationId: "editMessage",
               summary: "Replace the text (or encrypted payload) of the caller's own message.", tag: "messages",
               security: write, sends: EditMessageV1.self, body: EditMessageBody.self, reply: ChatMessageV1.self,
               pathParameters: ids("messageId")) { body, call in
            try await call.send(EditMessageV1(messageId: call.parameter("messageId"), content: body.content, encrypted: body.encrypted))
        },
        .route(.delete, "/api/v1/messages/{messageId}", operationId: "deleteMessage",
               summary: "Delete a message (its sender, or an owner or admin); a placeholder keeps its place.", tag: "messages",
               security: write, sends: DeleteMessageV1.self, body: NoBody.self, reply: Accepted.self,
               pathParameters: ids("messageId")) { _, call in
            try await call.send(DeleteMessageV1(messageId: call.parameter("messageId")))
        },
        .route(.post, "/api/v1/messages/{messageId}/reactions", operationId: "addReaction",
               summary: "Add the caller's emoji reaction (once per emoji); returns the message with its counts.", tag: "messages",
               security: write, sends: AddReactionV1.self, body: ReactionBody.self, reply: ChatMessageV1.self,
               pathParameters: ids("messageId")) { body, call in
            try await call.send(AddReactionV1(messageId: call.parameter("messageId"), emoji: body.emoji))
        },
        .route(.delete, "/api/v1/messages/{messageId}/reactions", operationId: "removeReaction",
               summary: "Remove the caller's reaction with ?emoji= (percent-encoded); returns the message with its counts.", tag: "messages",
               security: write, sends: RemoveReactionV1.self, body: NoBody.self, reply: ChatMessageV1.self,
               query: [QueryParameter(name: "emoji", description: "The emoji to take back, e.g. %F0%9F%91%8D for 👍.",
                                      schema: .object([("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(16))]),
                                      required: true)],
               pathParameters: ids("messageId")) { _, call in
            try await call.send(RemoveReactionV1(messageId: call.parameter("messageId"), emoji: try call.requiredQuery("emoji")))
        },
    ] + notificationRoutes
}

// MARK: - Notifications

extension MessagingRoutes {
    /// Commands only services send.
    static let internalCommands: [(command: any Command.Type, reason: String)] = [
        (RecordNotificationDeliveryV1.self, "the email and SMS senders report deliveries with it; no client route changes a delivery state"),
    ]

    /// The caller's notifications (seeds 000 and 004): list with the unread count, read, read all, dismiss.
    /// New ones also arrive live over the WebSocket as `messaging.notification-created.v1` frames.
    static let notificationRoutes: [APIRoute] = [
        .route(.get, "/api/v1/notifications", operationId: "listNotifications",
               summary: "The caller's notifications newest first (unread and read unless ?state= says), with the unread count.", tag: "notifications",
               security: read, sends: ListNotificationsV1.self, body: NoBody.self, reply: NotificationPageV1.self,
               query: [QueryParameter(name: "state", description: "Only notifications in this state.", schema: WorkRoutes.enumeration(NotificationState.self)),
                       cursor, limit(default: 20)]) { _, call in
            try await call.send(ListNotificationsV1(
                state: try WorkRoutes.enumQuery(call, "state", NotificationState.self), cursor: call.query("cursor"),
                limit: try call.integerQuery("limit")))
        },
        .route(.post, "/api/v1/notifications/read-all", operationId: "markAllNotificationsRead",
               summary: "Mark every unread notification of the caller read.", tag: "notifications",
               security: write, sends: MarkAllNotificationsReadV1.self, body: NoBody.self, reply: UnreadNotificationsV1.self) { _, call in
            try await call.send(MarkAllNotificationsReadV1())
        },
        .route(.post, "/api/v1/notifications/{notificationId}/read", operationId: "markNotificationRead",
               summary: "Mark one of the caller's notifications read.", tag: "notifications",
               security: write, sends: MarkNotificationReadV1.self, body: NoBody.self, reply: NotificationV1.self,
               pathParameters: ids("notificationId")) { _, call in
            try await call.send(MarkNotificationReadV1(notificationId: call.parameter("notificationId")))
        },
        .route(.post, "/api/v1/notifications/{notificationId}/dismiss", operationId: "dismissNotification",
               summary: "Dismiss one of the caller's notifications; lists leave it out.", tag: "notifications",
               security: write, sends: DismissNotificationV1.self, body: NoBody.self, reply: NotificationV1.self,
               pathParameters: ids("notificationId")) { _, call in
            try await call.send(DismissNotificationV1(notificationId: call.parameter("notificationId")))
        },
    ]
}
