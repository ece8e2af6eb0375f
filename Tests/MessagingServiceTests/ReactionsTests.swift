import Foundation
@testable import MessagingService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@Suite("Reactions")
struct ReactionsTests {
    private func react(_ chat: ChatHarness, _ emoji: String, to message: String, by user: String) async throws -> ChatMessageV1 {
        try await chat.service.addReaction(AddReactionV1(messageId: message, emoji: emoji), envelope: chat.envelope(AddReactionV1.self, user))
    }

    private func unreact(_ chat: ChatHarness, _ emoji: String, to message: String, by user: String) async throws -> ChatMessageV1 {
        try await chat.service.removeReaction(RemoveReactionV1(messageId: message, emoji: emoji), envelope: chat.envelope(RemoveReactionV1.self, user))
    }

    @Test("reactions are counted per emoji with the reader's own marked; adding one twice is a no-op")
    func reactionsAreCountedOncePerUserAndEmoji() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob", "cy"])
        let message = try await chat.send("ship it", by: "ada", in: conversation)

        _ = try await react(chat, "👍", to: message.id, by: "bob")
        _ = try await react(chat, "🎉", to: message.id, by: "bob")
        let view = try await react(chat, "👍", to: message.id, by: "cy")
        #expect(view.reactions == [ReactionCountV1(emoji: "👍", count: 2, reactedByMe: true), ReactionCountV1(emoji: "🎉", count: 1, reactedByMe: false)])
        let twice = try await react(chat, "👍", to: message.id, by: "cy")
        #expect(twice.reactions == view.reactions)
        #expect(try await chat.fixture.count(Reaction.self) == 3)

        let events = try await chat.fixture.events(ReactionChangedV1.self)
        #expect(events.map(\.count) == [1, 1, 2] && events.allSatisfy(\.added))
        #expect(Set(events[0].recipients) == ["ada", "bob", "cy"])

        let adasView = try await chat.history(conversation, as: "ada").messages[0]
        #expect(adasView.reactions == [ReactionCountV1(emoji: "👍", count: 2, reactedByMe: false), ReactionCountV1(emoji: "🎉", count: 1, reactedByMe: false)])

        let removed = try await unreact(chat, "👍", to: message.id, by: "bob")
        #expect(removed.reactions.first { $0.emoji == "👍" } == ReactionCountV1(emoji: "👍", count: 1, reactedByMe: false))
        let event = try #require(try await chat.fixture.events(ReactionChangedV1.self).last)
        #expect(!event.added && event.count == 1 && event.userId == "bob")
        _ = try await unreact(chat, "👍", to: message.id, by: "bob")
        #expect(try await chat.fixture.events(ReactionChangedV1.self).count == 4)
    }

    @Test("a reaction that is not one emoji is a validation error and stores nothing")
    func nonEmojiIsRefused() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let message = try await chat.send("ship it", by: "ada", in: conversation)
        let before = try await chat.snapshot()
        for emoji in ["a", "👍👍", "", "1", ":+1:"] {
            await expectContractError(.validation, field: "emoji") { _ = try await react(chat, emoji, to: message.id, by: "bob") }
        }
        #expect(try await chat.snapshot() == before)
    }

    @Test("a deleted message takes no reactions; outsiders cannot react")
    func deletedAndForeignMessagesTakeNoReactions() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let message = try await chat.send("gone soon", by: "ada", in: conversation)
        let kept = try await chat.send("kept", by: "ada", in: conversation)
        try await chat.delete(message.id, by: "ada")
        let before = try await chat.snapshot()
        await expectContractError(.conflict, field: "messageId") { _ = try await react(chat, "👍", to: message.id, by: "bob") }
        await expectContractError(.notFound, field: "messageId") { _ = try await react(chat, "👍", to: kept.id, by: "eve") }
        await expectContractError(.notFound, field: "messageId") {
            _ = try await chat.service.addReaction(
                AddReactionV1(messageId: kept.id, emoji: "👍"), envelope: chat.envelope(AddReactionV1.self, "bob", tenant: "t2"))
        }
        #expect(try await chat.snapshot() == before)
    }
}
