import Foundation

// The gateway's WebSocket protocol (`GET /api/v1/realtime`, decision 0023): JSON text frames in both
// directions. Server frames are `{"id"?, "type", "data"}`: `type` is an event's wire name
// (`messaging.message-sent.v1`, …) whose `data` is that event's payload exactly as on the bus, or one
// of the gateway's own frame types below. Frames with an `id` can be resumed after.

/// Where the WebSocket endpoint lives and how it closes connections.
public enum RealTimeProtocol {
    /// The endpoint's path.
    public static let path = "/api/v1/realtime"

    /// Close codes the gateway sends (4000–4999 is the application range of RFC 6455).
    public enum CloseCode: UInt16, CaseIterable, Sendable {
        /// No usable access token: missing, malformed, badly signed, expired (also when it expires
        /// while connected) or revoked; or the first frame was not `auth`.
        case unauthenticated = 4401
        /// The session of the connection's access token was revoked (logout, suspension, deletion,
        /// reuse of a rotated refresh token) while connected: sign in again.
        case sessionRevoked = 4403
        /// No `auth` frame arrived within the authentication window (10 s).
        case authenticationTimeout = 4408
        /// The client read too slowly: its bounded send buffer filled up (`slow consumer`).
        case slowConsumer = 4429
        /// A frame was not JSON of a known type, or too large.
        case protocolViolation = 4400
        /// The gateway instance is shutting down; reconnect (with `lastEventId`) elsewhere.
        case goingAway = 1001

        /// What the code means, for the reference.
        public var meaning: String {
            switch self {
            case .unauthenticated: "the access token is missing, invalid, expired (also while connected) or revoked"
            case .sessionRevoked: "the connection's session was revoked while connected (logout, suspension, deletion): sign in again"
            case .authenticationTimeout: "no auth frame arrived within 10 s of the upgrade"
            case .slowConsumer: "the client read too slowly and its bounded send buffer filled up"
            case .protocolViolation: "a frame was not JSON of a known client frame type"
            case .goingAway: "the gateway instance is shutting down: reconnect with lastEventId"
            }
        }
    }

    /// The gateway's own server frame types (events use their wire names).
    public enum ServerFrameType: String, CaseIterable, Sendable {
        /// After authentication: ``RealTimeReadyV1``.
        case ready
        /// Answer to a client `ping`: `data` echoes the ping's `nonce`.
        case pong
        /// Someone in a shared conversation is typing or stopped: ``TypingV1``.
        case typing
        /// Someone sharing a conversation changed presence: ``PresenceChangedV1``.
        case presence
        /// A client frame could not be served: ``RealTimeErrorV1`` (the connection stays open).
        case error
    }
}

/// A frame the client sends.
public struct RealTimeClientFrameV1: Codable, Sendable, Equatable {
    /// The client frame types.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// First frame when the upgrade request had no `Authorization` header: `token`, optional `lastEventId`.
        case auth
        /// Resume after `lastEventId` (missed frames, then live); without it, only acknowledged.
        case subscribe
        /// The sender is typing in `conversationId` (`typing`: false when it stopped).
        case typing
        /// A keep-alive the server answers with `pong` (WebSocket pings are sent by the server too).
        case ping
        /// Marks `conversationId` read up to `messageId` (a read receipt for the other members).
        case read
        /// Sets the sender's presence `status`: online, away or dnd.
        case presence
    }

    public var type: Kind
    public var token: String?
    public var lastEventId: String?
    public var conversationId: String?
    public var messageId: String?
    public var typing: Bool?
    public var status: PresenceStatusV1?
    public var nonce: String?

    public init(
        type: Kind, token: String? = nil, lastEventId: String? = nil, conversationId: String? = nil, messageId: String? = nil,
        typing: Bool? = nil, status: PresenceStatusV1? = nil, nonce: String? = nil
    ) {
        self.type = type
        self.token = token
        self.lastEventId = lastEventId
        self.conversationId = conversationId
        self.messageId = messageId
        self.typing = typing
        self.status = status
        self.nonce = nonce
    }
}

/// A frame the server sends: an event or one of ``RealTimeProtocol/ServerFrameType``.
public struct RealTimeServerFrameV1<Payload: Codable & Sendable>: Codable, Sendable {
    /// The resumable position of this frame (per user); absent for typing, presence, pong, ready, error.
    public var id: String?
    /// An event's wire name or a ``RealTimeProtocol/ServerFrameType`` raw value.
    public var type: String
    public var data: Payload

    public init(id: String? = nil, type: String, data: Payload) {
        self.id = id
        self.type = type
        self.data = data
    }
}

/// The `ready` frame: who is connected and where the stream stands.
public struct RealTimeReadyV1: Codable, Sendable, Equatable {
    public var userId: String
    /// The id of the newest frame kept for this user when the connection was made: resume after it.
    public var lastEventId: String?
    /// How many missed frames follow before the live stream (after a resume).
    public var replayed: Int
    /// The resume point is older than what the gateway keeps: reload history over HTTP.
    public var gap: Bool

    public init(userId: String, lastEventId: String?, replayed: Int, gap: Bool) {
        self.userId = userId
        self.lastEventId = lastEventId
        self.replayed = replayed
        self.gap = gap
    }
}

/// A typing indicator (expires after a few seconds unless repeated).
public struct TypingV1: Codable, Sendable, Equatable {
    public var conversationId: String
    public var userId: String
    public var typing: Bool

    public init(conversationId: String, userId: String, typing: Bool) {
        self.conversationId = conversationId
        self.userId = userId
        self.typing = typing
    }
}

/// A user's presence (seed 001 `profile.status`).
public enum PresenceStatusV1: String, Codable, Sendable, CaseIterable {
    case online, away, dnd, offline
}

/// A presence change of someone who shares a conversation with the receiver.
public struct PresenceChangedV1: Codable, Sendable, Equatable {
    public var userId: String
    public var status: PresenceStatusV1
    public var lastSeenAt: Date?

    public init(userId: String, status: PresenceStatusV1, lastSeenAt: Date?) {
        self.userId = userId
        self.status = status
        self.lastSeenAt = lastSeenAt
    }
}

/// Why a client frame was not served.
public struct RealTimeErrorV1: Codable, Sendable, Equatable {
    public var code: ErrorCode
    public var message: String
    /// The client frame type it answers.
    public var frame: String?

    public init(code: ErrorCode, message: String, frame: String?) {
        self.code = code
        self.message = message
        self.frame = frame
    }
}
