import Logging
import SeedBus
import SeedContracts

/// An event that names the users it concerns.
protocol RecipientAddressed: Event {
    var recipients: [String] { get }
}

extension ConversationCreatedV1: RecipientAddressed {}
extension ConversationUpdatedV1: RecipientAddressed {}
extension MemberJoinedV1: RecipientAddressed {}
extension MemberLeftV1: RecipientAddressed {}
extension MessageSentV1: RecipientAddressed {}
extension MessageEditedV1: RecipientAddressed {}
extension MessageDeletedV1: RecipientAddressed {}
extension ReactionChangedV1: RecipientAddressed {}
extension ReadUpToV1: RecipientAddressed {}
extension MessagesDeliveredV1: RecipientAddressed {}
extension NotificationCreatedV1: RecipientAddressed {}
extension NotificationUpdatedV1: RecipientAddressed {}

/// Takes the events the real-time edge delivers from the gateway's shared event queue (one gateway
/// instance handles each event), records each recipient's frame in its resume stream, and publishes
/// the frame once per shard among the recipients on the edge exchange (decision 0023).
struct RealTimeEventRouter: Sendable {
    let bus: Bus
    let routing: EdgeRouting
    let streams: ResumeStreams?
    let logger: Logger

    /// The events delivered to clients, as `{"type": <wire name>, "data": <payload>}`: those of
    /// ``RealTimeProtocol/deliveredEvents`` (docs/realtime.md), as their recipient-addressed types.
    static let deliveredEvents: [any RecipientAddressed.Type] = [
        ConversationCreatedV1.self, ConversationUpdatedV1.self, MemberJoinedV1.self, MemberLeftV1.self, MessageSentV1.self,
        MessageEditedV1.self, MessageDeletedV1.self, ReactionChangedV1.self, ReadUpToV1.self, MessagesDeliveredV1.self,
        NotificationCreatedV1.self, NotificationUpdatedV1.self,
    ]

    /// Subscribes the gateway's bus to every delivered event, and to identity's revocations (which
    /// close the sockets of the session, or of every session of the user, on whichever instance).
    func register() {
        for type in Self.deliveredEvents
            where ObjectIdentifier(type) != ObjectIdentifier(MessageSentV1.self) && ObjectIdentifier(type) != ObjectIdentifier(MessageEditedV1.self) {
            subscribe(type)
        }
        // An end-to-end encrypted message carries a key per member: each recipient gets only its own.
        bus.subscribe(MessageSentV1.self) { event, _ in
            for (recipients, copy) in Self.perRecipientKeys(event, message: \.message) {
                try await route(try Self.frame(of: copy), to: recipients)
            }
        }
        bus.subscribe(MessageEditedV1.self) { event, _ in
            for (recipients, copy) in Self.perRecipientKeys(event, message: \.message) {
                try await route(try Self.frame(of: copy), to: recipients)
            }
        }
        bus.subscribe(SessionRevokedV1.self) { event, _ in try await revoke(session: event.sessionId, of: event.userId) }
        bus.subscribe(UserSuspendedV1.self) { event, _ in try await revoke(session: "*", of: event.userId) }
        bus.subscribe(UserDeletedV1.self) { event, _ in try await revoke(session: "*", of: event.userId) }
    }

    private func subscribe<E: RecipientAddressed>(_ type: E.Type) {
        bus.subscribe(type) { event, _ in
            try await route(try Self.frame(of: event), to: event.recipients)
        }
    }

    /// `{"type": <wire name>, "data": <event>}`.
    static func frame<E: Event>(of event: E) throws -> [UInt8] {
        do { return FrameBytes.frame(type: E.messageType.wireName, data: try WireCoding.encode(value: event)) } catch {
            throw ContractError(.validation, "\(E.messageType) does not encode: \(error)")
        }
    }

    /// The event as each group of recipients may see it: unchanged when its message is not end-to-end
    /// encrypted; otherwise one copy per recipient whose payload keeps only that recipient's key
    /// (`recipients` of the copy: that recipient alone).
    static func perRecipientKeys<E: RecipientAddressed>(_ event: E, message: WritableKeyPath<E, ChatMessageV1>) -> [([String], E)] {
        guard let payload = event[keyPath: message].encrypted else { return [(event.recipients, event)] }
        return Array(Set(event.recipients)).sorted().map { user in
            var copy = event
            var own = payload
            own.keys = payload.keys.filter { $0.key == user }
            copy[keyPath: message].encrypted = own
            return ([user], copy)
        }
    }

    /// Tells every instance serving `userId`'s shard to close the user's connections of `session`
    /// (`"*"`: all of them) with ``RealTimeProtocol/CloseCode/sessionRevoked``.
    func revoke(session: String, of userId: String) async throws {
        let body: [UInt8]
        do { body = try EdgeMessage(recipients: [userId: ""], frame: [], revokeSession: session).encoded() } catch {
            throw BusError.malformed("an edge message does not encode: \(error)")
        }
        try await bus.publishTransient(body, exchange: routing.exchange, routingKey: routing.routingKey(of: routing.shard(of: userId)))
    }

    /// Records `frame` for `recipients` and publishes it to their shards.
    func route(_ frame: [UInt8], to recipients: [String]) async throws {
        let unique = Array(Set(recipients))
        guard !unique.isEmpty else { return }
        let ids = await streams?.append(frame, for: unique) ?? [:]
        var byShard: [Int: [String: String]] = [:]
        for user in unique { byShard[routing.shard(of: user), default: [:]][user] = ids[user] ?? "" }
        let bus = bus, exchange = routing.exchange, routing = routing
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (shard, recipients) in byShard {
                let body: [UInt8]
                do { body = try EdgeMessage(recipients: recipients, frame: frame).encoded() } catch {
                    throw BusError.malformed("an edge message does not encode: \(error)")
                }
                group.addTask { try await bus.publishTransient(body, exchange: exchange, routingKey: routing.routingKey(of: shard)) }
            }
            try await group.waitForAll()
        }
    }

    /// Publishes an ephemeral frame (typing, presence) to `recipients`' shards, with no resume id.
    func publishEphemeral(_ frame: [UInt8], to recipients: [String]) async {
        var byShard: [Int: [String: String]] = [:]
        for user in Set(recipients) { byShard[routing.shard(of: user), default: [:]][user] = "" }
        for (shard, recipients) in byShard {
            guard let body = try? EdgeMessage(recipients: recipients, frame: frame).encoded() else { continue }
            do { try await bus.publishTransient(body, exchange: routing.exchange, routingKey: routing.routingKey(of: shard)) } catch {
                logger.debug("an ephemeral real-time frame was not published", metadata: ["error": "\(error)"])
            }
        }
    }
}
