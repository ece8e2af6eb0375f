import Foundation
@testable import MessagingService
import SeedContracts
import SeedServiceKit
import SeedServiceTesting
import SeedStore
import Testing

/// The messaging service on a fresh embedded store, with shortcuts for the message tests: open
/// conversations through the service's own use cases, send as someone, read back what is stored.
struct ChatHarness {
    let fixture: ServiceFixture
    let service: MessagingService

    static func make() async throws -> ChatHarness {
        let fixture = try await ServiceFixture.make(.messaging, collections: MessagingCollections.all)
        return ChatHarness(fixture: fixture, service: MessagingService(work: fixture.work))
    }

    /// An envelope from `actor` in `tenant` (the platform's own users when `nil`).
    func envelope<C: Command>(_ type: C.Type, _ actor: String, tenant: String? = nil) -> MessageEnvelope {
        fixture.envelope(type, actor: actor, tenant: tenant)
    }

    /// A group owned by `owner` with `members`; returns its id.
    func group(
        owner: String, members: [String], encrypted: Bool = false, retentionDays: Int? = nil, tenant: String? = nil
    ) async throws -> String {
        try await service.createConversation(
            CreateConversationV1(type: .group, title: "Launch", memberIds: members, encrypted: encrypted, autoDeleteAfterDays: retentionDays),
            envelope: envelope(CreateConversationV1.self, owner, tenant: tenant)).id
    }

    /// The direct conversation of `a` and `b`; returns its id.
    func direct(_ a: String, _ b: String, tenant: String? = nil) async throws -> String {
        try await service.openDirectConversation(OpenDirectConversationV1(userId: b), envelope: envelope(OpenDirectConversationV1.self, a, tenant: tenant)).id
    }

    @discardableResult
    func send(
        _ text: String, by sender: String, in conversation: String, clientMessageId: String? = nil, parent: String? = nil,
        mentions: [String]? = nil, tenant: String? = nil
    ) async throws -> ChatMessageV1 {
        try await service.sendMessage(
            SendMessageV1(conversationId: conversation, clientMessageId: clientMessageId, content: text, parentMessageId: parent, mentions: mentions),
            envelope: envelope(SendMessageV1.self, sender, tenant: tenant))
    }

    func history(_ conversation: String, as reader: String, cursor: String? = nil, limit: Int? = nil, threadOf: String? = nil) async throws -> MessagePageV1 {
        try await service.listMessages(
            ListMessagesV1(conversationId: conversation, cursor: cursor, limit: limit, threadOf: threadOf),
            envelope: envelope(ListMessagesV1.self, reader))
    }

    func markRead(_ message: String, in conversation: String, by reader: String) async throws -> InboxEntryV1 {
        try await service.markRead(MarkReadV1(conversationId: conversation, messageId: message), envelope: envelope(MarkReadV1.self, reader))
    }

    func delete(_ message: String, by user: String) async throws {
        _ = try await service.deleteMessage(DeleteMessageV1(messageId: message), envelope: envelope(DeleteMessageV1.self, user))
    }

    // MARK: - What is stored

    func stored(_ id: String) async throws -> ChatMessage {
        try #require(try await DocumentCollection(ChatMessage.self, in: fixture.store).first(.equal("_id", .string(id))))
    }

    func storedConversation(_ id: String) async throws -> Conversation {
        try #require(try await DocumentCollection(Conversation.self, in: fixture.store).first(.equal("_id", .string(id))))
    }

    func storedMember(_ user: String, of conversation: String) async throws -> ConversationMember {
        let id = ConversationMember.id(conversation: conversation, user: user)
        return try #require(try await DocumentCollection(ConversationMember.self, in: fixture.store).first(.equal("_id", .string(id))))
    }

    func messageCount(in conversation: String? = nil) async throws -> Int {
        try await fixture.count(ChatMessage.self, conversation.map { .equal("conversationId", .string($0)) } ?? .all)
    }

    /// `user`'s unread count as the inbox derives it: the conversation's last sequence minus their read position.
    func unread(_ user: String, in conversation: String) async throws -> Int {
        let stored = try await storedConversation(conversation)
        return stored.lastSequence - (try await storedMember(user, of: conversation).lastReadSequence)
    }

    /// Everything a refused command must leave as it was: messages, their documents, and staged events.
    func snapshot() async throws -> [Int] {
        [
            try await fixture.count(ChatMessage.self), try await fixture.count(Reaction.self), try await fixture.count(MessageReceipt.self),
            try await fixture.count(IdempotencyKey.self), try await fixture.events(MessageSentV1.self).count,
            try await fixture.events(MessageEditedV1.self).count, try await fixture.events(MessageDeletedV1.self).count,
            try await fixture.events(ReactionChangedV1.self).count, try await fixture.events(ReadUpToV1.self).count,
            try await fixture.events(MessagesDeliveredV1.self).count,
        ]
    }
}
