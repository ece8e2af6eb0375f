import Logging
import SeedRedis

/// Each user's recent frames in a bounded Redis stream, so that a client that reconnects with the id
/// of the last frame it saw gets what it missed (decision 0023). Redis holds nothing that cannot be
/// lost: without it frames carry no id and a reconnecting client reloads history over HTTP.
struct ResumeStreams: Sendable {
    let redis: RedisClient
    /// Key prefix; the user id follows.
    let namespace: String
    /// About how many frames each user's stream keeps (`MAXLEN ~`).
    let capacity: Int
    /// How long a stream outlives its last frame.
    let lifetime: Duration
    let logger: Logger

    /// The most frames a resume replays; older missed frames count as a gap.
    static let replayLimit = 500

    func key(_ userId: String) -> String { "\(namespace):\(userId)" }

    /// Appends `frame` to each recipient's stream; returns each recipient's frame id (none when
    /// Redis failed: the event is still delivered live, only not resumable).
    func append(_ frame: [UInt8], for recipients: [String]) async -> [String: String] {
        guard !recipients.isEmpty else { return [:] }
        var commands: [RedisCommand] = []
        commands.reserveCapacity(recipients.count * 2)
        let milliseconds = Int(lifetime.components.seconds * 1000)
        for user in recipients {
            commands.append(RedisCommand("XADD", arguments: [
                RedisArgument(key(user)), "MAXLEN", "~", .integer(capacity), "*", "f", .bytes(frame),
            ]))
            commands.append(RedisCommand("PEXPIRE", arguments: [RedisArgument(key(user)), .integer(milliseconds)]))
        }
        do {
            let replies = try await redis.pipeline(commands)
            var ids: [String: String] = [:]
            for (index, user) in recipients.enumerated() {
                if let id = replies[index * 2].string { ids[user] = id }
            }
            return ids
        } catch {
            logger.warning("real-time resume streams unavailable; delivering without ids", metadata: ["error": "\(error)"])
            return [:]
        }
    }

    /// The newest frame id of `userId`'s stream.
    func newest(of userId: String) async -> String? {
        guard let reply = try? await redis.send(RedisCommand("XREVRANGE", arguments: [RedisArgument(key(userId)), "+", "-", "COUNT", 1])),
              let entry = reply.array?.first?.array, let id = entry.first?.string else { return nil }
        return id
    }

    /// The frames of `userId` after `position`, oldest first, at most ``replayLimit``; `gap` when
    /// frames after `position` may have been trimmed already (or the id is not one of ours).
    func frames(of userId: String, after position: String) async -> (frames: [(id: String, frame: [UInt8])], gap: Bool) {
        guard let after = StreamPosition(position) else { return ([], true) }
        do {
            let first = try await redis.send(RedisCommand("XRANGE", arguments: [RedisArgument(key(userId)), "-", "+", "COUNT", 1]))
            let oldest = first.array?.first?.array?.first?.string.flatMap(StreamPosition.init)
            let reply = try await redis.send(RedisCommand("XRANGE", arguments: [
                RedisArgument(key(userId)), RedisArgument("(" + position), "+", "COUNT", .integer(Self.replayLimit + 1),
            ]))
            var frames: [(id: String, frame: [UInt8])] = []
            for entry in reply.array ?? [] {
                guard let parts = entry.array, parts.count == 2, let id = parts[0].string, let fields = parts[1].array,
                      fields.count >= 2, let frame = fields[1].bytes else { continue }
                frames.append((id, frame))
            }
            // Trimmed: the oldest kept frame is newer than the resume point, so some in between may be gone.
            var gap = oldest.map { $0 > after } ?? false
            if frames.count > Self.replayLimit {
                frames.removeFirst(frames.count - Self.replayLimit)
                gap = true
            }
            return (frames, gap)
        } catch {
            logger.warning("real-time resume streams unavailable; cannot replay", metadata: ["error": "\(error)"])
            return ([], true)
        }
    }
}
