import Foundation
import SeedContracts

/// How events reach the gateway instances that hold their recipients' connections (decision 0023).
///
/// Every user id falls in one of ``shardCount`` shards (FNV-1a of its UTF-8 bytes). An instance binds
/// its own queue to the edge exchange with the routing key of each shard one of its connected users
/// is in; the router publishes an event once per shard among its recipients. An instance so receives
/// only events of shards it serves, and several instances serve the same shard at once.
public struct EdgeRouting: Sendable, Hashable {
    /// The topic exchange of per-shard deliveries (prefixed with the bus namespace).
    public var exchange = "seed.edge"
    /// How many shards user ids fall into.
    public var shardCount = 1024

    public init(exchange: String = "seed.edge", shardCount: Int = 1024) {
        self.exchange = exchange
        self.shardCount = max(1, shardCount)
    }

    /// The shard of `userId`.
    public func shard(of userId: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in userId.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(shardCount))
    }

    /// The routing key of `shard`: `edge.<shard>`.
    public func routingKey(of shard: Int) -> String { "edge.\(shard)" }
}

/// What the router publishes on the edge exchange: a header line with the recipients of this shard
/// and their frame ids, a newline, then the frame without its id (`{"type":…,"data":…}`).
struct EdgeMessage: Sendable {
    /// Recipient user id → the frame's id in that user's resume stream (`""` when it has none).
    var recipients: [String: String]
    var frame: [UInt8]
    /// A control message instead of a frame: close the recipients' connections of this session
    /// (`"*"`: every session of theirs) with ``RealTimeProtocol/CloseCode/sessionRevoked``.
    var revokeSession: String?

    private struct Header: Codable {
        var to: [String: String]
        var revoke: String?
    }

    func encoded() throws -> [UInt8] {
        var bytes = try JSONEncoder().encode(Header(to: recipients, revoke: revokeSession)).map { $0 }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: frame)
        return bytes
    }

    init(recipients: [String: String], frame: [UInt8], revokeSession: String? = nil) {
        self.recipients = recipients
        self.frame = frame
        self.revokeSession = revokeSession
    }

    init?(decoding bytes: [UInt8]) {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
              let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[..<newline])) else { return nil }
        recipients = header.to
        revokeSession = header.revoke
        frame = Array(bytes[(newline + 1)...])
    }
}

/// Frame bytes: `{"type":…,"data":…}` and, for one user, the same with its `id` first.
enum FrameBytes {
    /// `{"type":"<type>","data":<data>}`.
    static func frame(type: String, data: some Sequence<UInt8>) -> [UInt8] {
        var bytes = Array(#"{"type":""#.utf8)
        bytes.append(contentsOf: type.utf8)
        bytes.append(contentsOf: #"","data":"#.utf8)
        bytes.append(contentsOf: data)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// `frame` with `"id":"<id>"` as its first member (`frame` unchanged without an id).
    static func withID(_ id: String?, _ frame: [UInt8]) -> [UInt8] {
        guard let id, !id.isEmpty, frame.first == UInt8(ascii: "{") else { return frame }
        var bytes = Array(#"{"id":""#.utf8)
        bytes.append(contentsOf: id.utf8)
        bytes.append(contentsOf: #"","#.utf8)
        bytes.append(contentsOf: frame.dropFirst())
        return bytes
    }

    /// A gateway frame of `type` with an encodable payload.
    static func frame(type: RealTimeProtocol.ServerFrameType, data: some Encodable) -> [UInt8] {
        let encoded = (try? WireCoding.encode(value: data)) ?? Array("null".utf8)
        return frame(type: type.rawValue, data: encoded)
    }
}

/// A position in a user's resume stream: a Redis stream id `<milliseconds>-<sequence>`.
struct StreamPosition: Comparable, Sendable {
    var milliseconds: UInt64
    var sequence: UInt64

    init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let milliseconds = UInt64(parts[0]), let sequence = UInt64(parts[1]) else { return nil }
        self.milliseconds = milliseconds
        self.sequence = sequence
    }

    static func < (lhs: StreamPosition, rhs: StreamPosition) -> Bool {
        (lhs.milliseconds, lhs.sequence) < (rhs.milliseconds, rhs.sequence)
    }
}
