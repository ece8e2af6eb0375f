import Foundation
@testable import MessagingService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@Suite("Receipts: read positions and delivery")
struct ReceiptsTests {
    @Test("mark-read moves the read position forward only; an older message changes nothing and announces nothing")
    func markReadIsForwardOnly() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob", "cy"])
        var ids: [String] = []
        for index in 1...5 { ids.append(try await chat.send("m\(index)", by: "ada", in: conversation).id) }

        let entry = try await chat.markRead(ids[3], in: conversation, by: "bob")
        #expect(entry.lastReadSequence == 4 && entry.lastReadMessageId == ids[3] && entry.unreadCount == 1)
        let event = try #require(try await chat.fixture.events(ReadUpToV1.self).first)
        #expect(event.userId == "bob" && event.sequence == 4 && Set(event.recipients) == ["ada", "bob", "cy"])
        let read = try await chat.stored(ids[3])
        #expect(read.status == .read && read.readBy.map(\.userId) == ["bob"])
        let receipt = try #require(try await DocumentCollection(MessageReceipt.self, in: chat.fixture.store)
            .first(.equal("_id", .string(MessageReceipt.id(message: ids[3], user: "bob")))))
        #expect(receipt.readAt != nil && receipt.deliveredAt != nil)

        let before = try await chat.snapshot()
        let again = try await chat.markRead(ids[1], in: conversation, by: "bob")
        #expect(again == entry)
        _ = try await chat.markRead(ids[3], in: conversation, by: "bob")
        #expect(try await chat.snapshot() == before)
        #expect(try await chat.stored(ids[1]).status == .sent)
        #expect(try await chat.storedMember("bob", of: conversation).lastReadSequence == 4)
    }

    @Test("reading one's own message moves the position without marking it read by others")
    func readingOwnMessageKeepsItsStatus() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let first = try await chat.send("one", by: "bob", in: conversation)
        try await chat.send("two", by: "ada", in: conversation)
        // Bob's position is 1 (his own send); the ada's newer message makes him unread by one.
        #expect(try await chat.unread("bob", in: conversation) == 1)
        #expect(try await chat.markRead(first.id, in: conversation, by: "bob").unreadCount == 1)
        #expect(try await chat.stored(first.id).status == .sent)
    }

    @Test("mark-read of a message of another conversation is not_found and changes nothing")
    func markReadOfForeignMessageIsRefused() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let other = try await chat.group(owner: "ada", members: ["bob"])
        let foreign = try await chat.send("elsewhere", by: "ada", in: other)
        let before = try await chat.snapshot()
        await expectContractError(.notFound, field: "messageId") {
            _ = try await chat.markRead(foreign.id, in: conversation, by: "bob")
        }
        #expect(try await chat.snapshot() == before)
        #expect(try await chat.storedMember("bob", of: conversation).lastReadSequence == 0)
    }

    @Test("delivery receipts keep the first time, mark others' messages delivered and tell their senders")
    func markDeliveredRecordsReceipts() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob", "cy"])
        let fromAda = try await chat.send("a", by: "ada", in: conversation)
        let fromCy = try await chat.send("c", by: "cy", in: conversation)
        let fromBob = try await chat.send("b", by: "bob", in: conversation)
        let envelope = { chat.envelope(MarkDeliveredV1.self, "bob") }

        _ = try await chat.service.markDelivered(
            MarkDeliveredV1(conversationId: conversation, messageIds: [fromAda.id, fromCy.id, fromBob.id]), envelope: envelope())
        #expect(try await chat.stored(fromAda.id).status == .delivered)
        #expect(try await chat.stored(fromCy.id).status == .delivered)
        #expect(try await chat.stored(fromBob.id).status == .sent)
        let events = try await chat.fixture.events(MessagesDeliveredV1.self)
        #expect(events.count == 1)
        #expect(Set(events[0].recipients) == ["ada", "cy"] && events[0].messageIds == [fromAda.id, fromCy.id])
        let receipts = DocumentCollection(MessageReceipt.self, in: chat.fixture.store)
        let firstTime = try #require(try await receipts.first(.equal("_id", .string(MessageReceipt.id(message: fromAda.id, user: "bob"))))?.deliveredAt)

        chat.fixture.clock.advance(by: 30)
        _ = try await chat.service.markDelivered(MarkDeliveredV1(conversationId: conversation, messageIds: [fromAda.id]), envelope: envelope())
        #expect(try await receipts.first(.equal("_id", .string(MessageReceipt.id(message: fromAda.id, user: "bob"))))?.deliveredAt == firstTime)
        #expect(try await chat.fixture.events(MessagesDeliveredV1.self).count == 1)
        #expect(try await receipts.count() == 2)

        // Read beats delivered: a later delivery receipt does not move a read message back.
        _ = try await chat.markRead(fromCy.id, in: conversation, by: "ada")
        _ = try await chat.service.markDelivered(
            MarkDeliveredV1(conversationId: conversation, messageIds: [fromCy.id]), envelope: chat.envelope(MarkDeliveredV1.self, "ada"))
        #expect(try await chat.stored(fromCy.id).status == .read)
    }

    @Test("delivery receipts for unknown, foreign or too many messages are refused and change nothing")
    func markDeliveredRefusesBadIds() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let other = try await chat.group(owner: "ada", members: ["bob"])
        let mine = try await chat.send("here", by: "ada", in: conversation)
        let foreign = try await chat.send("there", by: "ada", in: other)
        let before = try await chat.snapshot()
        let envelope = chat.envelope(MarkDeliveredV1.self, "bob")
        await expectContractError(.notFound, field: "messageIds") {
            _ = try await chat.service.markDelivered(MarkDeliveredV1(conversationId: conversation, messageIds: [mine.id, foreign.id]), envelope: envelope)
        }
        await expectContractError(.validation, field: "messageIds") {
            _ = try await chat.service.markDelivered(
                MarkDeliveredV1(conversationId: conversation, messageIds: (0...100).map { "m\($0)" }), envelope: envelope)
        }
        await expectContractError(.validation, field: "messageIds") {
            _ = try await chat.service.markDelivered(MarkDeliveredV1(conversationId: conversation, messageIds: []), envelope: envelope)
        }
        #expect(try await chat.snapshot() == before)
        #expect(try await chat.stored(mine.id).status == .sent)
    }
}
