import Foundation
import HTTPTypes
import HummingbirdTesting
import SeedContracts
import SeedServiceTesting
import Testing

@testable import GatewayService

/// Who calls a messaging route: a signed-in user with a bearer token, or a tenant's backend with an
/// API key acting for one of its end users (`X-Acting-User`).
struct Chatter: Sendable {
    let id: String
    var token: String?
    var apiKey: String?

    static func user(_ session: SessionTokensV1) -> Chatter { Chatter(id: session.user.id, token: session.accessToken) }
}

extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, as who: Chatter, json: String? = nil) async throws -> HTTPResult {
        try await call(method, uri, token: who.token, apiKey: who.apiKey, actingUser: who.apiKey == nil ? nil : who.id, json: json)
    }

    func call(_ method: HTTPRequest.Method, _ uri: String, as who: Chatter, body: some Encodable) async throws -> HTTPResult {
        try await call(method, uri, token: who.token, apiKey: who.apiKey, actingUser: who.apiKey == nil ? nil : who.id, body: body)
    }
}

/// Conversations and messages through the gateway: HTTP → gateway → bus → messaging (and identity for
/// accounts, tenants and API keys), with several users and two tenants.
@Suite("Messaging through the gateway", .serialized)
struct MessagingJourneyTests {
    // MARK: Helpers

    /// Registers and logs in a platform user.
    func register(_ client: some TestClientProtocol, _ name: String) async throws -> Chatter {
        let email = "\(name)@example.com"
        let registered = try await client.call(.post, "/api/v1/auth/register",
                                               json: #"{"email":"\#(email)","password":"correct horse battery"}"#)
        #expect(registered.status == .created, "\(String(decoding: registered.body, as: UTF8.self))")
        let login = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"\#(email)","password":"correct horse battery"}"#)
        return .user(try login.decode(SessionTokensV1.self))
    }

    /// Creates a group as `owner` with `members` (201), and returns it.
    func group(_ client: some TestClientProtocol, _ owner: Chatter, _ title: String, members: [Chatter] = []) async throws -> ConversationV1 {
        let created = try await client.call(.post, "/api/v1/conversations", as: owner,
                                            body: CreateConversationV1(type: .group, title: title, memberIds: members.map(\.id)))
        try #require(created.status == .created, "\(String(decoding: created.body, as: UTF8.self))")
        return try created.decode(ConversationV1.self)
    }

    /// Sends a message (201) and returns it.
    @discardableResult
    func send(_ client: some TestClientProtocol, _ sender: Chatter, _ conversation: String, _ body: SendMessageBody) async throws -> ChatMessageV1 {
        let sent = try await client.call(.post, "/api/v1/conversations/\(conversation)/messages", as: sender, body: body)
        try #require(sent.status == .created, "\(String(decoding: sent.body, as: UTF8.self))")
        return try sent.decode(ChatMessageV1.self)
    }

    func send(_ client: some TestClientProtocol, _ sender: Chatter, _ conversation: String, _ text: String) async throws -> ChatMessageV1 {
        try await send(client, sender, conversation, SendMessageBody(content: text))
    }

    func history(_ client: some TestClientProtocol, _ reader: Chatter, _ conversation: String, query: String = "") async throws -> MessagePageV1 {
        let page = try await client.call(.get, "/api/v1/conversations/\(conversation)/messages\(query)", as: reader)
        try #require(page.status == .ok, "\(String(decoding: page.body, as: UTF8.self))")
        return try page.decode(MessagePageV1.self)
    }

    func inbox(_ client: some TestClientProtocol, _ reader: Chatter) async throws -> InboxPageV1 {
        let page = try await client.call(.get, "/api/v1/conversations", as: reader)
        try #require(page.status == .ok, "\(String(decoding: page.body, as: UTF8.self))")
        return try page.decode(InboxPageV1.self)
    }

    func search(_ client: some TestClientProtocol, _ reader: Chatter, _ query: String) async throws -> [ChatMessageV1] {
        let found = try await client.call(.get, "/api/v1/messages/search?q=\(query)", as: reader)
        try #require(found.status == .ok, "\(String(decoding: found.body, as: UTF8.self))")
        return try found.decode(MessagePageV1.self).messages
    }

