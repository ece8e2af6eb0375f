import Foundation

/// The real-time edge tells identity when a user was last connected (seed 001 `lastSeen`): when the
/// user's last WebSocket closes. Identity keeps the newest time (and counts the user active for the
/// month); who may see it is the user's `lastSeen` privacy setting.
public struct RecordLastSeenV1: IdentityCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("identity.record-last-seen", version: 1)
    public static let summary = "Moves a user's lastSeenAt forward (never back); the gateway sends it when the user's last connection closes."
    public static let example = RecordLastSeenV1(userId: UserV1.example.id, lastSeenAt: Date(timeIntervalSince1970: 1_796_300_000))

    public var userId: String
    public var lastSeenAt: Date

    public init(userId: String, lastSeenAt: Date) {
        self.userId = userId
        self.lastSeenAt = lastSeenAt
    }
}
