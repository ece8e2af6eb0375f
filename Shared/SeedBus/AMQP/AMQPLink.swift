import CRabbitMQ
import Glibc

/// Something the broker sent that the connection thread has to act on.
enum LinkEvent {
    case delivery(Delivery)
    /// `basic.ack` (`acknowledged`) or `basic.nack` on a confirm-mode channel.
    case confirm(channel: UInt16, deliveryTag: UInt64, multiple: Bool, acknowledged: Bool)
    /// A `mandatory` message came back unroutable.
    case returned(channel: UInt16, messageId: String?, correlationId: String?, exchange: String, routingKey: String)
    /// The broker cancelled a consumer (its queue was deleted).
    case consumerCancelled(consumerTag: String)
    /// A frame the bus does not act on.
    case ignored
}

/// One TCP connection to the broker: a thin, typed layer over librabbitmq.
///
/// librabbitmq is not thread-safe, so a link is used only by the connection thread that opened it.
/// Every method that fails leaves the link unusable; the thread then drops it and reconnects.
final class AMQPLink {
    private let state: amqp_connection_state_t
    private var arena = ByteArena()
    /// Publishes and acknowledgements not yet written; see ``flush()``.
    private var frames = FrameWriter()
    /// The largest frame the broker accepts, negotiated at login.
    private let frameMax: Int
    /// The generation stamped on every delivery of this link.
    let generation: UInt64

    /// Opens the socket and logs in.
    init(configuration: BusConfiguration, generation: UInt64) throws(BusError) {
        // Everything that can fail happens before `self` is fully initialised, so a failure
        // destroys the connection here and `deinit` (which would destroy it again) never runs.
        state = try Self.openConnection(configuration)
        self.generation = generation
        frameMax = Int(amqp_get_frame_max(state))
    }

