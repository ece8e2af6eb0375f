import Foundation
public import HummingbirdCore
import Metrics
public import HummingbirdWebSocket
import HTTPTypes
public import Logging
import NIOCore
import NIOWebSocket
import SeedAuth
public import SeedBus
import SeedContracts
public import SeedRedis
public import ServiceLifecycle
import Synchronization

/// How the real-time edge behaves; the defaults suit production.
public struct RealTimeOptions: Sendable {
    /// Shards and the edge exchange.
    public var routing = EdgeRouting()
    /// Frames a client may have waiting before it counts as a slow consumer and is closed with
    /// ``RealTimeProtocol/CloseCode/slowConsumer``.
    public var sendBufferFrames = 256
    /// How often the server pings; a client that has not answered by the next ping is closed.
    public var heartbeat: Duration = .seconds(20)
    /// How long a client without an `Authorization` header has to send its `auth` frame.
    public var authenticationWindow: Duration = .seconds(10)
    /// Redis key prefix of the per-user resume streams.
    public var resumeNamespace = "seed:realtime:gateway:stream"
    /// About how many frames each user's resume stream keeps.
    public var resumeCapacity = 1000
    /// How long a resume stream outlives its last frame.
    public var resumeLifetime: Duration = .seconds(86_400)
    /// Redis key prefix of presence and typing.
    public var presenceNamespace = "seed:presence:gateway"
    /// How long a typing indicator lasts unless repeated.
    public var typingLifetime: Duration = .seconds(5)
    /// How long a member list fetched for typing indicators is reused.
    public var membersCacheLifetime: Duration = .seconds(10)
    /// The largest client frame.
    public var maxFrameSize = 1 << 16

    public init() {}
}

/// The gateway's WebSocket endpoint (`GET /api/v1/realtime`) and its fan-out (decision 0023).
///
/// A client authenticates with its access token (the upgrade's `Authorization: Bearer` header, or a
/// first `auth` frame), may resume after the id of the last frame it saw, and then receives as JSON
/// frames the events that name it as a recipient, typing indicators and presence of people it shares
/// a conversation with. Events reach the instance over RabbitMQ: its own queue, bound to the edge
/// exchange for the shards of its connected users (``EdgeRouting``).
public final class RealTimeEdge: Sendable {
    let bus: Bus
    let options: RealTimeOptions
    let logger: Logger
    let authenticator: GatewayAuthenticator
    let hub: RealTimeHub
    let router: RealTimeEventRouter
    let streams: ResumeStreams?
    let presence: RealTimePresence?
    let deadline: Duration
    /// This instance's queue: `seed.gateway.realtime.<uuid>`.
    public let instanceQueue: String
    /// How many connections this instance closed, by close code (also `seed_realtime_closes_total{code}`).
    private let closeCounts = Mutex<[UInt16: Int]>([:])

    init(bus: Bus, redis: RedisClient?, authenticator: GatewayAuthenticator, options: RealTimeOptions, deadline: Duration, logger: Logger) {
        self.bus = bus
        self.options = options
        self.logger = logger
        self.authenticator = authenticator
        self.deadline = deadline
        let hub = RealTimeHub(bus: bus, routing: options.routing, logger: logger)
        self.hub = hub
        let streams = redis.map {
            ResumeStreams(redis: $0, namespace: options.resumeNamespace, capacity: options.resumeCapacity, lifetime: options.resumeLifetime, logger: logger)
        }
        self.streams = streams
        let router = RealTimeEventRouter(bus: bus, routing: options.routing, streams: streams, logger: logger)
        self.router = router
        self.presence = redis.map { RealTimePresence(redis: $0, namespace: options.presenceNamespace, typingLifetime: options.typingLifetime) }
        instanceQueue = "seed.gateway.realtime.\(UUID().uuidString.lowercased())"
        bus.consumeInstanceQueue(instanceQueue, exchange: options.routing.exchange) { delivery in hub.deliver(delivery) }
        router.register()
    }

