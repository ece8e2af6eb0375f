/// The top level of a message body, `{"envelope":…,"error":…,"payload":…}`, written and read
/// without a keyed container: the members are known, so the coder goes straight to each value.
/// The bytes and values are those of `WireMessage`'s synthesized `Codable` conformance (members in
/// key order, an absent payload or error left out, unknown members ignored when reading).
extension WireJSON {
    /// The names of a message body's members, as coding keys for the paths of nested values.
    enum MessageKey: String, CodingKey {
        case envelope, error, payload
    }

    static func encode<Payload>(message: WireMessage<Payload>) throws -> [UInt8] {
        let sink = Sink()
        let serial = sink.open(isObject: true)
        // Written in key order, so completing the object finds nothing to sort.
        try sink.beginMember(of: serial, key: MessageKey.envelope.stringValue)
        sink.writeEnvelope(message.envelope)
        if let error = message.error {
            try sink.beginMember(of: serial, key: MessageKey.error.stringValue)
            try sink.write(error, parent: nil, key: MessageKey.error)
        }
        if let payload = message.payload {
            try sink.beginMember(of: serial, key: MessageKey.payload.stringValue)
            try sink.write(payload, parent: nil, key: MessageKey.payload)
        }
        sink.close(downTo: 0)
        guard !sink.failed else { throw Unsupported() }
        return sink.bytes
    }

    static func decode<Payload>(message type: Payload.Type, from bytes: UnsafeBufferPointer<UInt8>) throws -> WireMessage<Payload> {
        var parser = Parser(bytes: bytes)
        let document = try parser.parseDocument()
        guard case .object(let keys, let values) = document else { throw Unsupported() }
        let root = Decoder(value: document, parent: nil, key: nil)
        var envelope: MessageEnvelope?
        var payload: Payload?
        var error: ContractError?
        for index in keys.indices {
            guard let key = MessageKey(rawValue: keys[index]) else { continue }
            let value = values[index]
            switch key {
            case .envelope:
                envelope = try root.child(value, key: key).decodeValue(MessageEnvelope.self)
            case .error:
                if !value.isNull { error = try root.child(value, key: key).decodeValue(ContractError.self) }
            case .payload:
                if !value.isNull { payload = try root.child(value, key: key).decodeValue(Payload.self) }
            }
        }
        guard let envelope else { throw Unsupported() }
        return WireMessage(envelope: envelope, payload: payload, error: error)
    }
}
