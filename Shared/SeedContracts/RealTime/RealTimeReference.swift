import Foundation

extension RealTimeProtocol {
    /// The bus events the gateway delivers as frames (`type` = the event's wire name, `data` = its
    /// payload), each to the users its `recipients` name. The gateway's router subscribes to exactly
    /// these (a test compares them).
    public static let deliveredEvents: [any Event.Type] = [
        ConversationCreatedV1.self, ConversationUpdatedV1.self, MemberJoinedV1.self, MemberLeftV1.self, MessageSentV1.self,
        MessageEditedV1.self, MessageDeletedV1.self, ReactionChangedV1.self, ReadUpToV1.self, MessagesDeliveredV1.self,
        NotificationCreatedV1.self, NotificationUpdatedV1.self,
    ]
}

/// Renders `docs/realtime.md`, the reference of the gateway's WebSocket frames, from the frame types
/// of ``RealTimeProtocol`` and the contract types, so that it cannot drift from the code.
///
/// `seed-contract-docs realtime` writes it (scripts/gen-contract-docs); a test fails when the
/// committed file differs from what this renders.
public enum RealTimeReference {
    static let exampleConversation = ConversationV1.example.id
    static let exampleUser = MemberV1.example.userId
    static let exampleFrameId = "1767260200000-0"

    /// One example per client frame type.
    static func example(_ kind: RealTimeClientFrameV1.Kind) -> RealTimeClientFrameV1 {
        switch kind {
        case .auth: RealTimeClientFrameV1(type: .auth, token: "<access token>", lastEventId: exampleFrameId)
        case .subscribe: RealTimeClientFrameV1(type: .subscribe, lastEventId: exampleFrameId)
        case .typing: RealTimeClientFrameV1(type: .typing, conversationId: exampleConversation, typing: true)
        case .ping: RealTimeClientFrameV1(type: .ping, nonce: "n-1")
        case .read: RealTimeClientFrameV1(type: .read, conversationId: exampleConversation, messageId: ChatMessageV1.example.id)
        case .presence: RealTimeClientFrameV1(type: .presence, status: .away)
        }
    }

    /// What each client frame type does and which fields it takes.
    static func meaning(_ kind: RealTimeClientFrameV1.Kind) -> String {
        switch kind {
        case .auth: "First frame when the upgrade request had no `Authorization` header (browsers): `token`, optional `lastEventId`. Within 10 s, or the connection closes with 4408."
        case .subscribe: "Replays the frames after `lastEventId` (then live, without duplicates)."
        case .typing: "The sender is typing in `conversationId` (`typing`: false when it stopped); members of it get a `typing` frame. A non-member gets an `error` frame."
        case .ping: "Keep-alive; answered with `pong` echoing `nonce`."
        case .read: "Marks `conversationId` read up to `messageId`: the members get a `messaging.read-up-to.v1` frame."
        case .presence: "Sets the sender's `status` (online, away, dnd); people who share a conversation get a `presence` frame, as far as the sender's privacy settings allow: `presence` nobody, contacts (friends) or everyone, never a user the sender blocks; `lastSeenAt` only for those its `lastSeen` setting admits."
        }
    }

    /// One example per gateway frame type (its `data`).
    static func example(_ type: RealTimeProtocol.ServerFrameType) -> any Encodable & Sendable {
        switch type {
        case .ready: RealTimeReadyV1(userId: exampleUser, lastEventId: exampleFrameId, replayed: 2, gap: false)
        case .pong: ["nonce": "n-1"]
        case .typing: TypingV1(conversationId: exampleConversation, userId: exampleUser, typing: true)
        case .presence: PresenceChangedV1(userId: exampleUser, status: .offline, lastSeenAt: Date(timeIntervalSince1970: 1_767_260_200))
        case .error: RealTimeErrorV1(code: .notFound, message: "no conversation \(exampleConversation)", frame: "typing")
        }
    }