    /// How many WebSocket clients this instance holds.
    public var connectionCount: Int { hub.connectionCount }

    /// How many connections this instance has closed with `code` since it started.
    public func closeCount(_ code: RealTimeProtocol.CloseCode) -> Int {
        closeCounts.withLock { $0[code.rawValue] ?? 0 }
    }

    /// Counts a close the server initiated with `code`.
    func recordClose(_ code: RealTimeProtocol.CloseCode) {
        closeCounts.withLock { $0[code.rawValue, default: 0] += 1 }
        Counter(label: "seed_realtime_closes_total", dimensions: [("code", "\(code.rawValue)")]).increment()
    }

    /// The HTTP/1.1 server with the WebSocket upgrade of ``RealTimeProtocol/path``; every other
    /// request goes to the router as before. Pass it as the application's `server`.
    public func server() -> HTTPServerBuilder {
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            ws: WebSocketServerConfiguration(maxFrameSize: options.maxFrameSize, autoPing: .enabled(timePeriod: options.heartbeat)))
        return .http1WebSocketUpgrade(configuration: configuration) { [self] request, channel, _ in
            guard let path = request.path, path.split(separator: "?", maxSplits: 1).first.map(String.init) == RealTimeProtocol.path,
                  request.method == .get else { return .dontUpgrade }
            let bearer: String? = request.headerFields[.authorization].flatMap { header in
                header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces) : nil
            }
            let lastEventId = URLComponents(string: path)?.queryItems?.first(where: { $0.name == "lastEventId" })?.value
            return .upgrade([:]) { inbound, outbound, _ in
                await self.serve(inbound: inbound, outbound: outbound, channel: channel, bearer: bearer, lastEventId: lastEventId)
            }
        }
    }

    /// Unbinds shards no connected user needs any more; run it now and then (``run()`` does).
    public func sweep() async { await hub.sweep() }

    /// Sweeps every `interval` (a minute) until cancelled; ``RealTimeSweep`` runs it as a lifecycle service.
    public func run(every interval: Duration = .seconds(60)) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            await sweep()
        }
    }

    // MARK: One connection

    private func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, channel: any Channel, bearer: String?, lastEventId: String?) async {
        var messages = inbound.messages(maxSize: options.maxFrameSize).makeAsyncIterator()
        var token = bearer
        var resumeAfter = lastEventId
        if token == nil {
            let authenticated = Atomic<Bool>(false)
            let window = options.authenticationWindow
            let timer = Task {
                try await Task.sleep(for: window)
                if !authenticated.load(ordering: .acquiring) {
                    self.abort(channel, .authenticationTimeout, reason: "no auth frame")
                }
            }
            defer { timer.cancel() }
            guard case .text(let text)? = try? await messages.next(),
                  let frame = try? JSONDecoder().decode(RealTimeClientFrameV1.self, from: Data(text.utf8)), frame.type == .auth,
                  let frameToken = frame.token else {
                recordClose(.unauthenticated)
                try? await outbound.close(.unknown(RealTimeProtocol.CloseCode.unauthenticated.rawValue), reason: "the first frame must be auth with a token")
                return
            }
            authenticated.store(true, ordering: .releasing)
            token = frameToken
            resumeAfter = frame.lastEventId ?? resumeAfter
        }
        let claims: AccessTokenClaimsView
        do {
            claims = AccessTokenClaimsView(try await authenticator.user(bearer: token ?? ""))
        } catch {
            recordClose(.unauthenticated)
            try? await outbound.close(.unknown(RealTimeProtocol.CloseCode.unauthenticated.rawValue), reason: error.message)
            return
        }

        let connection = RealTimeConnection(
            userId: claims.userId, tenant: claims.tenant, sessionId: claims.sessionId, number: hub.nextNumber(),
            capacity: options.sendBufferFrames,
            overflowed: { [logger] in
                logger.notice("closing a slow real-time client", metadata: ["user": "\(claims.userId)"])
                self.abort(channel, .slowConsumer, reason: "slow consumer")
            })
        let writer = Task {
            for await item in connection.outgoing {
                switch item {
                case .frame(let bytes):
                    try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: bytes))))
                case .close(let code, let reason):
                    self.recordClose(code)
                    try await outbound.close(.unknown(code.rawValue), reason: reason)
                    return
                }
            }
        }
        let expiry = Task { [options = self.options] in
            _ = options
            let remaining = claims.expiresAt.timeIntervalSinceNow
            try await Task.sleep(for: .milliseconds(Int64(max(0, remaining) * 1000)))
            connection.close(.unauthenticated, reason: "the access token expired")
        }
        defer {
            hub.unregister(connection)
            connection.finish()
            expiry.cancel()
            writer.cancel()
        }

        connection.beginReplay()
        await hub.register(connection)
        await presence?.connected(claims.userId)
        await resume(connection, after: resumeAfter)
        await announcePresence(of: claims.userId, tenant: claims.tenant)

        while true {
            let message: WebSocketMessage?
            do { message = try await messages.next() } catch { break }
            guard let message else { break }
            guard case .text(let text) = message,
                  let frame = try? JSONDecoder().decode(RealTimeClientFrameV1.self, from: Data(text.utf8)) else {
                connection.close(.protocolViolation, reason: "frames are JSON text of a known type")
                break
            }
            await handle(frame, from: connection)
        }
        await presence?.disconnected(claims.userId)
        await announcePresence(of: claims.userId, tenant: claims.tenant)
        await recordLastSeen(of: claims.userId, tenant: claims.tenant)
    }

    /// Tells identity when a user's last connection (on any instance) closed: `identity.record-last-seen.v1`,
    /// sent without waiting for an answer (identity keeps the newest time, so a lost or late report only
    /// leaves an older one).
    private func recordLastSeen(of userId: String, tenant: String?) async {
        if let presence, await presence.status(of: userId) != .offline { return }
        do {
            try await bus.send(
                RecordLastSeenV1(userId: userId, lastSeenAt: Date()),
                envelope: MessageEnvelope(type: RecordLastSeenV1.messageType, tenant: tenant, actor: "gateway"))
        } catch {
            logger.debug("last seen not reported to identity", metadata: ["user.id": .string(userId), "error": .string("\(error)")])
        }
    }

    /// Sends `ready`, then the frames after `position` (when resuming), then goes live.
    private func resume(_ connection: RealTimeConnection, after position: String?) async {
        let newest = await streams?.newest(of: connection.userId)
        var replay: [(id: String, frame: [UInt8])] = []
        var gap = false
        if let position, let streams {
            (replay, gap) = await streams.frames(of: connection.userId, after: position)
        } else if position != nil {
            gap = true
        }
        connection.send(FrameBytes.frame(
            type: .ready, data: RealTimeReadyV1(userId: connection.userId, lastEventId: newest, replayed: replay.count, gap: gap)))
        for (id, frame) in replay { connection.replay(id: id, frame: frame) }
        connection.endReplay()
    }

    private func handle(_ frame: RealTimeClientFrameV1, from connection: RealTimeConnection) async {
        switch frame.type {
        case .ping:
            connection.send(FrameBytes.frame(type: .pong, data: ["nonce": frame.nonce]))
        case .auth:
            connection.send(FrameBytes.frame(type: .error, data: RealTimeErrorV1(code: .validation, message: "already authenticated", frame: "auth")))
        case .subscribe:
            guard let position = frame.lastEventId, let streams else { return }
            connection.beginReplay()
            let (replay, _) = await streams.frames(of: connection.userId, after: position)
            for (id, frame) in replay { connection.replay(id: id, frame: frame) }
            connection.endReplay()
        case .read:
            guard let conversationId = frame.conversationId, let messageId = frame.messageId else {
                return refuse(connection, frame, ContractError(.validation, "read needs conversationId and messageId"))
            }
            do {
                _ = try await bus.request(
                    MarkReadV1(conversationId: conversationId, messageId: messageId),
                    envelope: MessageEnvelope(type: MarkReadV1.messageType, tenant: connection.tenant, actor: connection.userId), timeout: deadline)
            } catch {
                refuse(connection, frame, error.contractError)
            }
        case .typing:
            guard let conversationId = frame.conversationId else {
                return refuse(connection, frame, ContractError(.validation, "typing needs conversationId"))
            }
            do {
                let members = try await members(of: conversationId, asking: connection)
                let typing = frame.typing ?? true
                await presence?.typing(connection.userId, in: conversationId, typing)
                let others = members.filter { $0 != connection.userId }
                await router.publishEphemeral(
                    FrameBytes.frame(type: .typing, data: TypingV1(conversationId: conversationId, userId: connection.userId, typing: typing)),
                    to: others)
            } catch {
                refuse(connection, frame, error)
            }
        case .presence:
            guard let status = frame.status, status != .offline else {
                return refuse(connection, frame, ContractError(.validation, "presence needs status online, away or dnd"))
            }
            await presence?.set(connection.userId, status: status)
            await announcePresence(of: connection.userId, tenant: connection.tenant)
        }
    }

    private func refuse(_ connection: RealTimeConnection, _ frame: RealTimeClientFrameV1, _ error: ContractError) {
        connection.send(FrameBytes.frame(type: .error, data: RealTimeErrorV1(code: error.code, message: error.message, frame: frame.type.rawValue)))
    }

    // MARK: Members (typing and presence go only to people who share a conversation)

    private let membersCache = Mutex<[String: (members: [String], fetched: ContinuousClock.Instant)]>([:])

    /// The members of `conversationId`, asked of messaging as the connection's user (so a non-member
    /// is refused) and reused for a few seconds.
    private func members(of conversationId: String, asking connection: RealTimeConnection) async throws(ContractError) -> [String] {
        let lifetime = options.membersCacheLifetime
        if let cached = membersCache.withLock({ $0[conversationId] }), cached.fetched.duration(to: .now) < lifetime,
           cached.members.contains(connection.userId) {
            return cached.members
        }
        do {
            let list = try await bus.request(
                ListMembersV1(conversationId: conversationId),
                envelope: MessageEnvelope(type: ListMembersV1.messageType, tenant: connection.tenant, actor: connection.userId), timeout: deadline)
            let members = list.members.map(\.userId)
            membersCache.withLock { $0[conversationId] = (members, .now) }
            return members
        } catch {
            throw error.contractError
        }
    }

    /// Tells the people `userId` shares a conversation with about its presence now, as far as its
    /// privacy settings let them see it (``PresenceAudience``): nobody, friends only or everyone, never
    /// a user it blocks; the last-seen time only to those its `lastSeen` setting admits.
    private func announcePresence(of userId: String, tenant: String?) async {
        guard let presence else { return }
        let status = await presence.status(of: userId)
        let contacts = await contacts(of: userId, tenant: tenant)
        guard !contacts.isEmpty, let audience = await presenceAudience(of: userId, tenant: tenant) else { return }
        let (withLastSeen, withoutLastSeen) = audience.split(contacts)
        let lastSeenAt = status == .offline ? Date() : nil
        if !withLastSeen.isEmpty {
            await router.publishEphemeral(
                FrameBytes.frame(type: .presence, data: PresenceChangedV1(userId: userId, status: status, lastSeenAt: lastSeenAt)), to: withLastSeen)
        }
        if !withoutLastSeen.isEmpty {
            await router.publishEphemeral(
                FrameBytes.frame(type: .presence, data: PresenceChangedV1(userId: userId, status: status, lastSeenAt: nil)), to: withoutLastSeen)
        }
    }

    /// `userId`'s privacy settings and relationships, asked of identity as that user. `nil` when
    /// identity does not answer: presence is advisory, and it is not shown to people it might be
    /// hidden from.
    private func presenceAudience(of userId: String, tenant: String?) async -> PresenceAudience? {
        let settings: PrivacySettingsV1
        let relationships: RelationshipListV1
        do {
            settings = try await bus.request(
                GetPrivacySettingsV1(), envelope: MessageEnvelope(type: GetPrivacySettingsV1.messageType, tenant: tenant, actor: userId), timeout: deadline)
            guard settings.presence != .nobody else { return PresenceAudience(settings: settings, friends: [], blocked: []) }
            relationships = try await bus.request(
                ListRelationshipsV1(filter: .all), envelope: MessageEnvelope(type: ListRelationshipsV1.messageType, tenant: tenant, actor: userId),
                timeout: deadline)
        } catch {
            logger.debug("presence not announced: identity did not answer", metadata: ["user.id": .string(userId), "error": .string("\(error)")])
            return nil
        }
        return PresenceAudience(
            settings: settings,
            friends: Set(relationships.relationships.filter { $0.friendship == .friends }.map(\.otherUserId)),
            blocked: Set(relationships.relationships.filter(\.blocked).map(\.otherUserId)))
    }

    /// Everyone who shares a conversation with `userId` (from its inbox, first page).
    private func contacts(of userId: String, tenant: String?) async -> [String] {
        guard let inbox = try? await bus.request(
            ListConversationsV1(), envelope: MessageEnvelope(type: ListConversationsV1.messageType, tenant: tenant, actor: userId), timeout: deadline)
        else { return [] }
        var contacts = Set<String>()
        for entry in inbox.entries {
            let envelope = MessageEnvelope(type: ListMembersV1.messageType, tenant: tenant, actor: userId)
            if let list = try? await bus.request(ListMembersV1(conversationId: entry.conversation.id), envelope: envelope, timeout: deadline) {
                contacts.formUnion(list.members.map(\.userId))
            }
        }
        contacts.remove(userId)
        return Array(contacts)
    }

    /// Closes `channel` with `code` at once, whatever the client has not read: writes the close frame
    /// past the bounded buffer and closes the socket when it is out (or after 2 s).
    func abort(_ channel: any Channel, _ code: RealTimeProtocol.CloseCode, reason: String) {
        recordClose(code)
        channel.eventLoop.execute {
            var buffer = channel.allocator.buffer(capacity: 2 + reason.utf8.count)
            buffer.write(webSocketErrorCode: .unknown(code.rawValue))
            buffer.writeString(reason)
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: buffer)).whenComplete { _ in
                channel.close(promise: nil)
            }
            channel.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
        }
    }
}

/// What the edge needs of a verified access token.
struct AccessTokenClaimsView: Sendable {
    var userId: String
    var tenant: String?
    var sessionId: String
    var expiresAt: Date

    init(_ claims: AccessTokenClaims) {
        userId = claims.userId
        sessionId = claims.sessionId
        tenant = claims.tenant
        expiresAt = claims.expiration.value
    }
}

/// Runs ``RealTimeEdge/run(every:)`` (unbinding shards no connected user needs) until graceful shutdown.
///
/// ```swift
/// host.addService(RealTimeSweep(edge: realTime))
/// ```
public struct RealTimeSweep: Service {
    let edge: RealTimeEdge
    let interval: Duration

    /// - Parameters:
    ///   - edge: The gateway's real-time edge.
    ///   - interval: How long between sweeps (a minute).
    public init(edge: RealTimeEdge, interval: Duration = .seconds(60)) {
        self.edge = edge
        self.interval = interval
    }

    public func run() async throws {
        let edge = edge, interval = interval
        await cancelWhenGracefulShutdown { await edge.run(every: interval) }
    }
}