    private static func openConnection(_ configuration: BusConfiguration) throws(BusError) -> amqp_connection_state_t {
        guard let state = amqp_new_connection() else { throw .unavailable("out of memory creating a connection") }
        guard let socket = amqp_tcp_socket_new(state) else {
            amqp_destroy_connection(state)
            throw .unavailable("cannot create a TCP socket")
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        let status = amqp_socket_open_noblock(socket, configuration.host, Int32(configuration.port), &timeout)
        guard status == AMQP_STATUS_OK.rawValue else {
            amqp_destroy_connection(state)
            throw .unavailable("cannot connect to \(configuration.host):\(configuration.port): \(String(cString: amqp_error_string2(status)))")
        }
        let reply = seed_amqp_login_plain(
            state, configuration.virtualHost, 0, 131_072, Int32(configuration.heartbeatSeconds),
            configuration.user, configuration.password)
        if let failure = describe(reply) {
            amqp_destroy_connection(state)
            throw .unavailable("login to \(configuration.host):\(configuration.port) failed: \(failure)")
        }
        // A synchronous method (declare, basic.get, close) never blocks the thread for longer than this.
        var rpcTimeout = timeval(tv_sec: 10, tv_usec: 0)
        _ = amqp_set_rpc_timeout(state, &rpcTimeout)
        return state
    }

    deinit {
        amqp_destroy_connection(state)
    }

    /// The socket to `poll()` for readability.
    var socket: Int32 { amqp_get_sockfd(state) }

    /// Whether a frame is already buffered or queued, so `poll()` must not wait.
    var hasBufferedInput: Bool { amqp_data_in_buffer(state) != 0 || amqp_frames_enqueued(state) != 0 }

    /// Sends `connection.close` and waits for `close-ok`.
    func close() {
        try? flush()
        _ = amqp_connection_close(state, AMQP_REPLY_SUCCESS)
    }

    /// Writes the publishes and acknowledgements gathered so far (``FrameWriter``). Every method that
    /// lets librabbitmq write calls it first, so frames keep their order; the connection thread calls
    /// it once per round, before it sleeps.
    func flush() throws(BusError) {
        try frames.flush(to: socket, timeout: Self.writeTimeout)
    }

    /// How long a write may wait for room in the socket before the link counts as lost.
    private static let writeTimeout = Duration.seconds(10)

    // MARK: Synchronous methods (each waits for its `-ok`)

    /// Runs one synchronous method on `channel`: writes the gathered frames first, so frames keep
    /// their order, then calls `method` (whose strings and tables live in the arena it is given) and
    /// checks the broker's answer, naming the method by `what` when it failed.
    private func synchronous<Answer>(
        _ what: @autoclosure () -> String, on channel: UInt16, _ method: (inout ByteArena) -> Answer
    ) throws(BusError) -> Answer {
        try flush()
        defer { arena.reset() }
        let answer = method(&arena)
        let reply = amqp_get_rpc_reply(state)
        guard let failure = Self.describe(reply) else { return answer }
        if reply.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION, reply.reply.id == 0x0014_0028 {
            closedChannel = channel
        }
        throw .broker("\(what()): \(failure)")
    }

    func openChannel(_ channel: UInt16) throws(BusError) {
        _ = try synchronous("channel.open \(channel)", on: channel) { _ in amqp_channel_open(state, channel) }
    }

    func selectConfirms(on channel: UInt16) throws(BusError) {
        _ = try synchronous("confirm.select on channel \(channel)", on: channel) { _ in amqp_confirm_select(state, channel) }
    }

    /// Declares a durable exchange of `kind` (`topic`, `fanout`, …).
    func declareExchange(_ name: String, kind: String, arguments: [(name: String, value: HeaderValue)] = [], channel: UInt16) throws(BusError) {
        _ = try synchronous("exchange.declare \(name)", on: channel) { arena in
            amqp_exchange_declare(state, channel, arena.bytes(name), arena.bytes(kind), 0, 1, 0, 0, arena.table(arguments))
        }
    }

    /// Declares a durable queue and returns how many messages it holds.
    @discardableResult
    func declareQueue(_ name: String, arguments: [(name: String, value: HeaderValue)] = [], passive: Bool = false, channel: UInt16) throws(BusError) -> Int {
        try synchronous("queue.declare \(name)", on: channel) { arena in
            Int(amqp_queue_declare(state, channel, arena.bytes(name), passive ? 1 : 0, 1, 0, 0, arena.table(arguments))?.pointee.message_count ?? 0)
        }
    }

    /// Passively declares `name` (which must exist) and returns its ready messages and its consumers.
    func queueCounts(_ name: String, channel: UInt16) throws(BusError) -> (messages: Int, consumers: Int) {
        try synchronous("queue.declare \(name) (passive)", on: channel) { arena in
            let ok = amqp_queue_declare(state, channel, arena.bytes(name), 1, 0, 0, 0, amqp_empty_table)?.pointee
            return (Int(ok?.message_count ?? 0), Int(ok?.consumer_count ?? 0))
        }
    }

    /// Declares a non-durable, exclusive, auto-delete queue: it lives only as long as this connection.
    func declareExclusiveQueue(_ name: String, channel: UInt16) throws(BusError) {
        _ = try synchronous("queue.declare \(name) (exclusive)", on: channel) { arena in
            amqp_queue_declare(state, channel, arena.bytes(name), 0, 0, 1, 1, amqp_empty_table)
        }
    }

    func unbindQueue(_ queue: String, exchange: String, routingKey: String, channel: UInt16) throws(BusError) {
        _ = try synchronous("queue.unbind \(queue) from \(exchange) with \(routingKey)", on: channel) { arena in
            amqp_queue_unbind(state, channel, arena.bytes(queue), arena.bytes(exchange), arena.bytes(routingKey), amqp_empty_table)
        }
    }

    func bindQueue(_ queue: String, exchange: String, routingKey: String, channel: UInt16) throws(BusError) {
        _ = try synchronous("queue.bind \(queue) to \(exchange) with \(routingKey)", on: channel) { arena in
            amqp_queue_bind(state, channel, arena.bytes(queue), arena.bytes(exchange), arena.bytes(routingKey), amqp_empty_table)
        }
    }

    /// Removes every ready message of `queue`; returns how many there were.
    func purgeQueue(_ queue: String, channel: UInt16) throws(BusError) -> Int {
        try synchronous("queue.purge \(queue)", on: channel) { arena in
            Int(amqp_queue_purge(state, channel, arena.bytes(queue))?.pointee.message_count ?? 0)
        }
    }

    func setPrefetch(_ count: UInt16, channel: UInt16) throws(BusError) {
        _ = try synchronous("basic.qos on channel \(channel)", on: channel) { _ in amqp_basic_qos(state, channel, 0, count, 0) }
    }

    /// Starts a consumer whose consumer tag is `tag`.
    func consume(_ queue: String, tag: String, noAck: Bool, channel: UInt16) throws(BusError) {
        _ = try synchronous("basic.consume \(queue)", on: channel) { arena in
            amqp_basic_consume(state, channel, arena.bytes(queue), arena.bytes(tag), 0, noAck ? 1 : 0, 0, amqp_empty_table)
        }
    }

    func cancel(consumerTag: String, channel: UInt16) throws(BusError) {
        _ = try synchronous("basic.cancel \(consumerTag)", on: channel) { arena in
            amqp_basic_cancel(state, channel, arena.bytes(consumerTag))
        }
    }

    /// `basic.get` of one message (not auto-acked), or `nil` when the queue is empty.
    func get(_ queue: String, channel: UInt16) throws(BusError) -> Delivery? {
        try flush()
        let reply = amqp_basic_get(state, channel, arena.bytes(queue), 0)
        arena.reset()
        if let failure = Self.describe(reply) {
            if reply.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION, reply.reply.id == 0x0014_0028 { closedChannel = channel }
            throw .broker("basic.get \(queue): \(failure)")
        }
        guard reply.reply.id == 0x003C_0047, let ok = reply.reply.decoded?.assumingMemoryBound(to: amqp_basic_get_ok_t.self).pointee else {
            return nil
        }
        var message = amqp_message_t()
        let read = amqp_read_message(state, channel, &message, 0)
        if let failure = Self.describe(read) { throw .unavailable("reading a fetched message: \(failure)") }
        defer { amqp_destroy_message(&message) }
        return makeDelivery(
            channel: channel, deliveryTag: ok.delivery_tag, redelivered: ok.redelivered != 0, consumerTag: queue,
            exchange: ok.exchange, routingKey: ok.routing_key, message: message)
    }

    // MARK: Asynchronous methods (no reply, or the reply arrives through `nextEvent()`)

    /// Adds a publish to the frames written at the next ``flush()``. Throws `.malformed`, and adds
    /// nothing, when the message cannot be encoded (a name longer than 255 bytes, headers larger than
    /// a frame).
    func publish(_ message: OutgoingMessage, channel: UInt16) throws(BusError) {
        defer { arena.reset() }
        var properties = amqp_basic_properties_t()
        properties._flags = PropertyFlag.contentType | PropertyFlag.deliveryMode
        properties.content_type = arena.bytes("application/json")
        properties.delivery_mode = message.persistent ? 2 : 1
        if let type = message.type {
            properties._flags |= PropertyFlag.type
            properties.type = arena.bytes(type)
        }
        if let messageId = message.messageId {
            properties._flags |= PropertyFlag.messageId
            properties.message_id = arena.bytes(messageId)
        }
        if let correlationId = message.correlationId {
            properties._flags |= PropertyFlag.correlationId
            properties.correlation_id = arena.bytes(correlationId)
        }
        if let replyTo = message.replyTo {
            properties._flags |= PropertyFlag.replyTo
            properties.reply_to = arena.bytes(replyTo)
        }
        if !message.headers.isEmpty {
            properties._flags |= PropertyFlag.headers
            properties.headers = arena.table(message.headers)
        }
        var method = amqp_basic_publish_t(
            ticket: 0, exchange: arena.bytes(message.exchange), routing_key: arena.bytes(message.routingKey),
            mandatory: message.mandatory ? 1 : 0, immediate: 0)
        let mark = frames.count
        do throws(BusError) {
            try frames.appendMethod(Self.basicPublish, &method, channel: channel)
            try frames.appendHeader(&properties, bodySize: message.body.count, channel: channel, frameMax: frameMax)
        } catch {
            frames.rollBack(to: mark)
            throw error
        }
        message.body.withUnsafeBytes { body in frames.appendBody(body, channel: channel, frameMax: frameMax) }
    }

    /// (Written at the next ``flush()``.)
    func acknowledge(_ deliveryTag: UInt64, multiple: Bool, channel: UInt16) throws(BusError) {
        var method = amqp_basic_ack_t(delivery_tag: deliveryTag, multiple: multiple ? 1 : 0)
        try frames.appendMethod(Self.basicAck, &method, channel: channel)
    }

    private static let basicPublish: amqp_method_number_t = 0x003C_0028
    private static let basicAck: amqp_method_number_t = 0x003C_0050

    /// Returns a delivery to its queue for redelivery.
    func reject(_ deliveryTag: UInt64, channel: UInt16) throws(BusError) {
        try flush()
        let status = amqp_basic_reject(state, channel, deliveryTag, 1)
        guard status == AMQP_STATUS_OK.rawValue else {
            throw .unavailable("basic.reject failed: \(String(cString: amqp_error_string2(status)))")
        }
    }

    /// The next thing the broker sent, without blocking; `nil` when nothing is buffered or readable.
    ///
    /// Also sends heartbeats when they are due and notices a missed broker heartbeat.
    func nextEvent() throws(BusError) -> LinkEvent? {
        try flush()
        amqp_maybe_release_buffers(state)
        var envelope = amqp_envelope_t()
        var zero = timeval(tv_sec: 0, tv_usec: 0)
        let reply = amqp_consume_message(state, &envelope, &zero, 0)
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            defer { amqp_destroy_envelope(&envelope) }
            return .delivery(makeDelivery(
                channel: envelope.channel, deliveryTag: envelope.delivery_tag, redelivered: envelope.redelivered != 0,
                consumerTag: envelope.consumer_tag.string, exchange: envelope.exchange,
                routingKey: envelope.routing_key, message: envelope.message))
        case AMQP_RESPONSE_LIBRARY_EXCEPTION where reply.library_error == AMQP_STATUS_TIMEOUT.rawValue:
            return nil
        case AMQP_RESPONSE_LIBRARY_EXCEPTION where reply.library_error == AMQP_STATUS_UNEXPECTED_STATE.rawValue:
            return try nextMethod()
        default:
            throw .unavailable("connection lost: \(Self.describe(reply) ?? "unknown error")")
        }
    }

