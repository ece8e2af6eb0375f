import Foundation
@testable import GatewayService
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import IdentityService
import Logging
import MessagingService
import NIOCore
import NIOWebSocket
import SeedAuth
import SeedBus
import SeedContracts
import SeedOutbox
import SeedRedis
import SeedRuntime
import SeedServiceKit
import SeedServiceTesting
import SeedStore
import Synchronization
import Testing

/// A WebSocket client of the gateway's real-time endpoint that keeps every frame it receives.
final class RealTimeClient: Sendable {
    struct Frame: Sendable {
        var id: String?
        var type: String
        var json: [String: any Sendable]
        var raw: String
    }

    private final class Shared: Sendable {
        let frames = Mutex<[Frame]>([])
        let writer = Mutex<WebSocketOutboundWriter?>(nil)
        /// While set, the client reads nothing from its socket (a slow consumer).
        let paused = Mutex(false)
    }

    private let shared = Shared()
    private let task: Task<WebSocketCloseFrame?, any Error>

    /// Connects to `port`; `token` goes in the `Authorization` header unless `authFrame` sends it first.
    /// With `paused`, the client reads nothing until ``resumeReading()``.
    init(port: Int, token: String?, lastEventId: String? = nil, authFrame: RealTimeClientFrameV1? = nil, paused: Bool = false) {
        shared.paused.withLock { $0 = paused }
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        let query = lastEventId.map { "?lastEventId=\($0)" } ?? ""
        let shared = shared
        task = Task {
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(port)\(RealTimeProtocol.path)\(query)",
                configuration: WebSocketClientConfiguration(maxFrameSize: 1 << 20, additionalHeaders: headers),
                logger: Logger(label: "test.ws")
            ) { inbound, outbound, _ in
                shared.writer.withLock { $0 = outbound }
                if let authFrame {
                    try await outbound.write(.text(String(decoding: try JSONEncoder().encode(authFrame), as: UTF8.self)))
                }
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                while true {
                    while shared.paused.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
                    guard let message = try await messages.next() else { break }
                    guard case .text(let text) = message,
                          let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { continue }
                    let frame = Frame(
                        id: object["id"] as? String, type: object["type"] as? String ?? "",
                        json: (object["data"] as? [String: Any] ?? [:]).mapValues { "\($0)" }, raw: text)
                    shared.frames.withLock { $0.append(frame) }
                }
            }
        }
    }

    var received: [Frame] { shared.frames.withLock { $0 } }

    func frames(ofType type: String) -> [Frame] { received.filter { $0.type == type } }

    /// Waits until `predicate` holds for the frames received so far.
    @discardableResult
    func waitFor(_ what: String, within limit: Duration = .seconds(10), _ predicate: ([Frame]) -> Bool) async throws -> [Frame] {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let now = received
            if predicate(now) { return now }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what); got \(received.map(\.raw))")
        throw CancellationError()
    }

    func waitUntilReady() async throws {
        try await waitFor("ready") { $0.contains { $0.type == "ready" } }
    }

    func send(_ frame: RealTimeClientFrameV1) async throws {
        let outbound = try #require(shared.writer.withLock { $0 })
        try await outbound.write(.text(String(decoding: try JSONEncoder().encode(frame), as: UTF8.self)))
    }

    /// Closes the connection and returns the server's close frame, if any.
    @discardableResult
    func close() async -> WebSocketCloseFrame? {
        if let outbound = shared.writer.withLock({ $0 }) { try? await outbound.close(.normalClosure, reason: nil) }
        return try? await task.value
    }

    /// Lets a paused client read again.
    func resumeReading() {
        shared.paused.withLock { $0 = false }
    }

    /// Waits (at most `limit`) for the server to end the connection and returns its close frame (`nil`
    /// when the connection ended without one). Records an issue and throws when it is still open.
    func closeFrame(within limit: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation) async throws -> WebSocketCloseFrame? {
        let timedOut = Atomic(false)
        let timer = Task { [task] in
            try await Task.sleep(for: limit)
            timedOut.store(true, ordering: .relaxed)
            task.cancel()
        }
        defer { timer.cancel() }
        let result = await task.result
        if timedOut.load(ordering: .relaxed) {
            Issue.record("the server did not close the connection within \(limit)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return try? result.get()
    }
}

/// Identity, messaging and two gateway instances on one bus namespace, each gateway served live
/// with its WebSocket endpoint.
enum RealTimeFixture {
    struct Gateways: Sendable {
        let client: any TestClientProtocol
        let ports: [Int]
        let edges: [RealTimeEdge]
        /// Identity's store, to see what the edge reported (last seen).
        let identityStore: any DocumentStore
    }

    /// Shares ``FixtureGate/shared`` with the other suite fixtures.
    static func run(options: RealTimeOptions = RealTimeOptions(), _ body: @escaping @Sendable (Gateways) async throws -> Void) async throws {
        try await FixtureGate.shared.run { try await runServices(options: options, body) }
    }

    private static func runServices(options: RealTimeOptions, _ body: @escaping @Sendable (Gateways) async throws -> Void) async throws {
        let namespace = "rt-\(UUID().uuidString.prefix(8).lowercased())."
        let configuration = try SuiteFixture.busConfiguration(namespace: namespace)
        let logger = Logger(label: "test.realtime")

        let store = try ServiceFixture.temporaryStore(prefix: "realtime")
        try await IdentityService.prepare(store)
        let identityBus = Bus(service: .identity, configuration: configuration, logger: logger)
        let relay = OutboxRelay(store: store, bus: identityBus, logger: logger, pollInterval: .milliseconds(100))
        var settings = IdentitySettings()
        settings.bootstrapAdminEmail = SuiteFixture.bootstrapAdmin
        let work = UnitOfWork(store: store, service: .identity, errors: .identity, messagesStaged: { relay.notify() })
        let identity = try await IdentityService(
            work: work, hasher: BcryptPasswordHasher(pool: SuiteFixture.bcryptPool), signingKey: try await IdentityService.signingKey(in: store),
            google: GoogleSignInDisabled(), settings: settings, logger: logger)
        IdentityHandlers.register(identity, on: identityBus)

        let messagingStore = try ServiceFixture.temporaryStore(prefix: "realtime-messaging")
        try await UnitOfWork.prepare(messagingStore, collections: MessagingCollections.all)
        let messagingBus = Bus(service: .messaging, configuration: configuration, logger: logger)
        let messagingRelay = OutboxRelay(store: messagingStore, bus: messagingBus, logger: logger, pollInterval: .milliseconds(100))
        let messagingWork = UnitOfWork(store: messagingStore, service: .messaging, messagesStaged: { messagingRelay.notify() })
        MessagingHandlers.register(MessagingService(work: messagingWork), on: messagingBus)

        let redis = try SuiteFixture.redis()
        var options = options
        options.resumeNamespace = "test:\(namespace)stream"
        options.presenceNamespace = "test:\(namespace)presence"
        var gatewayBuses: [Bus] = []
        var routers: [Router<SeedRequestContext>] = []
        var edges: [RealTimeEdge] = []
        for index in 0..<2 {
            let bus = Bus(service: .gateway, configuration: configuration, logger: Logger(label: "test.gateway.\(index)"))
            let router = Router(context: SeedRequestContext.self)
            let edge = Gateway.configure(
                router, bus: bus, redis: redis, logger: logger, rateLimitNamespace: "test:\(namespace)\(index)", deadline: .seconds(60),
                realTime: options)
            gatewayBuses.append(bus)
            edges.append(edge)
            routers.append(router)
        }

        let buses = [identityBus, messagingBus] + gatewayBuses
        let tasks = [Task { try await relay.run() }, Task { try await messagingRelay.run() }] + buses.map { bus in Task { try await bus.run() } }
        try await waitUntilConnected(buses)
        let edgesCopy = edges
        let first = Hummingbird.Application(
            router: routers[0], server: edges[0].server(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let second = Hummingbird.Application(
            router: routers[1], server: edges[1].server(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let result: Result<Void, any Error>
        do {
            try await first.test(.live) { client in
                try await second.test(.live) { client2 in
                    let ports = [try #require(client.port), try #require(client2.port)]
                    try await body(Gateways(client: client, ports: ports, edges: edgesCopy, identityStore: store))
                }
            }
            result = .success(())
        } catch {
            result = .failure(error)
        }
        for index in [0, 1] { tasks[index].cancel() }
        for bus in buses { await bus.shutdown() }
        for task in tasks { _ = await task.result }
        await redis.shutdown()
        try result.get()
    }
}

@Suite("Real-time delivery through the gateway's WebSocket", .serialized)
struct RealTimeTests {
    let chat = MessagingJourneyTests()

    /// Registers `name` and returns it with its access token.
    func user(_ client: some TestClientProtocol, _ name: String) async throws -> Chatter {
        try await chat.register(client, "\(name)-\(UUID().uuidString.prefix(6).lowercased())")
    }

    @Test("two users on two gateway instances see each other's messages, reactions, receipts and typing; a non-member sees nothing")
    func twoUsersOnTwoGatewaysChat() async throws {
        try await RealTimeFixture.run { gateways in
            let client = gateways.client
            let alice = try await user(client, "alice"), bob = try await user(client, "bob"), eve = try await user(client, "eve")
            let group = try await chat.group(client, alice, "launch", members: [bob])

            let aliceWS = RealTimeClient(port: gateways.ports[0], token: alice.token)
            let bobWS = RealTimeClient(port: gateways.ports[1], token: bob.token)
            let eveWS = RealTimeClient(port: gateways.ports[1], token: eve.token)
            try await aliceWS.waitUntilReady()
            try await bobWS.waitUntilReady()
            try await eveWS.waitUntilReady()

            let hello = try await chat.send(client, alice, group.id, "hello bob")
            try await bobWS.waitFor("alice's message") { frames in
                frames.contains { $0.type == MessageSentV1.messageType.wireName && $0.raw.contains("hello bob") }
            }
            try await bobWS.send(RealTimeClientFrameV1(type: .read, conversationId: group.id, messageId: hello.id))
            try await aliceWS.waitFor("bob's read receipt") { frames in
                frames.contains { $0.type == ReadUpToV1.messageType.wireName && $0.raw.contains(bob.id) }
            }

            let reply = try await chat.send(client, bob, group.id, "hi alice")
            try await aliceWS.waitFor("bob's message") { frames in
                frames.contains { $0.type == MessageSentV1.messageType.wireName && $0.raw.contains("hi alice") }
            }

            let reacted = try await client.call(.post, "/api/v1/messages/\(hello.id)/reactions", as: bob, json: #"{"emoji":"👍"}"#)
            #expect(reacted.status.code < 300, "\(String(decoding: reacted.body, as: UTF8.self))")
            try await aliceWS.waitFor("bob's reaction") { $0.contains { $0.type == ReactionChangedV1.messageType.wireName } }

            try await bobWS.send(RealTimeClientFrameV1(type: .typing, conversationId: group.id, typing: true))
            try await aliceWS.waitFor("bob typing") { frames in frames.contains { $0.type == "typing" && $0.raw.contains(bob.id) } }

            // Eve shares no conversation: nothing of the group reaches her, and her typing there is refused.
            try await eveWS.send(RealTimeClientFrameV1(type: .typing, conversationId: group.id))
            try await eveWS.waitFor("eve's refusal") { $0.contains { $0.type == "error" } }
            #expect(!eveWS.received.contains { $0.raw.contains(group.id) && $0.type != "error" })
            #expect(!eveWS.received.contains { $0.raw.contains("hello bob") || $0.raw.contains(reply.id) })
            // Every event frame has a resume id.
            #expect(bobWS.frames(ofType: MessageSentV1.messageType.wireName).allSatisfy { $0.id != nil })

            await aliceWS.close()
            await bobWS.close()
            await eveWS.close()
        }
    }

    @Test("a client that reconnects with the last id it saw gets exactly what it missed, then the live stream")
    func reconnectWithResumeLosesAndDuplicatesNothing() async throws {
        try await RealTimeFixture.run { gateways in
            let client = gateways.client
            let alice = try await user(client, "alice"), bob = try await user(client, "bob")
            let group = try await chat.group(client, alice, "resume", members: [bob])
            let first = RealTimeClient(port: gateways.ports[1], token: bob.token)
            try await first.waitUntilReady()
            _ = try await chat.send(client, alice, group.id, "one")
            let seen = try await first.waitFor("one") { $0.contains { $0.raw.contains(#""one""#) } }
            let lastId = try #require(seen.last { $0.type == MessageSentV1.messageType.wireName }?.id)
            await first.close()

            for text in ["two", "three"] { _ = try await chat.send(client, alice, group.id, text) }
            // Reconnect once both missed events are in bob's resume stream (a gateway appends them as they pass).
            let streams = try #require(gateways.edges[0].streams)
            try await eventually("two and three reach bob's resume stream") {
                let missed = await streams.frames(of: bob.id, after: lastId).frames
                return missed.contains { String(decoding: $0.frame, as: UTF8.self).contains(#""three""#) }
            }

            let second = RealTimeClient(port: gateways.ports[0], token: bob.token, lastEventId: lastId)
            try await second.waitUntilReady()
            _ = try await chat.send(client, alice, group.id, "four")
            let frames = try await second.waitFor("four") { $0.contains { $0.raw.contains(#""four""#) } }
            let texts = frames.filter { $0.type == MessageSentV1.messageType.wireName }.compactMap { frame in
                ["one", "two", "three", "four"].first { frame.raw.contains("\"\($0)\"") }
            }
            #expect(texts == ["two", "three", "four"])
            let ids = frames.compactMap(\.id)
            #expect(Set(ids).count == ids.count)
            #expect(frames.first?.type == "ready")
            await second.close()
        }
    }

    @Test("presence follows each user's privacy settings: hidden last seen arrives without the time, hidden presence not at all", .timeLimit(.minutes(3)))
    func presenceFollowsPrivacySettings() async throws {
        try await RealTimeFixture.run { gateways in
            let client = gateways.client
            let alice = try await user(client, "alice"), bob = try await user(client, "bob"), carol = try await user(client, "carol")
            _ = try await chat.group(client, alice, "presence", members: [bob, carol])
            let hideLastSeen = try await client.call(.patch, "/api/v1/users/me/privacy", as: bob, json: #"{"lastSeen":"nobody"}"#)
            #expect(hideLastSeen.status == .ok)
            let hidePresence = try await client.call(.patch, "/api/v1/users/me/privacy", as: carol, json: #"{"presence":"nobody"}"#)
            #expect(hidePresence.status == .ok)

            let watcher = RealTimeClient(port: gateways.ports[0], token: alice.token)
            try await watcher.waitUntilReady()
            // Carol comes and goes first, then bob; alice shares a conversation with both.
            let carolWS = RealTimeClient(port: gateways.ports[1], token: carol.token)
            try await carolWS.waitUntilReady()
            _ = await carolWS.close()
            let bobWS = RealTimeClient(port: gateways.ports[1], token: bob.token)
            try await bobWS.waitUntilReady()
            _ = await bobWS.close()

            let frames = try await watcher.waitFor("bob's offline presence", within: .seconds(60)) { frames in
                frames.contains { $0.type == "presence" && $0.raw.contains(bob.id) && $0.raw.contains(#""offline""#) }
            }
            let bobs = frames.filter { $0.type == "presence" && $0.raw.contains(bob.id) }
            #expect(!bobs.isEmpty && bobs.allSatisfy { !$0.raw.contains("lastSeenAt") }, "bob hides his last seen: \(bobs.map(\.raw))")
            #expect(!frames.contains { $0.type == "presence" && $0.raw.contains(carol.id) }, "carol hides her presence from everyone")
            // The edge reports the end of bob's last connection to identity.
            try await eventually("identity records when bob was last seen") {
                try await DocumentCollection(User.self, in: gateways.identityStore).first(.equal("_id", .string(bob.id)))?.lastSeenAt != nil
            }
            await watcher.close()
        }
    }

    @Test("a mention creates a notification that arrives live and is listed with the unread count; a muted conversation creates none", .timeLimit(.minutes(2)))
    func mentionNotificationArrivesLiveAndMutedCreatesNone() async throws {
        try await RealTimeFixture.run { gateways in
            let client = gateways.client
            let alice = try await user(client, "alice"), bob = try await user(client, "bob")
            let group = try await chat.group(client, alice, "notify", members: [bob])
            let bobWS = RealTimeClient(port: gateways.ports[1], token: bob.token)
            try await bobWS.waitUntilReady()
            let created = NotificationCreatedV1.messageType.wireName

            _ = try await chat.send(client, alice, group.id, SendMessageBody(content: "@bob look", mentions: [bob.id]))
            let frames = try await bobWS.waitFor("the mention's notification") { $0.contains { $0.type == created } }
            let live = try #require(frames.first { $0.type == created })
            #expect(live.id != nil && live.raw.contains("@bob look") && live.raw.contains(#""type":"mention""#))

            let listed = try await client.call(.get, "/api/v1/notifications", as: bob)
            let page = try listed.decode(NotificationPageV1.self)
            #expect(page.unreadCount == 1 && page.items.map(\.type) == [.mention] && page.items.first?.relatedEntity?.entityId == group.id)

            // Bob mutes the group: a mention there makes nothing; a direct message still does.
            let muted = try await client.call(.patch, "/api/v1/conversations/\(group.id)/membership", as: bob,
                                              json: #"{"mutedUntil":"2099-01-01T00:00:00Z"}"#)
            #expect(muted.status.code < 300, "\(String(decoding: muted.body, as: UTF8.self))")
            _ = try await chat.send(client, alice, group.id, SendMessageBody(content: "@bob muted one", mentions: [bob.id]))
            try await bobWS.waitFor("the muted message itself") { $0.contains { $0.raw.contains("@bob muted one") && $0.type == MessageSentV1.messageType.wireName } }
            let opened = try await client.call(.post, "/api/v1/conversations/direct", as: alice, json: #"{"userId":"\#(bob.id)"}"#)
            let direct = try opened.decode(ConversationV1.self)
            _ = try await chat.send(client, alice, direct.id, "direct hello")
            try await bobWS.waitFor("the direct message's notification") { $0.contains { $0.type == created && $0.raw.contains("direct hello") } }
            #expect(!bobWS.received.contains { $0.type == created && $0.raw.contains("muted one") })
            let after = try await client.call(.get, "/api/v1/notifications", as: bob).decode(NotificationPageV1.self)
            #expect(after.items.map(\.type) == [.message, .mention] && after.unreadCount == 2)

            let readAll = try await client.call(.post, "/api/v1/notifications/read-all", as: bob)
            #expect(try readAll.decode(UnreadNotificationsV1.self) == UnreadNotificationsV1(unreadCount: 0, changed: 2))
            await bobWS.close()
        }
    }

    @Test("an end-to-end encrypted message reaches each member with only that member's key, live and on resume", .timeLimit(.minutes(2)))
    func encryptedMessageCarriesOnlyTheRecipientsKey() async throws {
        try await RealTimeFixture.run { gateways in
            let client = gateways.client
            let alice = try await user(client, "alice"), bob = try await user(client, "bob"), cy = try await user(client, "cy")
            let created = try await client.call(.post, "/api/v1/conversations", as: alice,
                                                body: CreateConversationV1(type: .group, title: "secret", memberIds: [bob.id, cy.id], encrypted: true))
            let group = try created.decode(ConversationV1.self)
            let bobWS = RealTimeClient(port: gateways.ports[0], token: bob.token)
            let cyWS = RealTimeClient(port: gateways.ports[1], token: cy.token)
            try await bobWS.waitUntilReady()
            try await cyWS.waitUntilReady()
            let keys = [alice.id: "key-for-alice", bob.id: "key-for-bob", cy.id: "key-for-cy"]
            _ = try await chat.send(client, alice, group.id, SendMessageBody(encrypted: EncryptedPayloadV1(data: "Y2lwaGVy", keys: keys)))
            let sent = MessageSentV1.messageType.wireName
            for (socket, own) in [(bobWS, "key-for-bob"), (cyWS, "key-for-cy")] {
                let frames = try await socket.waitFor("the encrypted message") { $0.contains { $0.type == sent && $0.raw.contains("Y2lwaGVy") } }
                let frame = try #require(frames.first { $0.type == sent && $0.raw.contains("Y2lwaGVy") })
                #expect(frame.raw.contains(own))
                #expect(keys.values.filter { frame.raw.contains($0) } == [own])
            }
            // The resume stream keeps the stripped copy too.
            let resumed = RealTimeClient(port: gateways.ports[1], token: bob.token, lastEventId: "0-0")
            let replay = try await resumed.waitFor("the replay") { $0.contains { $0.type == sent && $0.raw.contains("Y2lwaGVy") } }
            #expect(replay.filter { $0.raw.contains("key-for-alice") || $0.raw.contains("key-for-cy") }.isEmpty)
            for socket in [bobWS, cyWS, resumed] { await socket.close() }
        }
    }

    @Test("a bad token, or an auth frame with a bad token, is refused with close code 4401; a good auth frame is accepted", .timeLimit(.minutes(2)))
    func badTokensAreRefusedWithACloseCode() async throws {
        try await RealTimeFixture.run { gateways in
            let unauthenticated = WebSocketErrorCode.unknown(RealTimeProtocol.CloseCode.unauthenticated.rawValue)
            let bad = RealTimeClient(port: gateways.ports[0], token: "not-a-token")
            let closed = try await bad.closeFrame()
            #expect(closed?.closeCode == unauthenticated)

            let badFrame = RealTimeClient(port: gateways.ports[0], token: nil, authFrame: RealTimeClientFrameV1(type: .auth, token: "nope"))
            #expect(try await badFrame.closeFrame()?.closeCode == unauthenticated)

            let notAuth = RealTimeClient(port: gateways.ports[1], token: nil, authFrame: RealTimeClientFrameV1(type: .ping))
            #expect(try await notAuth.closeFrame()?.closeCode == unauthenticated)
            #expect(gateways.edges[0].closeCount(.unauthenticated) == 2)
            #expect(gateways.edges[1].closeCount(.unauthenticated) == 1)

            let alice = try await user(gateways.client, "alice")
            let good = RealTimeClient(port: gateways.ports[1], token: nil, authFrame: RealTimeClientFrameV1(type: .auth, token: alice.token))
            try await good.waitUntilReady()
            try await good.send(RealTimeClientFrameV1(type: .ping, nonce: "n-1"))
            try await good.waitFor("pong") { $0.contains { $0.type == "pong" && $0.raw.contains("n-1") } }
            #expect(await good.close()?.closeCode != unauthenticated)
        }
    }

    @Test("a client whose session is revoked (logout) is closed with 4403 on whichever instance holds it; its other sessions stay", .timeLimit(.minutes(2)))
    func revokedSessionIsClosed() async throws {
        try await RealTimeFixture.run { gateways in
            let client = gateways.client
            let name = "alice-\(UUID().uuidString.prefix(6).lowercased())"
            let alice = try await chat.register(client, name)
            let login = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"\#(name)@example.com","password":"correct horse battery"}"#)
            let second = Chatter.user(try login.decode(SessionTokensV1.self))
            let revoked = RealTimeClient(port: gateways.ports[1], token: alice.token)
            let kept = RealTimeClient(port: gateways.ports[0], token: second.token)
            try await revoked.waitUntilReady()
            try await kept.waitUntilReady()

            let out = try await client.call(.post, "/api/v1/auth/logout", as: alice, json: "{}")
            #expect(out.status.code < 300, "\(String(decoding: out.body, as: UTF8.self))")
            let closed = try await revoked.closeFrame()
            #expect(closed?.closeCode == .unknown(RealTimeProtocol.CloseCode.sessionRevoked.rawValue))
            #expect(gateways.edges[1].closeCount(.sessionRevoked) == 1)

            try await kept.send(RealTimeClientFrameV1(type: .ping, nonce: "still-here"))
            try await kept.waitFor("pong on the other session") { $0.contains { $0.type == "pong" && $0.raw.contains("still-here") } }
            await kept.close()
        }
    }

    @Test("a client that does not read is cut off with the slow-consumer close code; others keep receiving", .timeLimit(.minutes(2)))
    func slowClientIsCutOffWithoutHarmingOthers() async throws {
        var options = RealTimeOptions()
        options.sendBufferFrames = 4
        try await RealTimeFixture.run(options: options) { gateways in
            let client = gateways.client
            let edge = gateways.edges[0]
            let alice = try await user(client, "alice"), bob = try await user(client, "bob")
            let group = try await chat.group(client, alice, "flood", members: [bob])
            let fast = RealTimeClient(port: gateways.ports[0], token: alice.token)
            let slow = RealTimeClient(port: gateways.ports[0], token: bob.token, paused: true)
            try await fast.waitUntilReady()
            try await eventually("bob's connection is registered") { edge.hub.connections(of: bob.id).count == 1 }

            // Bob reads nothing: large frames fill the socket, then his bounded buffer, and the next one
            // cuts him off. Each frame goes the way the hub delivers; the loop ends at the cut (bounded:
            // at most 4,000 frames, far more than loopback socket buffers hold).
            let big = FrameBytes.frame(type: "test.filler", data: Array("\"\(String(repeating: "x", count: 256 * 1024))\"".utf8))
            var offered = 0
            while edge.closeCount(.slowConsumer) == 0, offered < 4_000 {
                for connection in edge.hub.connections(of: bob.id) { connection.deliver(id: nil, frame: big) }
                offered += 1
                try await Task.sleep(for: .milliseconds(2))
            }
            #expect(edge.closeCount(.slowConsumer) == 1, "offered \(offered) frames of 256 KiB")
            try await eventually("bob's connection is gone") { edge.hub.connections(of: bob.id).isEmpty }

            // Alice, on the same instance, keeps receiving.
            for index in 0..<5 { _ = try await chat.send(client, alice, group.id, "after the cut \(index)") }
            try await fast.waitFor("every message after the cut", within: .seconds(30)) { frames in
                (0..<5).allSatisfy { index in frames.contains { $0.raw.contains("after the cut \(index)") } }
            }
            #expect(edge.connectionCount == 1)
            // Bob's client, reading again, finds its connection ended (what was sent, then the end).
            slow.resumeReading()
            _ = try await slow.closeFrame(within: .seconds(30))
            #expect(!slow.received.contains { $0.raw.contains("after the cut") })
            await fast.close()
        }
    }
}
