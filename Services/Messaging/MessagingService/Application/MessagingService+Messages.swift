import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension MessagingService {
    /// `messaging.send-message.v1`: appends a message to a conversation the caller is an active member
    /// of, and announces it to the current members.
    ///
    /// A send with a `clientMessageId` is idempotent: a retry (a new message id on the bus, the same
    /// `clientMessageId`) returns the first message and stores and announces nothing new. Sending also
    /// moves the sender's read position to the new message, so one's own messages are never unread.
    public func sendMessage(_ command: SendMessageV1, envelope: MessageEnvelope) async throws -> ChatMessageV1 {
        let caller = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let draft = try MessageDraft(command)
        do {
            return try await work.once(envelope) { tx in
                try await send(draft, by: caller, tenant: tenant, in: tx)
            }
        } catch let error as ContractError where error.isQuotaExceeded {
            await reportQuotaExceeded(error, tenant: tenant)
            throw error
        } catch let error as ContractError where error.code == .conflict && draft.clientMessageId != nil
            && ["clientKey", "key"].contains(error.details["field"]) {
            // Two sends of one clientMessageId raced (MongoDB: both looked before either committed); the
            // unique indexes let one win. The loser answers with the winner's message.
            let original = try await work.mapStoreErrors {
                try await originalMessage(of: draft, tenant: tenant, in: store)
            }
            guard let original, original.senderId == caller else { throw error }
            return original.view(for: caller)
        }
    }

    /// The body of ``sendMessage(_:envelope:)`` inside its transaction.
    private func send(_ draft: MessageDraft, by caller: String, tenant: String, in tx: Transaction) async throws -> ChatMessageV1 {
        try await requireActive(caller, in: tx.operations)
        var conversation = try await self.conversation(draft.conversationId, visibleTo: caller, tenant: tenant, in: tx.operations)

        if let original = try await originalMessage(of: draft, tenant: tenant, in: tx.operations) {
            guard original.senderId == caller else {
                throw ContractError(.conflict, "another member's message already has this clientMessageId", details: ["field": "clientMessageId"])
            }
            let reactions = try await reactionCounts(of: [original.id], reader: caller, in: tx.operations)
            return original.view(for: caller, reactions: reactions[original.id] ?? [])
        }

        let members = conversation.activeMemberIds
        try await requireMessageAllowed(by: caller, in: conversation, operations: tx.operations)
        try await consumeMessageQuota(tenant: tenant, in: tx)
        let encrypted = try Self.payload(content: draft.content, encrypted: draft.encrypted, in: conversation)
        let strangers = draft.mentions.filter { conversation.participant($0) == nil }
        guard strangers.isEmpty else {
            throw ContractError.validation("only members can be mentioned; not members: \(strangers.joined(separator: ", "))", field: "mentions")
        }
        if let parentId = draft.parentMessageId {
            guard let parent = try await tx.messages.first(.equal("_id", .string(parentId))), parent.conversationId == conversation.id else {
                throw ContractError(.notFound, "no message \(parentId) in this conversation", details: ["field": "parentMessageId"])
            }
            guard parent.parentMessageId == nil else {
                throw ContractError.validation("threads are one level deep: reply to the thread's first message", field: "parentMessageId")
            }
            guard !parent.isDeleted else {
                throw ContractError.validation("the message \(parentId) was deleted", field: "parentMessageId")
            }
            try await tx.messages.update(.equal("_id", .string(parentId)), Update([.increment("replyCount", .int64(1))]))
        }

        var message = ChatMessage(
            id: ObjectId().description, tenantId: tenant, conversationId: conversation.id, senderId: caller,
            receiverId: conversation.type == .direct ? members.first { $0 != caller } : nil, clientMessageId: draft.clientMessageId,
            clientKey: draft.clientMessageId.map { Self.clientKey(conversation: conversation.id, clientMessageId: $0) }, sequence: 0, messageType: draft.kind, content: encrypted == nil ? draft.content : nil, encrypted: encrypted,
            attachments: draft.attachments, parentMessageId: draft.parentMessageId, replyCount: 0, mentions: draft.mentions,
            status: .sent, readBy: [], editedAt: nil, deletedAt: nil, isDeleted: false, createdAt: tx.now, updatedAt: tx.now)
        try await append(&message, to: &conversation, in: tx)
        if let clientMessageId = draft.clientMessageId {
            try await tx.idempotencyKeys.insert(IdempotencyKey(
                id: ObjectId().description, key: Self.sendKey(tenant: tenant, conversation: conversation.id, clientMessageId: clientMessageId),
                userId: caller, responseRef: message.id, expiresAt: tx.now.addingTimeInterval(IdempotencyKey.lifetime),
                createdAt: tx.now, updatedAt: tx.now))
        }
        // The sender has read their own message (and, having written after them, everything before it).
        try await tx.members.update(
            .equal("_id", .string(ConversationMember.id(conversation: conversation.id, user: caller))),
            Update([.set("lastReadSequence", .int64(Int64(message.sequence))), .set("lastReadMessageId", .string(message.id)), .set("updatedAt", .date(tx.now))]))
        try await tx.publish(MessageSentV1(message: message.announcement, recipients: members))
        return message.view(for: caller)
    }

    /// The message an earlier send of `draft`'s `clientMessageId` stored, if any: through the
    /// idempotency key while it lives, then through the unique `clientKey` index.
    private func originalMessage(of draft: MessageDraft, tenant: String, in operations: any DocumentOperations) async throws -> ChatMessage? {
        guard let clientMessageId = draft.clientMessageId else { return nil }
        let messages = DocumentCollection(ChatMessage.self, in: operations)
        let key = Self.sendKey(tenant: tenant, conversation: draft.conversationId, clientMessageId: clientMessageId)
        if let remembered = try await DocumentCollection(IdempotencyKey.self, in: operations).first(.equal("key", .string(key))),
           let message = try await messages.first(.equal("_id", .string(remembered.responseRef))) {
            return message
        }
        let found = try await messages.first(.equal("clientKey", .string(Self.clientKey(conversation: draft.conversationId, clientMessageId: clientMessageId))))
        return found?.tenantId == tenant ? found : nil
    }

    /// A message's `clientKey`: one per conversation and `clientMessageId` (ids hold no spaces).
    static func clientKey(conversation: String, clientMessageId: String) -> String {
        "\(conversation) \(clientMessageId)"
    }

    /// The idempotency key of a send (seed 004 `idempotency_keys.key`).
    static func sendKey(tenant: String, conversation: String, clientMessageId: String) -> String {
        "send/\(tenant)/\(conversation)/\(clientMessageId)"
    }

    /// Checks the text or payload of a message against the conversation's encryption: an encrypted
    /// conversation takes only an encrypted payload with a key for every current member (keys for
    /// anyone else are dropped), a plain one only text. Returns the payload to store, if any.
    static func payload(content: String?, encrypted: EncryptedPayload?, in conversation: Conversation) throws(ContractError) -> EncryptedPayload? {
        guard conversation.encrypted else {
            guard encrypted == nil else {
                throw ContractError.validation("this conversation is not end-to-end encrypted: send content", field: "encrypted")
            }
            return nil
        }
        guard content == nil else {
            throw ContractError.validation("this conversation is end-to-end encrypted: its text is never sent to the server", field: "content")
        }
        guard var payload = encrypted else {
            throw ContractError.validation("this conversation is end-to-end encrypted: send an encrypted payload", field: "encrypted")
        }
        let members = conversation.activeMemberIds
        let missing = members.filter { payload.keys[$0] == nil }
        guard missing.isEmpty else {
            throw ContractError.validation("the payload lacks a key for members \(missing.joined(separator: ", "))", field: "encrypted.keys")
        }
        let current = Set(members)
        payload.keys = payload.keys.filter { current.contains($0.key) }
        return payload
    }

    /// `messaging.edit-message.v1`: the sender replaces the text (or the encrypted payload) of their
    /// own message; the previous text is gone, `editedAt` says it changed.
    public func editMessage(_ command: EditMessageV1, envelope: MessageEnvelope) async throws -> ChatMessageV1 {
        let caller = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let messageId = try MessagingRules.id(command.messageId, field: "messageId")
        let content = try command.content.map { raw throws(ContractError) in try MessagingRules.content(raw) }
        let encrypted = try command.encrypted.map { raw throws(ContractError) in try MessagingRules.encrypted(raw) }
        guard content != nil || encrypted != nil else { throw ContractError.validation("an edit needs the new text", field: "content") }
        guard content == nil || encrypted == nil else {
            throw ContractError.validation("send either content or an encrypted payload, not both", field: "content")
        }

        return try await work.once(envelope) { tx in
            try await requireActive(caller, in: tx.operations)
            var (message, conversation) = try await self.message(messageId, visibleTo: caller, tenant: tenant, in: tx.operations)
            guard message.senderId == caller else { throw ContractError(.forbidden, "only its sender edits a message") }
            guard message.messageType != .system else { throw ContractError(.forbidden, "system messages cannot be edited") }
            guard !message.isDeleted else {
                throw ContractError(.conflict, "the message \(messageId) was deleted", details: ["field": "messageId"])
            }
            let payload = try Self.payload(content: content, encrypted: encrypted, in: conversation)
            var update = Update([.set("editedAt", .date(tx.now)), .set("updatedAt", .date(tx.now))])
            if let payload {
                message.encrypted = payload
                update = try update + Update.set("encrypted", payload)
            } else if let content {
                message.content = content
                update = update + Update([.set("content", .string(content))])
            }
            message.editedAt = tx.now
            message.updatedAt = tx.now
            try await tx.messages.update(.equal("_id", .string(message.id)), update)
            if conversation.lastMessage?.messageId == message.id {
                conversation.lastMessage?.content = message.preview
                try await tx.conversations.update(
                    .equal("_id", .string(conversation.id)), Update([.set("lastMessage.content", .string(message.preview))]))
            }
            try await tx.publish(MessageEditedV1(message: message.announcement, recipients: conversation.activeMemberIds))
            let reactions = try await reactionCounts(of: [message.id], reader: caller, in: tx.operations)
            return message.view(for: caller, reactions: reactions[message.id] ?? [])
        }
    }

    /// `messaging.delete-message.v1`: its sender, or an owner or admin of the conversation, deletes a
    /// message. The message keeps its place (sequence, thread, read marks) without content,
    /// attachments, mentions or reactions. Deleting a deleted message changes nothing.
    public func deleteMessage(_ command: DeleteMessageV1, envelope: MessageEnvelope) async throws -> Accepted {
        let caller = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let messageId = try MessagingRules.id(command.messageId, field: "messageId")

        return try await work.once(envelope) { tx in
            try await requireActive(caller, in: tx.operations)
            let (message, conversation) = try await self.message(messageId, visibleTo: caller, tenant: tenant, in: tx.operations)
            guard message.senderId == caller || conversation.participant(caller)?.role.managesConversation == true else {
                throw ContractError(.forbidden, "only its sender, or an owner or admin of the conversation, deletes a message")
            }
            guard !message.isDeleted else { return Accepted() }
            try await tx.messages.update(
                .equal("_id", .string(message.id)),
                Update([
                    .set("isDeleted", .bool(true)), .set("deletedAt", .date(tx.now)), .set("updatedAt", .date(tx.now)),
                    .set("status", .string(MessageStatus.deleted.rawValue)), .unset("content"), .unset("encrypted"),
                    .set("attachments", .array([])), .set("mentions", .array([])),
                ]))
            if let parentId = message.parentMessageId {
                try await tx.messages.update(
                    .and([.equal("_id", .string(parentId)), .greaterThan("replyCount", .int64(0))]),
                    Update([.increment("replyCount", .int64(-1))]))
            }
            try await tx.reactions.delete(.equal("messageId", .string(message.id)), many: true)
            if conversation.lastMessage?.messageId == message.id {
                try await tx.conversations.update(.equal("_id", .string(conversation.id)), Update([.set("lastMessage.content", .string(""))]))
            }
            try await tx.publish(MessageDeletedV1(
                conversationId: conversation.id, messageId: message.id, parentMessageId: message.parentMessageId, deletedBy: caller,
                recipients: conversation.activeMemberIds))
            return Accepted()
        }
    }

    /// `messaging.list-messages.v1`: the conversation's history newest first (every message, replies
    /// included), or with `threadOf` the replies to one message; keyset pages that new messages do
    /// not shift.
    public func listMessages(_ command: ListMessagesV1, envelope: MessageEnvelope) async throws -> MessagePageV1 {
        let caller = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let conversationId = try MessagingRules.id(command.conversationId, field: "conversationId")
        let threadOf = try command.threadOf.map { raw throws(ContractError) in try MessagingRules.id(raw, field: "threadOf") }
        let limit = try MessagingRules.limit(command.limit, default: 50)
        let cursor = try Self.cursor(command.cursor, shape: .dateThenId)

        return try await work.mapStoreErrors {
            let conversation = try await self.conversation(conversationId, visibleTo: caller, tenant: tenant, in: store)
            var filter = Filter.equal("conversationId", .string(conversation.id))
            if let threadOf {
                let messages = DocumentCollection(ChatMessage.self, in: store)
                guard let parent = try await messages.first(.equal("_id", .string(threadOf))), parent.conversationId == conversation.id else {
                    throw ContractError(.notFound, "no message \(threadOf) in this conversation", details: ["field": "threadOf"])
                }
                filter = .equal("parentMessageId", .string(parent.id))
            }
            return try await messagePage(filter, sort: [SortKey("createdAt", .descending)], after: cursor, limit: limit, reader: caller, in: store)
        }
    }

    /// `messaging.list-unread-messages.v1`: the messages after the caller's read position, oldest first.
    public func listUnreadMessages(_ command: ListUnreadMessagesV1, envelope: MessageEnvelope) async throws -> MessagePageV1 {
        let caller = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let conversationId = try MessagingRules.id(command.conversationId, field: "conversationId")
        let limit = try MessagingRules.limit(command.limit, default: 50)
        let cursor = try Self.cursor(command.cursor, shape: .numberThenId)

        return try await work.mapStoreErrors {
            let conversation = try await self.conversation(conversationId, visibleTo: caller, tenant: tenant, in: store)
            let member = try await self.member(caller, of: conversation, in: store)
            let filter = Filter.and([
                .equal("conversationId", .string(conversation.id)), .greaterThan("sequence", .int64(Int64(member.lastReadSequence))),
            ])
            return try await messagePage(filter, sort: [SortKey("sequence")], after: cursor, limit: limit, reader: caller, in: store)
        }
    }

    /// `messaging.list-messages-around.v1`: up to `limit / 2` messages before one message, then it
    /// and the messages after it, in sequence order (to open a search hit or a mention in context).
    public func listMessagesAround(_ command: ListMessagesAroundV1, envelope: MessageEnvelope) async throws -> MessagePageV1 {
        let caller = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let conversationId = try MessagingRules.id(command.conversationId, field: "conversationId")
        let messageId = try MessagingRules.id(command.messageId, field: "messageId")
        let limit = try MessagingRules.limit(command.limit, default: 20)

        return try await work.mapStoreErrors {
            let (target, conversation) = try await self.message(messageId, visibleTo: caller, tenant: tenant, in: store)
            guard conversation.id == conversationId else {
                throw ContractError(.notFound, "no message \(messageId) in this conversation", details: ["field": "messageId"])
            }
            let messages = DocumentCollection(ChatMessage.self, in: store)
            let inConversation = Filter.equal("conversationId", .string(conversation.id))
            let sequence = DocumentValue.int64(Int64(target.sequence))
            let beforeLimit = limit / 2
            let before = beforeLimit == 0 ? [] : try await messages.find(
                .and([inConversation, .lessThan("sequence", sequence)]),
                options: FindOptions(sort: [SortKey("sequence", .descending)], limit: beforeLimit))
            let after = try await messages.find(
                .and([inConversation, .greaterThanOrEqual("sequence", sequence)]),
                options: FindOptions(sort: [SortKey("sequence")], limit: limit - before.count))
            let page = before.reversed() + after
            let reactions = try await reactionCounts(of: page.map(\.id), reader: caller, in: store)
            return MessagePageV1(messages: page.map { $0.view(for: caller, reactions: reactions[$0.id] ?? []) }, nextCursor: nil)
        }
    }

    // MARK: - Pages and views

    /// What a page cursor of a query holds: its sort value, then `_id`.
    enum CursorShape {
        /// History and search: `createdAt`, `_id`.
        case dateThenId
        /// Unread: `sequence`, `_id`.
        case numberThenId
    }

    /// Parses a client's cursor; anything this query did not issue is a validation error on `cursor`.
    static func cursor(_ raw: String?, shape: CursorShape) throws(ContractError) -> PageCursor? {
        guard let cursor = try PageCursor.fromRequest(raw) else { return nil }
        // A cursor of another query (or an edited one) parses, but its values have the wrong types.
        let values = cursor.values
        guard values.count == 2, case .string = values[1] else { throw invalidCursor }
        switch (shape, values[0]) {
        case (.dateThenId, .date), (.numberThenId, .int32), (.numberThenId, .int64): return cursor
        default: throw invalidCursor
        }
    }

    private static let invalidCursor = ContractError.validation("the cursor is not one this query issued", field: "cursor")

    /// A page of messages as `reader` sees them, with reaction counts; a cursor the store refuses is
    /// a validation error on `cursor`.
    func messagePage(
        _ filter: Filter, sort: [SortKey], after cursor: PageCursor?, limit: Int, reader: String, in operations: any DocumentOperations
    ) async throws -> MessagePageV1 {
        let result: Result<Page<ChatMessage>, StoreError>
        do {
            result = .success(try await DocumentCollection(ChatMessage.self, in: operations).page(filter, sort: sort, after: cursor, limit: limit))
        } catch {
            result = .failure(error)
        }
        if case .failure(.validation(let reason)) = result, cursor != nil { throw ContractError.validation(reason, field: "cursor") }
        let page = try result.get()
        let reactions = try await reactionCounts(of: page.items.map(\.id), reader: reader, in: operations)
        return MessagePageV1(
            messages: page.items.map { $0.view(for: reader, reactions: reactions[$0.id] ?? []) }, nextCursor: page.next?.description)
    }

    /// The reaction counts of `messageIds` by message, in one query: per emoji, most used first (then
    /// first used first), with whether `reader` reacted with it.
    func reactionCounts(of messageIds: [String], reader: String, in operations: any DocumentOperations) async throws -> [String: [ReactionCountV1]] {
        guard !messageIds.isEmpty else { return [:] }
        let reactions = try await DocumentCollection(Reaction.self, in: operations).find(.isIn("messageId", messageIds.map { .string($0) }))
        var result: [String: [ReactionCountV1]] = [:]
        for reaction in reactions.sorted(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) {
            var counts = result[reaction.messageId, default: []]
            if let index = counts.firstIndex(where: { $0.emoji == reaction.emoji }) {
                counts[index].count += 1
                counts[index].reactedByMe = counts[index].reactedByMe || reaction.userId == reader
            } else {
                counts.append(ReactionCountV1(emoji: reaction.emoji, count: 1, reactedByMe: reaction.userId == reader))
            }
            result[reaction.messageId] = counts
        }
        // Most used first; equal counts keep the order of first use.
        return result.mapValues { counts in counts.enumerated().sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }.map(\.element) }
    }
}