    // MARK: Helpers

    private func nextMethod() throws(BusError) -> LinkEvent {
        var frame = amqp_frame_t()
        let status = amqp_simple_wait_frame(state, &frame)
        guard status == AMQP_STATUS_OK.rawValue else {
            throw .unavailable("connection lost: \(String(cString: amqp_error_string2(status)))")
        }
        guard Int32(frame.frame_type) == AMQP_FRAME_METHOD else { return .ignored }
        let method = frame.payload.method
        switch method.id {
        case 0x003C_0050:  // basic.ack
            let ack = method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            return .confirm(channel: frame.channel, deliveryTag: ack.delivery_tag, multiple: ack.multiple != 0, acknowledged: true)
        case 0x003C_0078:  // basic.nack
            let nack = method.decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
            return .confirm(channel: frame.channel, deliveryTag: nack.delivery_tag, multiple: nack.multiple != 0, acknowledged: false)
        case 0x003C_0032:  // basic.return
            let returned = method.decoded.assumingMemoryBound(to: amqp_basic_return_t.self).pointee
            let exchange = returned.exchange.string
            let routingKey = returned.routing_key.string
            var message = amqp_message_t()
            let read = amqp_read_message(state, frame.channel, &message, 0)
            if let failure = Self.describe(read) { throw .unavailable("reading a returned message: \(failure)") }
            defer { amqp_destroy_message(&message) }
            let properties = message.properties
            return .returned(
                channel: frame.channel,
                messageId: properties._flags & PropertyFlag.messageId != 0 ? properties.message_id.string : nil,
                correlationId: properties._flags & PropertyFlag.correlationId != 0 ? properties.correlation_id.string : nil,
                exchange: exchange, routingKey: routingKey)
        case 0x003C_001E:  // basic.cancel from the broker
            let cancel = method.decoded.assumingMemoryBound(to: amqp_basic_cancel_t.self).pointee
            return .consumerCancelled(consumerTag: cancel.consumer_tag.string)
        case 0x0014_0028:  // channel.close
            let close = method.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            throw .broker("the broker closed channel \(frame.channel): \(close.reply_code) \(close.reply_text.string)")
        case 0x000A_0032:  // connection.close
            let close = method.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            throw .unavailable("the broker closed the connection: \(close.reply_code) \(close.reply_text.string)")
        default:
            return .ignored
        }
    }

