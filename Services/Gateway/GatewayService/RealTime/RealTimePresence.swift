import Foundation
import SeedContracts
import SeedRedis

/// Presence and typing in Redis, written by the gateway instances that hold the connections.
///
/// - `<ns>:online:<user>`: how many connections the user has, expiring 90 s after the last
///   refresh, so the connections of a crashed instance stop counting by themselves.
/// - `<ns>:status:<user>`: the status the user chose (online, away, dnd); online by default.
/// - `<ns>:seen:<user>`: when the user was last connected (milliseconds since 1970).
/// - `<ns>:typing:<conversation>:<user>`: set while typing, expiring after a few seconds.
///
/// Presence is advisory: Redis failures read as offline and write nothing (docs/redis.md).
struct RealTimePresence: Sendable {
    let redis: RedisClient
    let namespace: String
    let typingLifetime: Duration
    static let onlineLifetimeMilliseconds = 90_000

    private func key(_ kind: String, _ id: String) -> RedisArgument { RedisArgument("\(namespace):\(kind):\(id)") }

    func connected(_ userId: String) async {
        _ = try? await redis.pipeline([
            RedisCommand("INCR", key("online", userId)),
            RedisCommand("PEXPIRE", key("online", userId), .integer(Self.onlineLifetimeMilliseconds)),
        ])
    }

    /// Keeps a connected user's count from expiring (called every heartbeat).
    func refresh(_ userId: String) async {
        _ = try? await redis.send(RedisCommand("PEXPIRE", key("online", userId), .integer(Self.onlineLifetimeMilliseconds)))
    }

    func disconnected(_ userId: String) async {
        let now = Int(Date().timeIntervalSince1970 * 1000)
        guard let replies = try? await redis.pipeline([
            RedisCommand("DECR", key("online", userId)),
            RedisCommand("SET", key("seen", userId), .integer(now)),
        ]) else { return }
        if let count = replies[0].integer, count <= 0 { _ = try? await redis.send(RedisCommand("DEL", key("online", userId))) }
    }

    func set(_ userId: String, status: PresenceStatusV1) async {
        _ = try? await redis.send(RedisCommand("SET", key("status", userId), RedisArgument(status.rawValue)))
    }

    func status(of userId: String) async -> PresenceStatusV1 {
        guard let replies = try? await redis.pipeline([
            RedisCommand("GET", key("online", userId)), RedisCommand("GET", key("status", userId)),
        ]) else { return .offline }
        guard let count = replies[0].string.flatMap(Int.init), count > 0 else { return .offline }
        return replies[1].string.flatMap(PresenceStatusV1.init(rawValue:)) ?? .online
    }

    func lastSeen(of userId: String) async -> Date? {
        guard let text = try? await redis.send(RedisCommand("GET", key("seen", userId))).string, let ms = Double(text) else { return nil }
        return Date(timeIntervalSince1970: ms / 1000)
    }

    func typing(_ userId: String, in conversationId: String, _ typing: Bool) async {
        let typingKey = key("typing", "\(conversationId):\(userId)")
        if typing {
            _ = try? await redis.send(RedisCommand("SET", typingKey, "1", "PX", .integer(Int(typingLifetime.components.seconds * 1000))))
        } else {
            _ = try? await redis.send(RedisCommand("DEL", typingKey))
        }
    }
}