/// A send's input after the rules that need no stored state: what the transaction then checks
/// against the conversation (membership, encryption, mentions, thread).
struct MessageDraft: Sendable {
    var conversationId: String
    var clientMessageId: String?
    var kind: MessageKind
    var content: String?
    var encrypted: EncryptedPayload?
    var attachments: [AttachmentV1]
    var parentMessageId: String?
    var mentions: [String]

    init(_ command: SendMessageV1) throws(ContractError) {
        conversationId = try MessagingRules.id(command.conversationId, field: "conversationId")
        clientMessageId = try MessagingRules.clientMessageId(command.clientMessageId)
        kind = command.kind ?? .text
        guard kind != .system else { throw ContractError.validation("system messages are the service's own", field: "kind") }
        content = try command.content.map { raw throws(ContractError) in try MessagingRules.content(raw) }
        encrypted = try command.encrypted.map { raw throws(ContractError) in try MessagingRules.encrypted(raw) }
        guard content == nil || encrypted == nil else {
            throw ContractError.validation("send either content or an encrypted payload, not both", field: "content")
        }
        attachments = try MessagingRules.attachments(command.attachments)
        if kind != .text, attachments.isEmpty {
            throw ContractError.validation("a \(kind.rawValue) message needs an attachment", field: "attachments")
        }
        guard content != nil || encrypted != nil || !attachments.isEmpty else {
            throw ContractError.validation("a message needs text, an encrypted payload or attachments", field: "content")
        }
        parentMessageId = try command.parentMessageId.map { raw throws(ContractError) in try MessagingRules.id(raw, field: "parentMessageId") }
        mentions = try MessagingRules.ids(command.mentions ?? [], field: "mentions", limit: MessagingRules.maximumMentions)
    }
}
