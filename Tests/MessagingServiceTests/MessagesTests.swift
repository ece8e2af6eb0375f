import Foundation
@testable import MessagingService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@Suite("Messages: send, edit, delete, threads, history")
struct MessagesTests {
    @Test("messages get gapless sequence numbers, are announced to the members, and are read by their sender")
    func sendNumbersAndAnnounces() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob", "cy"])
        let first = try await chat.send("hello", by: "ada", in: conversation)
        let second = try await chat.send("hi", by: "bob", in: conversation)
        let third = try await chat.send("hey", by: "ada", in: conversation)

        #expect([first.sequence, second.sequence, third.sequence] == [1, 2, 3] as [Int])
        #expect(first.status == .sent && first.content == "hello" && first.kind == .text)
        let events = try await chat.fixture.events(MessageSentV1.self)
        #expect(events.map(\.message.id) == [first.id, second.id, third.id])
        #expect(Set(events[0].recipients) == ["ada", "bob", "cy"])
        let stored = try await chat.storedConversation(conversation)
        #expect(stored.lastSequence == 3 && stored.lastMessage?.messageId == third.id && stored.lastMessage?.content == "hey")
        #expect(try await chat.unread("ada", in: conversation) == 0)
        #expect(try await chat.unread("bob", in: conversation) == 1)
        #expect(try await chat.unread("cy", in: conversation) == 3)
    }

    @Test("a direct conversation's messages name their receiver")
    func directMessagesNameTheReceiver() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.direct("ada", "bob")
        let message = try await chat.send("hello", by: "ada", in: conversation)
        #expect(try await chat.stored(message.id).receiverId == "bob")
    }

    @Test("a resend with the same clientMessageId returns the first message and stores and announces nothing new")
    func resendIsIdempotent() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let first = try await chat.send("ship it", by: "ada", in: conversation, clientMessageId: "c-1")
        let retry = try await chat.send("ship it", by: "ada", in: conversation, clientMessageId: "c-1")

        #expect(retry.id == first.id && retry.sequence == 1)
        #expect(try await chat.messageCount() == 1)
        #expect(try await chat.fixture.events(MessageSentV1.self).count == 1)
        #expect(try await chat.fixture.count(IdempotencyKey.self) == 1)
        #expect(try await chat.storedConversation(conversation).lastSequence == 1)

        // Once the idempotency key expired, the unique message index still finds the first message.
        try await DocumentCollection(IdempotencyKey.self, in: chat.fixture.store).delete(.all, many: true)
        let late = try await chat.send("ship it", by: "ada", in: conversation, clientMessageId: "c-1")
        #expect(late.id == first.id)
        #expect(try await chat.messageCount() == 1)
    }

    @Test("concurrent sends of one clientMessageId store one message and all return it")
    func concurrentResendsStoreOne() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try await chat.send("once", by: "ada", in: conversation, clientMessageId: "c-race").id }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(ids.count == 1)
        #expect(try await chat.messageCount() == 1)
        #expect(try await chat.fixture.events(MessageSentV1.self).count == 1)
    }

    @Test("another member's clientMessageId is a conflict, not their message")
    func clientMessageIdOfAnotherSenderConflicts() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        try await chat.send("mine", by: "ada", in: conversation, clientMessageId: "c-1")
        let before = try await chat.snapshot()
        await expectContractError(.conflict, field: "clientMessageId") {
            try await chat.send("yours", by: "bob", in: conversation, clientMessageId: "c-1")
        }
        #expect(try await chat.snapshot() == before)
    }

    @Test("mentioning someone who is not a member is refused and nothing is stored")
    func mentionsOfNonMembersAreRefused() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let before = try await chat.snapshot()
        await expectContractError(.validation, field: "mentions") {
            try await chat.send("hey @eve", by: "ada", in: conversation, mentions: ["bob", "eve"])
        }
        #expect(try await chat.snapshot() == before)
        #expect(try await chat.storedConversation(conversation).lastSequence == 0)

        let mentioned = try await chat.send("hey @bob", by: "ada", in: conversation, mentions: ["bob"])
        #expect(mentioned.mentions == ["bob"])
    }

    @Test("bad message input is refused with the field named and nothing stored")
    func badInputIsRefused() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let before = try await chat.snapshot()
        let envelope = chat.envelope(SendMessageV1.self, "ada")
        await expectContractError(.validation, field: "content") {
            _ = try await chat.service.sendMessage(SendMessageV1(conversationId: conversation, content: "   "), envelope: envelope)
        }
        await expectContractError(.validation, field: "content") {
            _ = try await chat.service.sendMessage(SendMessageV1(conversationId: conversation), envelope: envelope)
        }
        await expectContractError(.validation, field: "kind") {
            _ = try await chat.service.sendMessage(SendMessageV1(conversationId: conversation, kind: .system, content: "I am the system"), envelope: envelope)
        }
        await expectContractError(.validation, field: "attachments") {
            _ = try await chat.service.sendMessage(SendMessageV1(conversationId: conversation, kind: .image, content: "look"), envelope: envelope)
        }
        await expectContractError(.validation, field: "attachments.0.documentId") {
            _ = try await chat.service.sendMessage(
                SendMessageV1(conversationId: conversation, attachments: [AttachmentV1(documentId: "nope", fileName: "a.png", fileSize: 1, mimeType: "image/png")]),
                envelope: envelope)
        }
        await expectContractError(.validation, field: "encrypted") {
            _ = try await chat.service.sendMessage(
                SendMessageV1(conversationId: conversation, encrypted: EncryptedPayloadV1(data: "AAAA", keys: ["ada": "k", "bob": "k"])), envelope: envelope)
        }
        await expectContractError(.validation, field: "content") {
            _ = try await chat.service.sendMessage(
                SendMessageV1(conversationId: conversation, content: String(repeating: "x", count: 10_001)), envelope: envelope)
        }
        #expect(try await chat.snapshot() == before)
    }

    @Test("outsiders and other tenants cannot send, read or change a conversation's messages: not_found")
    func outsidersGetNotFound() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let message = try await chat.send("secret", by: "ada", in: conversation)
        let before = try await chat.snapshot()

        for (caller, tenant) in [("eve", nil as String?), ("ada", "t2")] {
            await expectContractError(.notFound, field: "conversationId") {
                _ = try await chat.service.sendMessage(
                    SendMessageV1(conversationId: conversation, content: "hi"), envelope: chat.envelope(SendMessageV1.self, caller, tenant: tenant))
            }
            await expectContractError(.notFound, field: "conversationId") {
                _ = try await chat.service.listMessages(
                    ListMessagesV1(conversationId: conversation), envelope: chat.envelope(ListMessagesV1.self, caller, tenant: tenant))
            }
            await expectContractError(.notFound, field: "messageId") {
                _ = try await chat.service.editMessage(
                    EditMessageV1(messageId: message.id, content: "mine now"), envelope: chat.envelope(EditMessageV1.self, caller, tenant: tenant))
            }
            await expectContractError(.notFound, field: "messageId") {
                _ = try await chat.service.deleteMessage(DeleteMessageV1(messageId: message.id), envelope: chat.envelope(DeleteMessageV1.self, caller, tenant: tenant))
            }
            await expectContractError(.notFound, field: "messageId") {
                _ = try await chat.service.addReaction(
                    AddReactionV1(messageId: message.id, emoji: "👍"), envelope: chat.envelope(AddReactionV1.self, caller, tenant: tenant))
            }
            await expectContractError(.notFound, field: "conversationId") {
                _ = try await chat.service.markRead(
                    MarkReadV1(conversationId: conversation, messageId: message.id), envelope: chat.envelope(MarkReadV1.self, caller, tenant: tenant))
            }
        }
        #expect(try await chat.snapshot() == before)
        #expect(try await chat.stored(message.id).content == "secret")
    }

    @Test("reply counts stay exact through replies and deletes, including a second delete of the same reply")
    func threadCountsStayExact() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let parent = try await chat.send("plan?", by: "ada", in: conversation)
        var replies: [ChatMessageV1] = []
        for text in ["a", "b", "c"] { replies.append(try await chat.send(text, by: "bob", in: conversation, parent: parent.id)) }
        #expect(try await chat.stored(parent.id).replyCount == 3)

        try await chat.delete(replies[0].id, by: "bob")
        try await chat.delete(replies[0].id, by: "bob")
        try await chat.delete(replies[0].id, by: "ada")
        #expect(try await chat.stored(parent.id).replyCount == 2)
        #expect(try await chat.fixture.events(MessageDeletedV1.self).count == 1)

        let thread = try await chat.history(conversation, as: "ada", threadOf: parent.id)
        #expect(thread.messages.map(\.id) == [replies[2].id, replies[1].id, replies[0].id])
        #expect(thread.messages[2].content == nil && thread.messages[2].status == .deleted)

        let before = try await chat.snapshot()
        await expectContractError(.validation, field: "parentMessageId") {
            try await chat.send("nested", by: "ada", in: conversation, parent: replies[1].id)
        }
        await expectContractError(.validation, field: "parentMessageId") {
            try await chat.send("to a deleted one", by: "ada", in: conversation, parent: replies[0].id)
        }
        let elsewhere = try await chat.group(owner: "ada", members: [])
        let snapshot = try await chat.snapshot()
        await expectContractError(.notFound, field: "parentMessageId") {
            try await chat.send("cross", by: "ada", in: elsewhere, parent: parent.id)
        }
        #expect(try await chat.snapshot() == snapshot)
        #expect(before[0] == snapshot[0])
        #expect(try await chat.stored(parent.id).replyCount == 2)
    }

    @Test("deleting removes content, attachments, mentions and reactions, keeps the place, and empties the preview")
    func deleteIsSoftAndThorough() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob", "cy"])
        let message = try await chat.service.sendMessage(
            SendMessageV1(
                conversationId: conversation, content: "see attached @cy",
                attachments: [AttachmentV1(documentId: "665f1c2e9b1d4a0012ab34cd", fileName: "plan.pdf", fileSize: 10, mimeType: "application/pdf")],
                mentions: ["cy"]),
            envelope: chat.envelope(SendMessageV1.self, "bob"))
        _ = try await chat.service.addReaction(AddReactionV1(messageId: message.id, emoji: "👍"), envelope: chat.envelope(AddReactionV1.self, "cy"))
        _ = try await chat.markRead(message.id, in: conversation, by: "cy")

        await expectContractError(.forbidden) { try await chat.delete(message.id, by: "cy") }
        try await chat.delete(message.id, by: "ada")  // the owner

        let stored = try await chat.stored(message.id)
        #expect(stored.isDeleted && stored.status == .deleted && stored.deletedAt != nil)
        #expect(stored.content == nil && stored.attachments.isEmpty && stored.mentions.isEmpty)
        #expect(stored.readBy.map(\.userId) == ["cy"])
        #expect(try await chat.fixture.count(Reaction.self) == 0)
        #expect(try await chat.storedConversation(conversation).lastMessage?.content == "")
        let event = try #require(try await chat.fixture.events(MessageDeletedV1.self).first)
        #expect(event.messageId == message.id && event.deletedBy == "ada" && Set(event.recipients) == ["ada", "bob", "cy"])
        let page = try await chat.history(conversation, as: "cy")
        #expect(page.messages.first?.id == message.id && page.messages.first?.content == nil && page.messages.first?.reactions == [])
    }

    @Test("only the sender edits, the old text is gone, editedAt is set and the preview follows")
    func editReplacesText() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        let message = try await chat.send("Ship it Monday", by: "bob", in: conversation)
        chat.fixture.clock.advance(by: 60)

        await expectContractError(.forbidden) {
            _ = try await chat.service.editMessage(EditMessageV1(messageId: message.id, content: "no"), envelope: chat.envelope(EditMessageV1.self, "ada"))
        }
        let edited = try await chat.service.editMessage(
            EditMessageV1(messageId: message.id, content: "Ship it Tuesday"), envelope: chat.envelope(EditMessageV1.self, "bob"))
        #expect(edited.content == "Ship it Tuesday" && edited.editedAt == chat.fixture.clock.now)
        #expect(try await chat.storedConversation(conversation).lastMessage?.content == "Ship it Tuesday")
        #expect(try await chat.fixture.events(MessageEditedV1.self).map(\.message.content) == ["Ship it Tuesday"])
        let search = try await chat.service.searchMessages(SearchMessagesV1(query: "monday"), envelope: chat.envelope(SearchMessagesV1.self, "ada"))
        #expect(search.messages.isEmpty)

        try await chat.delete(message.id, by: "bob")
        let before = try await chat.snapshot()
        await expectContractError(.conflict, field: "messageId") {
            _ = try await chat.service.editMessage(EditMessageV1(messageId: message.id, content: "back"), envelope: chat.envelope(EditMessageV1.self, "bob"))
        }
        #expect(try await chat.snapshot() == before)
    }

    @Test("end-to-end: a payload lacking a member's key is refused; readers get only their key; the text is never stored")
    func endToEndEncryption() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob", "cy"], encrypted: true)
        let before = try await chat.snapshot()
        let envelope = chat.envelope(SendMessageV1.self, "ada")
        await expectContractError(.validation, field: "encrypted.keys") {
            _ = try await chat.service.sendMessage(
                SendMessageV1(conversationId: conversation, encrypted: EncryptedPayloadV1(data: "c2VjcmV0", keys: ["ada": "ka", "bob": "kb"])), envelope: envelope)
        }
        await expectContractError(.validation, field: "content") {
            _ = try await chat.service.sendMessage(SendMessageV1(conversationId: conversation, content: "plain text"), envelope: envelope)
        }
        await expectContractError(.validation, field: "encrypted") {
            _ = try await chat.service.sendMessage(
                SendMessageV1(
                    conversationId: conversation,
                    attachments: [AttachmentV1(documentId: "665f1c2e9b1d4a0012ab34cd", fileName: "a.pdf", fileSize: 1, mimeType: "application/pdf")]),
                envelope: envelope)
        }
        #expect(try await chat.snapshot() == before)

        let payload = EncryptedPayloadV1(data: "zebracipher", keys: ["ada": "ka", "bob": "kb", "cy": "kc", "eve": "ke"], algorithm: "x25519-aes256gcm")
        let sent = try await chat.service.sendMessage(SendMessageV1(conversationId: conversation, encrypted: payload), envelope: envelope)
        #expect(sent.content == nil && sent.encrypted?.keys == ["ada": "ka"])
        let stored = try await chat.stored(sent.id)
        #expect(stored.content == nil && stored.encrypted?.keys == ["ada": "ka", "bob": "kb", "cy": "kc"])  // no key for a non-member
        #expect(try await chat.storedConversation(conversation).lastMessage?.content == "")
        let event = try #require(try await chat.fixture.events(MessageSentV1.self).last)
        #expect(event.message.encrypted?.keys.count == 3)

        let bobsView = try await chat.history(conversation, as: "bob").messages[0]
        #expect(bobsView.encrypted == EncryptedPayloadV1(data: "zebracipher", keys: ["bob": "kb"], algorithm: "x25519-aes256gcm"))
        for query in ["zebracipher", "kb", "x25519"] {
            let found = try await chat.service.searchMessages(SearchMessagesV1(query: query), envelope: chat.envelope(SearchMessagesV1.self, "bob"))
            #expect(found.messages.isEmpty)
        }

        await expectContractError(.validation, field: "encrypted.keys") {
            _ = try await chat.service.editMessage(
                EditMessageV1(messageId: sent.id, encrypted: EncryptedPayloadV1(data: "new", keys: ["ada": "ka"])), envelope: chat.envelope(EditMessageV1.self, "ada"))
        }
        #expect(try await chat.stored(sent.id).encrypted?.data == "zebracipher")
    }

    @Test("history pages continue after new messages without duplicates or gaps")
    func historyPagesAreStableUnderInserts() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        var original: [String] = []
        for index in 0..<25 {
            original.append(try await chat.send("message \(index)", by: index.isMultiple(of: 2) ? "ada" : "bob", in: conversation).id)
            if index.isMultiple(of: 3) { chat.fixture.clock.advance(by: 1) }  // some share a createdAt, some do not
        }
        let first = try await chat.history(conversation, as: "ada", limit: 10)
        #expect(first.messages.map(\.id) == Array(original.reversed().prefix(10)))

        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<10 {
                group.addTask { try await chat.send("new \(index)", by: "bob", in: conversation) }
            }
            try await group.waitForAll()
        }
        var seen = first.messages.map(\.id)
        var cursor = first.nextCursor
        while let next = cursor {
            let page = try await chat.history(conversation, as: "ada", cursor: next, limit: 10)
            seen += page.messages.map(\.id)
            cursor = page.nextCursor
        }
        #expect(seen == original.reversed())
        #expect(try await chat.history(conversation, as: "ada", limit: 100).messages.count == 35)
    }

    @Test("a tampered or foreign cursor is a validation error naming cursor")
    func tamperedCursorIsRefused() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        for index in 0..<3 { try await chat.send("m\(index)", by: "bob", in: conversation) }
        let unread = try await chat.service.listUnreadMessages(
            ListUnreadMessagesV1(conversationId: conversation, limit: 1), envelope: chat.envelope(ListUnreadMessagesV1.self, "ada"))
        let unreadCursor = try #require(unread.nextCursor)
        let foreign = Data(#"[{"$numberInt":"1"}]"#.utf8).base64EncodedString()
        for cursor in ["not a cursor!", "W10", foreign, unreadCursor, String(unreadCursor.dropLast(3))] {
            await expectContractError(.validation, field: "cursor") {
                _ = try await chat.history(conversation, as: "ada", cursor: cursor)
            }
        }
    }

    @Test("unread lists the messages after the read position oldest first; around shows a message in context")
    func unreadAndAround() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        var ids: [String] = []
        for index in 1...9 { ids.append(try await chat.send("m\(index)", by: "ada", in: conversation).id) }
        _ = try await chat.markRead(ids[3], in: conversation, by: "bob")

        let first = try await chat.service.listUnreadMessages(
            ListUnreadMessagesV1(conversationId: conversation, limit: 3), envelope: chat.envelope(ListUnreadMessagesV1.self, "bob"))
        #expect(first.messages.map(\.sequence) == [5, 6, 7])
        let rest = try await chat.service.listUnreadMessages(
            ListUnreadMessagesV1(conversationId: conversation, cursor: first.nextCursor, limit: 3), envelope: chat.envelope(ListUnreadMessagesV1.self, "bob"))
        #expect(rest.messages.map(\.sequence) == [8, 9] && rest.nextCursor == nil)

        let around = try await chat.service.listMessagesAround(
            ListMessagesAroundV1(conversationId: conversation, messageId: ids[4], limit: 4), envelope: chat.envelope(ListMessagesAroundV1.self, "bob"))
        #expect(around.messages.map(\.sequence) == [3, 4, 5, 6])
        let atStart = try await chat.service.listMessagesAround(
            ListMessagesAroundV1(conversationId: conversation, messageId: ids[0], limit: 4), envelope: chat.envelope(ListMessagesAroundV1.self, "bob"))
        #expect(atStart.messages.map(\.sequence) == [1, 2, 3, 4])
        let other = try await chat.group(owner: "bob", members: [])
        await expectContractError(.notFound, field: "messageId") {
            _ = try await chat.service.listMessagesAround(
                ListMessagesAroundV1(conversationId: other, messageId: ids[0]), envelope: chat.envelope(ListMessagesAroundV1.self, "bob"))
        }
    }

    @Test("unread counts equal lastSequence minus the read position under concurrent sends and reads")
    func unreadCountsUnderConcurrency() async throws {
        let chat = try await ChatHarness.make()
        let people = ["ada", "bob", "cy"]
        let conversation = try await chat.group(owner: "ada", members: ["bob", "cy"])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for person in people {
                group.addTask {
                    for index in 0..<12 {
                        let sent = try await chat.send("\(person) \(index)", by: person, in: conversation)
                        if index.isMultiple(of: 4) {
                            // Someone else reads up to this message while others keep sending.
                            let reader = people[(people.firstIndex(of: person)! + 1) % people.count]
                            _ = try await chat.markRead(sent.id, in: conversation, by: reader)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let stored = try await chat.storedConversation(conversation)
        #expect(stored.lastSequence == 36)
        let sequences = try await DocumentCollection(ChatMessage.self, in: chat.fixture.store)
            .find(.equal("conversationId", .string(conversation)), options: FindOptions(sort: [SortKey("sequence")])).map(\.sequence)
        #expect(sequences == Array(1...36))
        for person in people {
            let member = try await chat.storedMember(person, of: conversation)
            let after = try await chat.fixture.count(
                ChatMessage.self, .and([.equal("conversationId", .string(conversation)), .greaterThan("sequence", .int64(Int64(member.lastReadSequence)))]))
            let entry = try await chat.service.getConversation(
                GetConversationV1(conversationId: conversation), envelope: chat.envelope(GetConversationV1.self, person))
            #expect(entry.unreadCount == stored.lastSequence - member.lastReadSequence)
            #expect(entry.unreadCount == after)
            let unread = try await chat.service.listUnreadMessages(
                ListUnreadMessagesV1(conversationId: conversation, limit: 100), envelope: chat.envelope(ListUnreadMessagesV1.self, person))
            #expect(unread.messages.count == entry.unreadCount)
            #expect(unread.messages.allSatisfy { $0.sequence > member.lastReadSequence })
        }
    }
}
