import SeedContracts

extension Bus {
    /// Publishes `event` on the event exchange with its wire name as routing key and waits for the
    /// broker's confirmation. An event no service subscribes to is kept in
    /// ``BusNames/unroutedEventQueue`` (the exchange's alternate exchange) rather than dropped.
    public func publish<E: Event>(_ event: E, envelope: MessageEnvelope? = nil) async throws(BusError) {
        try await publish(try Self.prepare(event, envelope: envelope))
    }

    /// Sends `command` to its owner's command queue (or to `to`) without waiting for its handler,
    /// and waits for the broker's confirmation. Fails with `.unroutable` when the queue does not exist.
    public func send<C: Command>(_ command: C, to destination: ServiceName? = nil, envelope: MessageEnvelope? = nil) async throws(BusError) {
        try await publish(try Self.prepare(command, to: destination, envelope: envelope))
    }

    /// Sends `command` as a request over direct reply-to and waits up to `timeout` for its reply.
    ///
    /// A handler's typed error comes back as `.rejected(ContractError)`; no reply in time is `.timeout`.
    public func request<C: Command>(
        _ command: C, to destination: ServiceName? = nil, envelope: MessageEnvelope? = nil,
        timeout: Duration = .seconds(10)
    ) async throws(BusError) -> C.Reply {
        let connection = try liveConnection()
        let envelope = Self.envelope(envelope, type: C.messageType)
        // A request is transient and carries its own message id as AMQP correlation id, which the reply echoes.
        let message = OutgoingMessage(
            exchange: "", routingKey: names.commandQueue(of: try Self.destination(of: C.self, to: destination)),
            body: try Self.encode(WireMessage(envelope: envelope, payload: command)),
            type: C.messageType.wireName, messageId: envelope.messageId, correlationId: envelope.messageId,
            mandatory: true, persistent: false)
        let started = ContinuousClock.now
        let result = await connection.request(message, timeout: timeout)
        metrics.requestLatency.recordNanoseconds(started.duration(to: .now).nanoseconds)
        let reply: WireMessage<C.Reply>
        do {
            reply = try WireCoding.decode(C.Reply.self, from: try result.get())
        } catch let error as BusError {
            throw error
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
