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

/// Takes the events the real-time edge delivers from the gateway's shared event queue (one gateway
/// instance handles each event), records each recipient's frame in its resume stream, and publishes
/// the frame once per shard among the recipients on the edge exchange (decision 0023).
struct RealTimeEventRouter: Sendable {
    let bus: Bus
    let routing: EdgeRouting
    let streams: ResumeStreams?
    let logger: Logger

    /// The events delivered to clients, as `{"type": <wire name>, "data": <payload>}`.
    static let deliveredEvents: [any RecipientAddressed.Type] = [
        ConversationCreatedV1.self, ConversationUpdatedV1.self, MemberJoinedV1.self, MemberLeftV1.self, MessageSentV1.self,
        MessageEditedV1.self, MessageDeletedV1.self, ReactionChangedV1.self, ReadUpToV1.self, MessagesDeliveredV1.self,
    ]

    /// Subscribes the gateway's bus to every delivered event.
    func register() {
        for type in Self.deliveredEvents { subscribe(type) }
    }

    private func subscribe<E: RecipientAddressed>(_ type: E.Type) {
        bus.subscribe(type) { event, _ in
            let data: [UInt8]
            do { data = try WireCoding.encode(value: event) } catch {
                throw ContractError(.validation, "\(E.messageType) does not encode: \(error)")
            }
            try await route(FrameBytes.frame(type: E.messageType.wireName, data: data), to: event.recipients)
        }
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