    /// Creates a tenant with an application and an API key with `scopes`, as the bootstrap super admin.
    func tenantKey(_ client: some TestClientProtocol, root: Chatter, tenant: String, scopes: [String]) async throws -> String {
        let token = try #require(root.token)
        let created = try await client.call(.post, "/api/v1/tenants", token: token, body: CreateTenantV1(id: tenant, name: tenant))
        try #require(created.status == .created)
        let app = try (try await client.call(.post, "/api/v1/tenants/\(tenant)/applications", token: token, json: #"{"name":"Chat"}"#))
            .decode(ApplicationV1.self)
        let key = try await client.call(.post, "/api/v1/tenants/\(tenant)/api-keys", token: token,
                                        body: CreateAPIKeyBody(applicationId: app.id, name: "backend", scopes: scopes))
        try #require(key.status == .created)
        return try key.decode(CreatedAPIKeyV1.self).key
    }

    /// Upserts an end user of the key's tenant and returns them as a chatter acting through the key.
    func tenantUser(_ client: some TestClientProtocol, key: String, externalId: String) async throws -> Chatter {
        let put = try await client.call(.put, "/api/v1/platform/users/\(externalId)", apiKey: key, json: #"{"displayName":"\#(externalId)"}"#)
        try #require(put.status == .ok, "\(String(decoding: put.body, as: UTF8.self))")
        return Chatter(id: try put.decode(UserV1.self).id, apiKey: key)
    }

    static let thumbsUp = "👍"
    static let thumbsUpQuery = "%F0%9F%91%8D"

    // MARK: Tests

    @Test("a group's whole life: members, messages, a thread, edit, delete, reactions, read positions, unread counts, leaving with a hand-over")
    func groupLife() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await register(client, "ada"), bob = try await register(client, "bob"), cai = try await register(client, "cai")
            let created = try await group(client, ada, "Launch", members: [bob])
            #expect(created.memberCount == 2 && created.ownerId == ada.id && created.type == .group)
            let id = created.id

            let added = try await client.call(.post, "/api/v1/conversations/\(id)/members", as: ada, json: #"{"userIds":["\#(cai.id)"]}"#)
            #expect(added.status == .ok)
            #expect(Set(try added.decode(MemberListV1.self).members.map(\.userId)) == [ada.id, bob.id, cai.id])
            let notOwner = try await client.call(.post, "/api/v1/conversations/\(id)/members", as: bob, json: #"{"userIds":["\#(ada.id)"]}"#)
            #expect(notOwner.status == .forbidden)

            let first = try await send(client, ada, id, "Ship it on Monday?")
            let reply = try await send(client, bob, id, SendMessageBody(content: "Tuesday is safer", parentMessageId: first.id))
            #expect(reply.parentMessageId == first.id)
            let last = try await send(client, cai, id, SendMessageBody(content: "Agreed, Tuesday", mentions: [bob.id]))
            #expect(last.mentions == [bob.id])

            // Unread counts in the inbox: sending moves one's own read position to one's message.
            let bobsEntry = try #require(try await inbox(client, bob).entries.first { $0.conversation.id == id })
            #expect(bobsEntry.unreadCount == 1 && bobsEntry.conversation.lastMessage?.messageId == last.id)
            let adasEntry = try #require(try await inbox(client, ada).entries.first { $0.conversation.id == id })
            #expect(adasEntry.unreadCount == 2)
            let unread = try await client.call(.get, "/api/v1/conversations/\(id)/messages/unread", as: bob)
            #expect(try unread.decode(MessagePageV1.self).messages.map(\.id) == [last.id])
            let read = try await client.call(.post, "/api/v1/conversations/\(id)/read", as: ada, json: #"{"messageId":"\#(last.id)"}"#)
            #expect(read.status == .ok)
            #expect(try read.decode(InboxEntryV1.self).unreadCount == 0)
            #expect(try await inbox(client, ada).entries.first { $0.conversation.id == id }?.unreadCount == 0)
            let delivered = try await client.call(.post, "/api/v1/conversations/\(id)/delivered", as: cai, json: #"{"messageIds":["\#(first.id)"]}"#)
            #expect(delivered.status == .ok)

            // The thread.
            let thread = try await history(client, cai, id, query: "?threadOf=\(first.id)")
            #expect(thread.messages.map(\.id) == [reply.id])
            #expect(try await history(client, cai, id).messages.first { $0.id == first.id }?.replyCount == 1)
            let around = try await client.call(.get, "/api/v1/conversations/\(id)/messages/around/\(reply.id)?limit=2", as: cai)
            #expect(try around.decode(MessagePageV1.self).messages.map(\.id) == [first.id, reply.id])

            // Edit: only the sender.
            let edited = try await client.call(.patch, "/api/v1/messages/\(reply.id)", as: bob, json: #"{"content":"Tuesday is safer, really"}"#)
            #expect(edited.status == .ok)
            let editedMessage = try edited.decode(ChatMessageV1.self)
            #expect(editedMessage.content == "Tuesday is safer, really" && editedMessage.editedAt != nil)
            #expect(try await client.call(.patch, "/api/v1/messages/\(reply.id)", as: ada, json: #"{"content":"mine now"}"#).status == .forbidden)

            // Reactions: counted per emoji, once per user; taken back with ?emoji=.
            for reactor in [cai, bob, bob] {
                let reacted = try await client.call(.post, "/api/v1/messages/\(first.id)/reactions", as: reactor, json: #"{"emoji":"\#(Self.thumbsUp)"}"#)
                #expect(reacted.status == .ok)
            }
            let seenByAda = try #require(try await history(client, ada, id).messages.first { $0.id == first.id })
            #expect(seenByAda.reactions == [ReactionCountV1(emoji: Self.thumbsUp, count: 2, reactedByMe: false)])
            let unreacted = try await client.call(.delete, "/api/v1/messages/\(first.id)/reactions?emoji=\(Self.thumbsUpQuery)", as: bob)
            #expect(unreacted.status == .ok)
            #expect(try unreacted.decode(ChatMessageV1.self).reactions == [ReactionCountV1(emoji: Self.thumbsUp, count: 1, reactedByMe: false)])

            // Delete: the reply keeps its place without content, and the thread counts it no more.
            #expect(try await client.call(.delete, "/api/v1/messages/\(reply.id)", as: bob).status == .ok)
            let afterDelete = try await history(client, cai, id)
            let placeholder = try #require(afterDelete.messages.first { $0.id == reply.id })
            #expect(placeholder.status == .deleted && placeholder.content == nil && placeholder.deletedAt != nil)
            #expect(afterDelete.messages.first { $0.id == first.id }?.replyCount == 0)

            // Settings of one member.
            let pinned = try await client.call(.patch, "/api/v1/conversations/\(id)/membership", as: bob, json: #"{"pinned":true}"#)
            #expect(try pinned.decode(InboxEntryV1.self).pinned)

            // The last owner hands over to leave.
            let refused = try await client.call(.post, "/api/v1/conversations/\(id)/leave", as: ada, json: "{}")
            #expect(refused.status == .conflict && refused.error?.details["field"] == "newOwnerId")
            let left = try await client.call(.post, "/api/v1/conversations/\(id)/leave", as: ada, json: #"{"newOwnerId":"\#(bob.id)"}"#)
            #expect(left.status == .ok)
            #expect(try await client.call(.get, "/api/v1/conversations/\(id)", as: ada).status == .notFound)
            let now = try (try await client.call(.get, "/api/v1/conversations/\(id)", as: bob)).decode(InboxEntryV1.self)
            #expect(now.role == .owner && now.conversation.memberCount == 2)
            let members = try (try await client.call(.get, "/api/v1/conversations/\(id)/members", as: cai)).decode(MemberListV1.self).members
            #expect(members.count == 2 && Set(members.map(\.userId)) == [bob.id, cai.id])
            #expect(members.first { $0.userId == bob.id }?.role == .owner)

            // The new owner manages it.
            let renamed = try await client.call(.patch, "/api/v1/conversations/\(id)", as: bob, json: #"{"title":"Launch crew"}"#)
            #expect(try renamed.decode(ConversationV1.self).title == "Launch crew")
            let promoted = try await client.call(.put, "/api/v1/conversations/\(id)/members/\(cai.id)/role", as: bob, json: #"{"role":"admin"}"#)
            #expect(try promoted.decode(MemberV1.self).role == .admin)
            #expect(try await client.call(.delete, "/api/v1/conversations/\(id)/members/\(cai.id)", as: bob).status == .ok)
            #expect(try (try await client.call(.get, "/api/v1/conversations/\(id)", as: bob)).decode(InboxEntryV1.self).conversation.memberCount == 1)
        }
    }

    @Test("a resend with the same clientMessageId answers the first message; the history holds it once")
    func idempotentResend() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await register(client, "ada")
            let id = try await group(client, ada, "Notes").id
            let body = SendMessageBody(clientMessageId: "c-7f3a", content: "Only once")
            let first = try await client.call(.post, "/api/v1/conversations/\(id)/messages", as: ada, body: body)
            let again = try await client.call(.post, "/api/v1/conversations/\(id)/messages", as: ada, body: body)
            #expect(first.status == .created && [.created, .ok].contains(again.status))
            #expect(try first.decode(ChatMessageV1.self).id == again.decode(ChatMessageV1.self).id)
            let messages = try await history(client, ada, id).messages.filter { $0.kind != .system }
            #expect(messages.map(\.content) == ["Only once"])
            #expect(try await client.call(.get, "/api/v1/conversations/\(id)", as: ada).decode(InboxEntryV1.self).conversation.lastSequence == 1)
        }
    }

    @Test("a non-member gets 404 for the conversation, its history, members and messages, and cannot post or react")
    func nonMembersSeeNothing() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await register(client, "ada"), eve = try await register(client, "eve")
            let id = try await group(client, ada, "Private").id
            let message = try await send(client, ada, id, "For members only")
            let attempts: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/api/v1/conversations/\(id)", nil),
                (.get, "/api/v1/conversations/\(id)/messages", nil),
                (.get, "/api/v1/conversations/\(id)/messages/unread", nil),
                (.get, "/api/v1/conversations/\(id)/messages/around/\(message.id)", nil),
                (.get, "/api/v1/conversations/\(id)/members", nil),
                (.post, "/api/v1/conversations/\(id)/messages", #"{"content":"let me in"}"#),
                (.post, "/api/v1/conversations/\(id)/read", #"{"messageId":"\#(message.id)"}"#),
                (.patch, "/api/v1/conversations/\(id)/membership", #"{"pinned":true}"#),
                (.post, "/api/v1/conversations/\(id)/members", #"{"userIds":["\#(eve.id)"]}"#),
                (.patch, "/api/v1/messages/\(message.id)", #"{"content":"edited"}"#),
                (.delete, "/api/v1/messages/\(message.id)", nil),
                (.post, "/api/v1/messages/\(message.id)/reactions", #"{"emoji":"👍"}"#),
                (.get, "/api/v1/messages/search?q=members&conversationId=\(id)", nil),
            ]
            for (method, path, json) in attempts {
                let answer = try await client.call(method, path, as: eve, json: json)
                #expect(answer.status == .notFound, "\(method) \(path) → \(answer.status)")
                #expect(answer.error?.code == .notFound)
            }
            #expect(try await search(client, eve, "members").isEmpty)
            #expect(try await history(client, ada, id).messages.map(\.id) == [message.id], "nothing changed")
        }
    }

    @Test("a tenant's users acting through its API key and the platform's users never see each other's conversations")
    func tenantsAreIsolated() async throws {
        try await SuiteFixture.run { client, _ in
            let root = try await register(client, SuiteFixture.bootstrapAdmin.replacingOccurrences(of: "@example.com", with: ""))
            let ada = try await register(client, "ada")
            let acmeKey = try await tenantKey(client, root: root, tenant: "acme", scopes: ["users:write", "messages:read", "messages:write"])
            let globexKey = try await tenantKey(client, root: root, tenant: "globex", scopes: ["users:write", "messages:read"])
            let grace = try await tenantUser(client, key: acmeKey, externalId: "u-grace")
            let heidi = try await tenantUser(client, key: acmeKey, externalId: "u-heidi")

            // Acme's users chat through the key.
            let acme = try await group(client, grace, "Acme support", members: [heidi])
            try await send(client, grace, acme.id, "acme pineapple roadmap")
            #expect(try await inbox(client, heidi).entries.map(\.conversation.id) == [acme.id])

            // Ada cannot reach grace, a user of another tenant, once messaging has learned grace's tenant
            // from identity's events (the probe, a direct conversation, stays in ada's tenant until then,
            // where grace acting in acme never sees it); nor name her as a member.
            try await eventually("messaging learns grace's tenant") {
                try await client.call(.post, "/api/v1/conversations/direct", as: ada, body: OpenDirectConversationV1(userId: grace.id)).status == .notFound
            }
            let mixed = try await client.call(.post, "/api/v1/conversations", as: ada,
                                              body: CreateConversationV1(type: .group, title: "Mixed", memberIds: [grace.id]))
            #expect(mixed.status == .notFound && mixed.error?.details["field"] == "memberIds")
            let platform = try await group(client, ada, "Platform only")
            try await send(client, ada, platform.id, "platform pineapple secret")
            #expect(try await client.call(.get, "/api/v1/conversations/\(platform.id)", as: grace).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/conversations/\(platform.id)/messages", as: grace).status == .notFound)
            #expect(try await inbox(client, grace).entries.map(\.conversation.id) == [acme.id])
            #expect(try await search(client, grace, "pineapple").map(\.conversationId) == [acme.id])

            // And the platform user sees nothing of acme's.
            #expect(try await client.call(.get, "/api/v1/conversations/\(acme.id)", as: ada).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/conversations/\(acme.id)/messages", as: ada).status == .notFound)
            #expect(try await search(client, ada, "pineapple").map(\.conversationId) == [platform.id])

            // A key acts only for its own tenant's users, and only with X-Acting-User.
            let noActor = try await client.call(.get, "/api/v1/conversations", apiKey: acmeKey)
            #expect(noActor.status == .badRequest && noActor.error?.details["field"] == "X-Acting-User")
            let malformed = try await client.call(.get, "/api/v1/conversations", apiKey: acmeKey, actingUser: "u-grace")
            #expect(malformed.status == .badRequest && malformed.error?.details["field"] == "X-Acting-User", "the external id is not the user id")
            let asPlatformUser = try await client.call(.get, "/api/v1/conversations", apiKey: acmeKey, actingUser: ada.id)
            #expect(asPlatformUser.status == .forbidden && asPlatformUser.error?.details["field"] == "X-Acting-User")
            let otherTenant = try await client.call(.get, "/api/v1/conversations/\(acme.id)", apiKey: globexKey, actingUser: grace.id)
            #expect(otherTenant.status == .forbidden)
            let unknown = try await client.call(.get, "/api/v1/conversations", apiKey: acmeKey, actingUser: "665f1a0b9b1d4a0012ab0000")
            #expect(unknown.status == .forbidden)
            let readOnly = try await client.call(.post, "/api/v1/conversations", apiKey: globexKey, actingUser: grace.id,
                                                 json: #"{"type":"group","title":"x","memberIds":[]}"#)
            #expect(readOnly.status == .forbidden && readOnly.error?.details["scope"] == "messages:write")
            #expect(try await client.call(.get, "/api/v1/conversations").status == .unauthorized)
        }
    }

    @Test("search finds messages of the caller's own conversations only, and never deleted ones")
    func searchVisibility() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await register(client, "ada"), bob = try await register(client, "bob")
            let adas = try await group(client, ada, "Breakfast")
            let bobs = try await group(client, bob, "Bakery")
            let pancakes = try await send(client, ada, adas.id, "blueberry pancakes on Sunday")
            let muffins = try await send(client, bob, bobs.id, "blueberry muffins for the team")
            #expect(try await search(client, ada, "blueberry").map(\.id) == [pancakes.id])
            #expect(try await search(client, bob, "blueberry").map(\.id) == [muffins.id])
            #expect(try await client.call(.get, "/api/v1/messages/search?q=blueberry&conversationId=\(adas.id)", as: bob).status == .notFound)
            #expect(try await client.call(.delete, "/api/v1/messages/\(pancakes.id)", as: ada).status == .ok)
            #expect(try await search(client, ada, "blueberry").isEmpty)
            let missing = try await client.call(.get, "/api/v1/messages/search", as: ada)
            #expect(missing.status == .badRequest && missing.error?.details["field"] == "q")
        }
    }

    @Test("bad input gets a typed error naming the field and changes nothing")
    func badInput() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await register(client, "ada"), bob = try await register(client, "bob")
            let id = try await group(client, ada, "Checks", members: [bob]).id
            let first = try await send(client, ada, id, "one")
            try await send(client, bob, id, "two")
            let before = try await history(client, ada, id)
            let cursor = try #require(try await history(client, ada, id, query: "?limit=1").nextCursor)
            let tampered = String(cursor.dropLast(4))

            let messages = "/api/v1/conversations/\(id)/messages"
            let unknownConversation = "665f1c2e9b1d4a0012ab0000"
            let cases: [(HTTPRequest.Method, String, String?, HTTPResponse.Status, String)] = [
                (.post, messages, #"{"content":"   "}"#, .badRequest, "content"),
                (.post, messages, #"{"content":"\#(String(repeating: "x", count: 10_001))"}"#, .badRequest, "content"),
                (.post, messages, #"{}"#, .badRequest, "content"),
                (.post, messages, #"{"content":42}"#, .badRequest, "content"),
                (.post, "/api/v1/conversations/\(unknownConversation)/messages", #"{"content":"hello"}"#, .notFound, "conversationId"),
                (.post, messages, #"{"content":"hi @mallory","mentions":["665f1a0b9b1d4a0012ab0666"]}"#, .badRequest, "mentions"),
                (.post, messages, #"{"kind":"file","attachments":[{"documentId":"not-a-document","fileName":"a.pdf","fileSize":10,"mimeType":"application/pdf"}]}"#,
                 .badRequest, "attachments.0.documentId"),
                (.post, messages, #"{"content":"reply","parentMessageId":"665f1d009b1d4a0012ab0000"}"#, .notFound, "parentMessageId"),
                (.post, "/api/v1/messages/\(first.id)/reactions", #"{"emoji":"abc"}"#, .badRequest, "emoji"),
                (.delete, "/api/v1/messages/\(first.id)/reactions?emoji=abc", nil, .badRequest, "emoji"),
                (.delete, "/api/v1/messages/\(first.id)/reactions", nil, .badRequest, "emoji"),
                (.patch, "/api/v1/messages/\(first.id)", #"{"content":""}"#, .badRequest, "content"),
                (.get, messages + "?cursor=\(tampered)", nil, .badRequest, "cursor"),
                (.get, messages + "?cursor=not-a-cursor", nil, .badRequest, "cursor"),
                (.get, messages + "?limit=ten", nil, .badRequest, "limit"),
                (.get, messages + "?limit=0", nil, .badRequest, "limit"),
                (.get, "/api/v1/conversations?archived=maybe", nil, .badRequest, "archived"),
                (.post, "/api/v1/conversations", #"{"type":"direct","title":"x","memberIds":[]}"#, .badRequest, "type"),
                (.post, "/api/v1/conversations", #"{"type":"group","title":"  ","memberIds":[]}"#, .badRequest, "title"),
            ]
            for (method, path, json, status, field) in cases {
                let answer = try await client.call(method, path, as: ada, json: json)
                #expect(answer.status == status, "\(method) \(path.prefix(120)) \(json?.prefix(120) ?? "") → \(answer.status)")
                let error = try #require(answer.error, "\(method) \(path.prefix(120)): no JSON error body")
                #expect(error.details["field"] == field, "\(method) \(path.prefix(120)) \(json?.prefix(120) ?? ""): \(error)")
            }
            let after = try await history(client, ada, id)
            #expect(after.messages.map(\.id) == before.messages.map(\.id), "the history is unchanged")
            #expect(after.messages.map(\.content) == before.messages.map(\.content))
            #expect(after.messages.allSatisfy { $0.reactions.isEmpty })
        }
    }
}
