import Foundation
@testable import MessagingService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@Suite("Search")
struct SearchTests {
    private func search(
        _ chat: ChatHarness, _ query: String, as user: String, tenant: String? = nil, in conversation: String? = nil, cursor: String? = nil,
        limit: Int? = nil
    ) async throws -> MessagePageV1 {
        try await chat.service.searchMessages(
            SearchMessagesV1(query: query, conversationId: conversation, cursor: cursor, limit: limit),
            envelope: chat.envelope(SearchMessagesV1.self, user, tenant: tenant))
    }

    @Test("search finds every word in the caller's conversations, newest first, never deleted or others' messages")
    func searchIsScopedToTheCaller() async throws {
        let chat = try await ChatHarness.make()
        let mine = try await chat.group(owner: "ada", members: ["bob"])
        let alsoMine = try await chat.direct("ada", "cy")
        let notMine = try await chat.group(owner: "eve", members: ["bob"])
        let otherTenant = try await chat.group(owner: "ada", members: ["bob"], tenant: "t2")

        let first = try await chat.send("Launch on Monday", by: "bob", in: mine)
        chat.fixture.clock.advance(by: 1)
        let second = try await chat.send("monday LAUNCH party", by: "cy", in: alsoMine)
        chat.fixture.clock.advance(by: 1)
        let deleted = try await chat.send("launch monday secret", by: "ada", in: mine)
        try await chat.delete(deleted.id, by: "ada")
        try await chat.send("launch monday for eve", by: "eve", in: notMine)
        try await chat.send("launch monday in t2", by: "ada", in: otherTenant, tenant: "t2")
        try await chat.send("launch only", by: "bob", in: mine)

        let found = try await search(chat, "monday launch", as: "ada")
        #expect(found.messages.map(\.id) == [second.id, first.id])

        let onlyOne = try await search(chat, "launch monday", as: "ada", in: alsoMine)
        #expect(onlyOne.messages.map(\.id) == [second.id])
        await expectContractError(.notFound, field: "conversationId") { _ = try await search(chat, "launch", as: "ada", in: notMine) }
        await expectContractError(.notFound, field: "conversationId") { _ = try await search(chat, "launch", as: "ada", tenant: "t2", in: mine) }

        let inT2 = try await search(chat, "launch monday", as: "ada", tenant: "t2")
        #expect(inT2.messages.map(\.content) == ["launch monday in t2"])
        #expect(try await search(chat, "monday", as: "eve").messages.map(\.content) == ["launch monday for eve"])
    }

    @Test("a member who left no longer finds the conversation's messages")
    func leaversNoLongerFind() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        try await chat.send("quarterly numbers", by: "ada", in: conversation)
        #expect(try await search(chat, "quarterly", as: "bob").messages.count == 1)
        _ = try await chat.service.leaveConversation(LeaveConversationV1(conversationId: conversation), envelope: chat.envelope(LeaveConversationV1.self, "bob"))
        #expect(try await search(chat, "quarterly", as: "bob").messages.isEmpty)
    }

    @Test("search pages continue without duplicates; bad queries and cursors are validation errors")
    func searchPagesAndValidation() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"])
        var ids: [String] = []
        for index in 0..<7 {
            ids.append(try await chat.send("report number \(index)", by: "bob", in: conversation).id)
            if index.isMultiple(of: 2) { chat.fixture.clock.advance(by: 1) }
        }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await search(chat, "report", as: "ada", cursor: cursor, limit: 3)
            seen += page.messages.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == ids.reversed())

        await expectContractError(.validation, field: "query") { _ = try await search(chat, "   ", as: "ada") }
        await expectContractError(.validation, field: "query") { _ = try await search(chat, String(repeating: "a", count: 201), as: "ada") }
        await expectContractError(.validation, field: "cursor") { _ = try await search(chat, "report", as: "ada", cursor: "%%%") }
        await expectContractError(.validation, field: "limit") { _ = try await search(chat, "report", as: "ada", limit: 0) }
    }
}