    private func makeDelivery(
        channel: UInt16, deliveryTag: UInt64, redelivered: Bool, consumerTag: String,
        exchange: amqp_bytes_t, routingKey: amqp_bytes_t, message: amqp_message_t
    ) -> Delivery {
        let properties = message.properties
        let flags = properties._flags
        return Delivery(
            channel: channel, deliveryTag: deliveryTag, generation: generation, redelivered: redelivered,
            consumerTag: consumerTag, exchange: exchange.string, routingKey: routingKey.string, body: message.body.array,
            type: flags & PropertyFlag.type != 0 ? properties.type.string : nil,
            messageId: flags & PropertyFlag.messageId != 0 ? properties.message_id.string : nil,
            correlationId: flags & PropertyFlag.correlationId != 0 ? properties.correlation_id.string : nil,
            replyTo: flags & PropertyFlag.replyTo != 0 ? properties.reply_to.string : nil,
            headers: flags & PropertyFlag.headers != 0 ? properties.headers.headerValues : [:])
    }

    /// The channel the broker closed in answer to the last failed synchronous method, if it did.
    private(set) var closedChannel: UInt16?

    /// Answers the broker's `channel.close` with `close-ok` and opens the channel again.
    func reopenClosedChannel() throws(BusError) {
        try flush()
        guard let channel = closedChannel else { return }
        closedChannel = nil
        var closeOk = amqp_channel_close_ok_t(dummy: 0)
        let status = amqp_send_method(state, channel, 0x0014_0029, &closeOk)
        guard status == AMQP_STATUS_OK.rawValue else {
            throw .unavailable("channel.close-ok failed: \(String(cString: amqp_error_string2(status)))")
        }
        try openChannel(channel)
    }

    /// A sentence for a failed reply, or `nil` when it is normal.
    static func describe(_ reply: amqp_rpc_reply_t) -> String? {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return nil
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            return String(cString: amqp_error_string2(reply.library_error))
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            switch reply.reply.id {
            case 0x0014_0028:
                let close = reply.reply.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
                return "channel closed by the broker: \(close.reply_code) \(close.reply_text.string)"
            case 0x000A_0032:
                let close = reply.reply.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
                return "connection closed by the broker: \(close.reply_code) \(close.reply_text.string)"
            default:
                return "unexpected server method \(reply.reply.id)"
            }
        default:
            return "no reply"
        }
    }
}

/// Bits of `amqp_basic_properties_t._flags` (`AMQP_BASIC_*_FLAG`).
private enum PropertyFlag {
    static let contentType: amqp_flags_t = 1 << 15
    static let headers: amqp_flags_t = 1 << 13
    static let deliveryMode: amqp_flags_t = 1 << 12
    static let correlationId: amqp_flags_t = 1 << 10
    static let replyTo: amqp_flags_t = 1 << 9
    static let messageId: amqp_flags_t = 1 << 7
    static let type: amqp_flags_t = 1 << 5
}
