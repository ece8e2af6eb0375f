import Logging
import SeedBus
import Synchronization

/// This gateway instance's connected clients, by user, and the shards its queue is bound for.
///
/// Deliveries from the edge exchange arrive on the bus's connection thread (``deliver(_:)``): the hub
/// looks up the local connections of each recipient and hands each its frame, which only appends to
/// the connection's bounded buffer, so the bus thread never waits for a client.
final class RealTimeHub: Sendable {
    let bus: Bus
    let routing: EdgeRouting
    let logger: Logger
    private let binder: ShardBinder

    private struct State {
        var connections: [String: [Int: RealTimeConnection]] = [:]
        var usersPerShard: [Int: Int] = [:]
        var nextNumber = 0
    }

    private let state = Mutex(State())

    init(bus: Bus, routing: EdgeRouting, logger: Logger) {
        self.bus = bus
        self.routing = routing
        self.logger = logger
        self.binder = ShardBinder(bus: bus, routing: routing, logger: logger)
    }

    /// A number for a new connection.
    func nextNumber() -> Int {
        state.withLock { state in
            defer { state.nextNumber += 1 }
            return state.nextNumber
        }
    }

    /// How many connections this instance holds.
    var connectionCount: Int {
        state.withLock { $0.connections.values.reduce(0) { $0 + $1.count } }
    }

    /// Adds `connection`; returns once this instance's queue is bound for the user's shard.
    func register(_ connection: RealTimeConnection) async {
        let shard = routing.shard(of: connection.userId)
        state.withLock { state in
            if state.connections[connection.userId, default: [:]].isEmpty { state.usersPerShard[shard, default: 0] += 1 }
            state.connections[connection.userId, default: [:]][connection.number] = connection
        }
        await binder.bind(shard)
    }

    /// Removes `connection`; the shard's binding goes with the next sweep once no user of it is left.
    func unregister(_ connection: RealTimeConnection) {
        let shard = routing.shard(of: connection.userId)
        state.withLock { state in
            state.connections[connection.userId]?[connection.number] = nil
            if state.connections[connection.userId]?.isEmpty == true {
                state.connections[connection.userId] = nil
                state.usersPerShard[shard, default: 1] -= 1
                if state.usersPerShard[shard] == 0 { state.usersPerShard[shard] = nil }
            }
        }
    }

    /// The local connections of `userId`.
    func connections(of userId: String) -> [RealTimeConnection] {
        state.withLock { state in state.connections[userId].map { Array($0.values) } ?? [] }
    }

    /// Hands an edge message to the local connections of its recipients.
    func deliver(_ delivery: InstanceDelivery) {
        guard let message = EdgeMessage(decoding: delivery.body) else {
            logger.warning("dropping a malformed edge message", metadata: ["routingKey": "\(delivery.routingKey)"])
            return
        }
        if let session = message.revokeSession {
            for user in message.recipients.keys {
                for connection in connections(of: user) where session == "*" || connection.sessionId == session {
                    connection.close(.sessionRevoked, reason: "the session was revoked")
                }
            }
            return
        }
        for (user, id) in message.recipients {
            for connection in connections(of: user) {
                connection.deliver(id: id.isEmpty ? nil : id, frame: message.frame)
            }
        }
    }

    /// Unbinds shards with no connected user.
    func sweep() async {
        let used = state.withLock { Set($0.usersPerShard.keys) }
        await binder.unbind(except: used)
    }
}

/// Binds and unbinds this instance's queue, one shard at a time in the order asked: the bus runs
/// binding operations in order, so the broker ends as the last call left it.
actor ShardBinder {
    let bus: Bus
    let routing: EdgeRouting
    let logger: Logger
    private var bound: Set<Int> = []
    private var binding: [Int: Task<Void, Never>] = [:]

    init(bus: Bus, routing: EdgeRouting, logger: Logger) {
        self.bus = bus
        self.routing = routing
        self.logger = logger
    }

    func bind(_ shard: Int) async {
        if bound.contains(shard) { return }
        if let pending = binding[shard] {
            await pending.value
            return
        }
        let bus = bus, key = routing.routingKey(of: shard), logger = logger
        let task = Task {
            do { try await bus.bindInstanceQueue(routingKey: key) } catch {
                logger.error("cannot bind the real-time queue", metadata: ["routingKey": "\(key)", "error": "\(error)"])
            }
        }
        binding[shard] = task
        bound.insert(shard)
        await task.value
        binding[shard] = nil
    }

    func unbind(except used: Set<Int>) async {
        for shard in bound.subtracting(used) where binding[shard] == nil {
            bound.remove(shard)
            do { try await bus.unbindInstanceQueue(routingKey: routing.routingKey(of: shard)) } catch {
                logger.warning("cannot unbind the real-time queue", metadata: ["shard": "\(shard)", "error": "\(error)"])
            }
        }
    }
}
