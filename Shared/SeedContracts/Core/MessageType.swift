/// The name and version of a message, written on the wire as `<name>.v<version>`,
/// for example `identity.user-registered.v1`.
///
/// The version changes when a change to the payload is not backward compatible;
/// a consumer may then handle both versions side by side.
public struct MessageType: Hashable, Sendable, CustomStringConvertible {
    /// Dotted, lower-case name: `<service>.<noun-or-verb>`, for example `identity.register-user`.
    public let name: String
    /// Major version of the payload schema, starting at 1.
    public let version: Int

    public init(_ name: String, version: Int) {
        precondition(version >= 1, "message versions start at 1")
        self.name = name
        self.version = version
    }

    /// The form used in envelopes, AMQP `type` properties and event routing keys.
    public var wireName: String { "\(name).v\(version)" }

    public var description: String { wireName }

    /// Parses `<name>.v<version>`; returns `nil` for anything else.
    public init?(wireName: String) {
        guard let dot = wireName.lastIndex(of: "."),
              wireName[wireName.index(after: dot)...].hasPrefix("v"),
              let version = Int(wireName[wireName.index(dot, offsetBy: 2)...]),
              version >= 1
        else { return nil }
        let name = String(wireName[..<dot])
        guard !name.isEmpty else { return nil }
        self.init(name, version: version)
    }
}

extension MessageType: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let parsed = MessageType(wireName: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "message type '\(raw)' is not of the form <name>.v<version>")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wireName)
    }
}