    /// The whole reference as Markdown.
    public static func markdown() -> String {
        var out = """
        # Real-time frames

        Generated from `Shared/SeedContracts` (`RealTimeProtocol`, the frame types and the delivered
        events) by `scripts/gen-contract-docs`; do not edit by hand (a test fails when this file and
        the code disagree). Design: decision 0023 (fan-out, resume, back-pressure) and 0028 (revocation,
        per-recipient keys, notifications).

        ## Connecting

        `GET \(RealTimeProtocol.path)` upgraded to a WebSocket. Authenticate with
        `Authorization: Bearer <access token>` on the upgrade, or with an `auth` frame first. Resume
        with `?lastEventId=<id of the last frame seen>` (or `lastEventId` in the `auth` frame, or a
        `subscribe` frame): the frames after it follow `ready`, then the live stream, with nothing lost
        or repeated. `ready.gap` true means the resume point is older than what the gateway keeps
        (about 1,000 frames or 24 hours per user): reload history over HTTP.

        Every frame is one JSON text message. The server pings every 20 s; a client that does not answer
        by the next ping is disconnected.

        ## Close codes

        | code | meaning |
        | --- | --- |

        """
        for code in RealTimeProtocol.CloseCode.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
            out += "| \(code.rawValue) | \(code.meaning) |\n"
        }

        out += "\n## Client → server\n\n`{\"type\": <kind>, ...fields}`; unknown types or non-JSON frames close the connection with 4400.\n"
        for kind in RealTimeClientFrameV1.Kind.allCases {
            let frame = example(kind)
            out += "\n### `\(kind.rawValue)`\n\n\(meaning(kind))\n\n"
            out += table(ContractReference.fields(of: frame), header: "field")
            out += "```json\n\(json(frame))\n```\n"
        }

        out += """

        ## Server → client

        `{"id"?: <resume position>, "type": <type>, "data": <payload>}`. Frames of bus events carry an `id`
        (per user; resume after it); `ready`, `pong`, `typing`, `presence` and `error` do not.

        ### Gateway frames

        """
        for type in RealTimeProtocol.ServerFrameType.allCases {
            let data = example(type)
            out += "\n#### `\(type.rawValue)`\n\n"
            out += table(ContractReference.fields(of: data).map { ("data.\($0.0)", $0.1) }, header: "field")
            out += "```json\n\(json(Frame(id: nil, type: type.rawValue, data: data)))\n```\n"
        }

        out += """

        ### Event frames

        Each delivered bus event, to the users its `recipients` name (only members of the conversation,
        only the notification's own user). An end-to-end encrypted message's `encrypted.keys` holds only
        the receiving user's key. `data` is the event's payload exactly as in docs/contracts.md.

        """
        for event in RealTimeProtocol.deliveredEvents.sorted(by: { $0.messageType.wireName < $1.messageType.wireName }) {
            out += "\n#### `\(event.messageType.wireName)`\n\n\(event.summary)\n\n"
            out += "```json\n\(json(Frame(id: exampleFrameId, type: event.messageType.wireName, data: example(of: event))))\n```\n"
        }
        return out
    }

    private struct Frame: Encodable {
        var id: String?
        var type: String
        var data: any Encodable & Sendable

        enum CodingKeys: String, CodingKey { case id, type, data }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(id, forKey: .id)
            try container.encode(type, forKey: .type)
            try container.encode(data, forKey: .data)
        }
    }

    private static func example<M: Message>(of type: M.Type) -> any Encodable & Sendable { M.example }

    private static func table(_ fields: [(String, String)], header: String) -> String {
        guard !fields.isEmpty else { return "" }
        return (["| \(header) | JSON type |", "| --- | --- |"] + fields.map { "| `\($0.0)` | \($0.1) |" }).joined(separator: "\n") + "\n\n"
    }

    private static func json(_ value: some Encodable) -> String {
        let encoder = WireCoding.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            preconditionFailure("a real-time example does not encode: \(error)")
        }
    }
}
