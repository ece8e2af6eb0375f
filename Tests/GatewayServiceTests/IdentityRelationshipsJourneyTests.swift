import Foundation
import HTTPTypes
import HummingbirdTesting
import SeedContracts
import SeedServiceTesting
import Testing

@testable import GatewayService

/// Registers and logs in a platform user through the gateway (identity journeys).
func identityJourneyUser(_ client: some TestClientProtocol, _ name: String, password: String = "correct horse battery") async throws -> SessionTokensV1 {
    let email = "\(name)@example.com"
    let registered = try await client.call(.post, "/api/v1/auth/register", json: #"{"email":"\#(email)","password":"\#(password)"}"#)
    try #require(registered.status == .created, "\(String(decoding: registered.body, as: UTF8.self))")
    let login = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"\#(email)","password":"\#(password)","deviceInfo":"\#(name)'s laptop"}"#)
    try #require(login.status == .ok, "\(String(decoding: login.body, as: UTF8.self))")
    return try login.decode(SessionTokensV1.self)
}

/// Friends, blocks, mutes and privacy through the gateway, and messaging refusing what they forbid
/// (messaging learns them from identity's events on the real broker).
@Suite("Relationships and privacy through the gateway", .serialized)
struct IdentityRelationshipsJourneyTests {
    @Test("a friend request accepted makes friends; a block refuses the blocked user's direct conversation and messages in messaging, until unblocked; blocking twice is 409")
    func friendsAndBlocks() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await identityJourneyUser(client, "ada")
            let bob = try await identityJourneyUser(client, "bob")

            let requested = try await client.call(.post, "/api/v1/users/me/friend-requests", token: bob.accessToken, body: OtherUserBody(userId: ada.user.id))
            #expect(requested.status == .created)
            let incoming = try await client.call(.get, "/api/v1/users/me/relationships?filter=incoming", token: ada.accessToken)
            #expect(try incoming.decode(RelationshipListV1.self).relationships.map(\.otherUserId) == [bob.user.id])
            let accepted = try await client.call(.post, "/api/v1/users/me/friend-requests/\(bob.user.id)/accept", token: ada.accessToken)
            #expect(try accepted.decode(RelationshipV1.self).friendship == .friends)

            // A direct conversation while nothing forbids it.
            let opened = try await client.call(.post, "/api/v1/conversations/direct", token: bob.accessToken, body: OpenDirectConversationV1(userId: ada.user.id))
            try #require(opened.status == .ok || opened.status == .created, "\(String(decoding: opened.body, as: UTF8.self))")
            let conversation = try opened.decode(ConversationV1.self)

            let blocked = try await client.call(.post, "/api/v1/users/me/blocks", token: ada.accessToken, body: OtherUserBody(userId: bob.user.id))
            #expect(blocked.status == .created)
            #expect(try blocked.decode(RelationshipV1.self).blocked)
            let twice = try await client.call(.post, "/api/v1/users/me/blocks", token: ada.accessToken, body: OtherUserBody(userId: bob.user.id))
            #expect(twice.status == .conflict && twice.error?.details["field"] == "userId")

            // Messaging hears of the block from identity's event and refuses bob, in the existing conversation and a new open.
            var refusal: HTTPResult?
            try await eventually("messaging refuses bob's message once it has heard of the block") {
                let sent = try await client.call(.post, "/api/v1/conversations/\(conversation.id)/messages", token: bob.accessToken,
                                                 body: SendMessageBody(content: "hello?"))
                refusal = sent
                return sent.status == .forbidden
            }
            #expect(refusal?.error?.details["reason"] == "blocked")
            let reopen = try await client.call(.post, "/api/v1/conversations/direct", token: bob.accessToken, body: OpenDirectConversationV1(userId: ada.user.id))
            #expect(reopen.status == .forbidden)
            let adaWrites = try await client.call(.post, "/api/v1/conversations/\(conversation.id)/messages", token: ada.accessToken,
                                                  body: SendMessageBody(content: "bye"))
            #expect(adaWrites.status == .forbidden, "the blocker cannot write to the blocked user either")
            #expect(try await client.call(.get, "/api/v1/users/me/relationships?filter=friends", token: bob.accessToken)
                .decode(RelationshipListV1.self).relationships.isEmpty, "a block ends the friendship")

            let unblocked = try await client.call(.delete, "/api/v1/users/me/blocks/\(bob.user.id)", token: ada.accessToken)
            #expect(unblocked.status == .ok)
            try await eventually("messaging lets bob write again after the unblock") {
                try await client.call(.post, "/api/v1/conversations/\(conversation.id)/messages", token: bob.accessToken,
                                      body: SendMessageBody(content: "hello again")).status == .created
            }
        }
    }

    @Test("direct messages from nobody refuse everyone; from contacts only friends; the settings read back; befriending oneself is 400")
    func privacy() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await identityJourneyUser(client, "ada")
            let bob = try await identityJourneyUser(client, "bob")
            let carol = try await identityJourneyUser(client, "carol")

            let myself = try await client.call(.post, "/api/v1/users/me/friend-requests", token: ada.accessToken, body: OtherUserBody(userId: ada.user.id))
            #expect(myself.status == .badRequest && myself.error?.details["field"] == "userId")

            let updated = try await client.call(.patch, "/api/v1/users/me/privacy", token: carol.accessToken, json: #"{"directMessages":"contacts","lastSeen":"nobody"}"#)
            #expect(try updated.decode(PrivacySettingsV1.self) == PrivacySettingsV1(directMessages: .contacts, lastSeen: .nobody))
            #expect(try await client.call(.get, "/api/v1/users/me/privacy", token: carol.accessToken).decode(PrivacySettingsV1.self).directMessages == .contacts)

            _ = try await client.call(.post, "/api/v1/users/me/friend-requests", token: bob.accessToken, body: OtherUserBody(userId: carol.user.id))
            _ = try await client.call(.post, "/api/v1/users/me/friend-requests/\(bob.user.id)/accept", token: carol.accessToken)

            try await eventually("messaging refuses ada (no friend of carol's)") {
                try await client.call(.post, "/api/v1/conversations/direct", token: ada.accessToken, body: OpenDirectConversationV1(userId: carol.user.id))
                    .status == .forbidden
            }
            try await eventually("messaging lets bob (carol's friend) open a direct conversation") {
                let opened = try await client.call(.post, "/api/v1/conversations/direct", token: bob.accessToken, body: OpenDirectConversationV1(userId: carol.user.id))
                return opened.status == .ok || opened.status == .created
            }

            _ = try await client.call(.patch, "/api/v1/users/me/privacy", token: carol.accessToken, json: #"{"directMessages":"nobody"}"#)
            try await eventually("messaging refuses even a friend when carol takes direct messages from nobody") {
                try await client.call(.post, "/api/v1/conversations/direct", token: bob.accessToken, body: OpenDirectConversationV1(userId: carol.user.id))
                    .status == .forbidden
            }
            let bad = try await client.call(.patch, "/api/v1/users/me/privacy", token: carol.accessToken, json: #"{"presence":"friends-of-friends"}"#)
            #expect(bad.status == .badRequest)
        }
    }
}
