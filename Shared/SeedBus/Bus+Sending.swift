import SeedContracts

extension Bus {
    /// Publishes `event` on the event exchange with its wire name as routing key and waits for the
    /// broker's confirmation. An event no service subscribes to is kept in
    /// ``BusNames/unroutedEventQueue`` (the exchange's alternate exchange) rather than dropped.
    ///
    /// Recorded as the span `send <type>`, whose context the envelope's `traceparent` carries.
    public func publish<E: Event>(_ event: E, envelope: MessageEnvelope? = nil) async throws(BusError) {
        var envelope = Self.envelope(envelope, type: E.messageType)
        let span = tracing.outgoing(.send, &envelope, destination: names.eventExchange)
        do throws(BusError) {
            try await publishUntraced(try Self.prepare(event, envelope: envelope))
            span.end()
        } catch {
            span.end(failing: error)
            throw error
        }
    }

    /// Sends `command` to its owner's command queue (or to `to`) without waiting for its handler,
    /// and waits for the broker's confirmation. Fails with `.unroutable` when the queue does not exist.
    ///
    /// Recorded as the span `send <type>`, whose context the envelope's `traceparent` carries.
    public func send<C: Command>(_ command: C, to destination: ServiceName? = nil, envelope: MessageEnvelope? = nil) async throws(BusError) {
        var envelope = Self.envelope(envelope, type: C.messageType)
        let queue = names.commandQueue(of: try Self.destination(of: C.self, to: destination))
        let span = tracing.outgoing(.send, &envelope, destination: queue)
        do throws(BusError) {
            try await publishUntraced(try Self.prepare(command, to: destination, envelope: envelope))
            span.end()
        } catch {
            span.end(failing: error)
            throw error
        }
    }

    /// Sends `command` as a request over direct reply-to and waits up to `timeout` for its reply.
    ///
    /// A handler's typed error comes back as `.rejected(ContractError)`; no reply in time is `.timeout`.
    /// Recorded as the span `request <type>`, whose context the envelope's `traceparent` carries.
    public func request<C: Command>(
        _ command: C, to destination: ServiceName? = nil, envelope: MessageEnvelope? = nil,
        timeout: Duration = .seconds(10)
    ) async throws(BusError) -> C.Reply {
        try Self.decodeReply(to: C.self, from: try await requestBody(command, to: destination, envelope: envelope, timeout: timeout))
    }

    /// Sends `command` as ``request(_:to:envelope:timeout:)`` does and returns its reply's payload as
    /// JSON, exactly as the replying service encoded it (the wire format: sorted keys, dates with
    /// milliseconds), without decoding it: for a caller that only passes the reply on, such as the
    /// gateway. Errors are the same as ``request(_:to:envelope:timeout:)``'s.
    public func requestPayloadJSON<C: Command>(
        _ command: C, to destination: ServiceName? = nil, envelope: MessageEnvelope? = nil,
        timeout: Duration = .seconds(10)
    ) async throws(BusError) -> ArraySlice<UInt8> {
        let body = try await requestBody(command, to: destination, envelope: envelope, timeout: timeout)
        if case .payload(let range) = WireReplyContent(of: body) { return body[range] }
        // An error reply, or a body the scan cannot read: decoding says which.
        let payload = try Self.decodeReply(to: C.self, from: body)
        do {
            return ArraySlice(try WireCoding.encode(value: payload))
        } catch {
            throw .malformed("the reply to \(C.messageType) does not encode: \(error)")
        }
    }

    /// Publishes the request and waits for the reply's body.
    private func requestBody<C: Command>(
        _ command: C, to destination: ServiceName?, envelope: MessageEnvelope?, timeout: Duration
    ) async throws(BusError) -> [UInt8] {
        let connection = try liveConnection()
        var envelope = Self.envelope(envelope, type: C.messageType)
        let queue = names.commandQueue(of: try Self.destination(of: C.self, to: destination))
        let span = tracing.outgoing(.request, &envelope, destination: queue)
        // A request is transient and carries its own message id as AMQP correlation id, which the reply echoes.
        let message: OutgoingMessage
        do throws(BusError) {
            message = OutgoingMessage(
                exchange: "", routingKey: queue,
                body: try Self.encode(WireMessage(envelope: envelope, payload: command)),
                type: C.messageType.wireName, messageId: envelope.messageId, correlationId: envelope.messageId,
                mandatory: true, persistent: false)
        } catch {
            span.end(failing: error)
            throw error
        }
        let started = ContinuousClock.now
        let result = await connection.request(message, timeout: timeout)
        metrics.requestLatency.recordNanoseconds(started.duration(to: .now).nanoseconds)
        switch result {
        case .success(let body):
            span.end()
            return body
        case .failure(let error):
            span.end(failing: error)
            throw error
        }
    }

    /// The payload of a reply body, or the handler's error as `.rejected`.
    ///
    /// The caller needs only the payload, so when a scan of the body's top level finds one, only the
    /// payload is decoded; the reply's envelope (ids, date, trace context) is not read. Anything else
    /// (an error reply, a payload that does not decode) goes through the whole body's decode, which
    /// says what is wrong.
    private static func decodeReply<C: Command>(to command: C.Type, from body: [UInt8]) throws(BusError) -> C.Reply {
        if case .payload(let range) = WireReplyContent(of: body),
           let payload = try? WireCoding.decode(value: C.Reply.self, from: body[range]) {
            return payload
        }
        let reply: WireMessage<C.Reply>
        do {
            reply = try WireCoding.decode(C.Reply.self, from: body)
        } catch {
            throw .malformed("the reply to \(C.messageType) does not decode as \(C.Reply.messageType): \(error)")
        }
        do {
            return try reply.result()
        } catch {
            throw .rejected(error)
        }
    }

    func publishConfirmed(_ message: OutgoingMessage) async throws(BusError) {
        let connection = try liveConnection()
        try await connection.publishConfirmed(message, timeout: configuration.publishTimeout).get()
        metrics.published.increment()
    }

    static func envelope(_ envelope: MessageEnvelope?, type: MessageType) -> MessageEnvelope {
        guard var envelope else { return MessageEnvelope(type: type) }
        envelope.type = type
        return envelope
    }

    static func destination<C: Command>(of type: C.Type, to destination: ServiceName?) throws(BusError) -> ServiceName {
        if let destination { return destination }
        switch C.destination {
        case .service(let owner): return owner
        case .anyService: throw .missingDestination(C.messageType)
        }
    }

    static func encode<M: Message>(_ message: WireMessage<M>) throws(BusError) -> [UInt8] {
        do {
            return try WireCoding.encode(message)
        } catch {
            throw .malformed("\(M.messageType) does not encode: \(error)")
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
