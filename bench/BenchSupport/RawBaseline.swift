import CRabbitMQ
import Foundation
import SeedBus
import Synchronization

/// librabbitmq called directly from plain threads, with no Swift concurrency: the baseline that the bus
/// benchmark and the messaging benchmark measure the suite against (bench/README.md).
public enum RawBaseline {
    /// A blocking connection with one channel, for one thread.
    public final class Connection {
        public let state: amqp_connection_state_t
        private var strings: [UnsafeMutablePointer<CChar>] = []

        public init(url: String) throws {
            let configuration = try parse(url)
            state = amqp_new_connection()
            let socket = amqp_tcp_socket_new(state)
            guard amqp_socket_open(socket, configuration.host, Int32(configuration.port)) == 0 else {
                throw RawError("cannot open a socket to \(configuration.host):\(configuration.port)")
            }
            let login = seed_amqp_login_plain(state, configuration.vhost, 0, 131_072, 0, configuration.user, configuration.password)
            guard login.reply_type == AMQP_RESPONSE_NORMAL else { throw RawError("login failed") }
            amqp_channel_open(state, 1)
            try check("channel.open")
        }

        deinit {
            _ = amqp_channel_close(state, 1, AMQP_REPLY_SUCCESS)
            _ = amqp_connection_close(state, AMQP_REPLY_SUCCESS)
            amqp_destroy_connection(state)
            for string in strings { free(string) }
        }

        /// `text` as bytes that live as long as the connection.
        public func bytes(_ text: String) -> amqp_bytes_t {
            let copy = strdup(text)!
            strings.append(copy)
            return amqp_bytes_t(len: strlen(copy), bytes: copy)
        }

        public func check(_ what: String) throws {
            guard amqp_get_rpc_reply(state).reply_type == AMQP_RESPONSE_NORMAL else { throw RawError("\(what) failed") }
        }
    }

    public struct RawError: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// Direct reply-to round trips against a raw echo server thread: a client connection and a server
    /// connection with its thread, kept up between phases so that raw and bus phases can alternate.
    public final class RPC {
        private let client: Connection
        private let routingKey: amqp_bytes_t
        private let replyTo: amqp_bytes_t
        private let body = Array(#"{"sequence":1}"#.utf8)
        private let control = EchoControl()

        /// Tells the echo server thread to stop and says when it has.
        private final class EchoControl: Sendable {
            let stop = Atomic<Bool>(false)
            let done = DispatchSemaphore(value: 0)
        }

        public init(url: String, queue: String) throws {
            let server = try Connection(url: url)
            amqp_queue_declare(server.state, 1, server.bytes(queue), 0, 0, 0, 1, amqp_empty_table)
            try server.check("queue.declare")
            amqp_basic_qos(server.state, 1, 0, 32, 0)
            amqp_basic_consume(server.state, 1, server.bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table)
            try server.check("basic.consume")
            client = try Connection(url: url)
            amqp_basic_consume(client.state, 1, client.bytes("amq.rabbitmq.reply-to"), amqp_empty_bytes, 0, 1, 0, amqp_empty_table)
            try client.check("basic.consume reply-to")
            routingKey = client.bytes(queue)
            replyTo = client.bytes("amq.rabbitmq.reply-to")
            let serverBox = UncheckedBox(server)
            let control = control
            Thread {
                RawBaseline.echo(serverBox.value, stop: control.stop)
                control.done.signal()
            }.start()
            for index in 0..<200 { send(index); _ = receive() }
        }

        /// Ends the echo server thread (its connection closes with it).
        public func stop() {
            control.stop.store(true, ordering: .releasing)
            control.done.wait()
        }

        private func send(_ correlation: Int) {
            var properties = amqp_basic_properties_t()
            properties._flags = (1 << 9) | (1 << 10)
            properties.reply_to = replyTo
            let id = String(correlation)
            id.withCString { pointer in
                properties.correlation_id = amqp_cstring_bytes(pointer)
                body.withUnsafeBytes { raw in
                    _ = amqp_basic_publish(client.state, 1, amqp_empty_bytes, routingKey, 0, 0, &properties,
                                           amqp_bytes_t(len: raw.count, bytes: UnsafeMutableRawPointer(mutating: raw.baseAddress)))
                }
            }
        }

        private func receive() -> Int {
            var envelope = amqp_envelope_t()
            amqp_maybe_release_buffers(client.state)
            let reply = amqp_consume_message(client.state, &envelope, nil, 0)
            precondition(reply.reply_type == AMQP_RESPONSE_NORMAL, "raw client lost its connection")
            defer { amqp_destroy_envelope(&envelope) }
            let id = envelope.message.properties.correlation_id
            return Int(String(decoding: UnsafeRawBufferPointer(start: id.bytes, count: id.len), as: UTF8.self)) ?? -1
        }

        /// `count` round trips, one at a time.
        public func sequential(_ count: Int) -> Measurement {
            var latencies: [Duration] = []
            latencies.reserveCapacity(count)
            let clock = ContinuousClock()
            let begin = clock.now
            let cpuStart = CPUClocks.now()
            for index in 0..<count {
                let start = clock.now
                send(index)
                _ = receive()
                latencies.append(clock.now - start)
            }
            return cpuStart.measurement(latencies: latencies, elapsed: clock.now - begin)
        }

        /// `count` round trips with `window` requests in flight.
        public func concurrent(_ count: Int, window: Int) -> Measurement {
            let clock = ContinuousClock()
            var started = [ContinuousClock.Instant](repeating: clock.now, count: count)
            var latencies: [Duration] = []
            latencies.reserveCapacity(count)
            let begin = clock.now
            let cpuStart = CPUClocks.now()
            var sent = 0
            while sent < min(window, count) { started[sent] = clock.now; send(sent); sent += 1 }
            while latencies.count < count {
                let id = receive()
                latencies.append(clock.now - started[id])
                if sent < count { started[sent] = clock.now; send(sent); sent += 1 }
            }
            return cpuStart.measurement(latencies: latencies, elapsed: clock.now - begin)
        }
    }

    /// The raw echo server: consume, reply to `reply_to`, ack.
    fileprivate static func echo(_ server: Connection, stop: borrowing Atomic<Bool>) {
        let body = Array(#"{"sequence":1}"#.utf8)
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        while !stop.load(ordering: .acquiring) {
            var envelope = amqp_envelope_t()
            amqp_maybe_release_buffers(server.state)
            let reply = amqp_consume_message(server.state, &envelope, &timeout, 0)
            guard reply.reply_type == AMQP_RESPONSE_NORMAL else { continue }
            var properties = amqp_basic_properties_t()
            properties._flags = 1 << 10
            properties.correlation_id = envelope.message.properties.correlation_id
            body.withUnsafeBytes { raw in
                _ = amqp_basic_publish(server.state, 1, amqp_empty_bytes, envelope.message.properties.reply_to, 0, 0, &properties,
                                       amqp_bytes_t(len: raw.count, bytes: UnsafeMutableRawPointer(mutating: raw.baseAddress)))
            }
            _ = amqp_basic_ack(server.state, 1, envelope.delivery_tag, 0)
            amqp_destroy_envelope(&envelope)
        }
    }

    /// Persistent publishes to a topic exchange with confirms, `window` unconfirmed at a time.
    public static func confirmedPublishes(url: String, exchange: String, queue: String, count: Int, window: Int) throws -> Measurement {
        let connection = try Connection(url: url)
        let state = connection.state
        amqp_exchange_declare(state, 1, connection.bytes(exchange), connection.bytes("topic"), 0, 1, 0, 0, amqp_empty_table)
        try connection.check("exchange.declare")
        amqp_queue_declare(state, 1, connection.bytes(queue), 0, 1, 0, 0, amqp_empty_table)
        try connection.check("queue.declare")
        amqp_queue_bind(state, 1, connection.bytes(queue), connection.bytes(exchange), connection.bytes("bench.tick.v1"), amqp_empty_table)
        try connection.check("queue.bind")
        amqp_confirm_select(state, 1)
        try connection.check("confirm.select")
        let exchangeBytes = connection.bytes(exchange)
        let routingKey = connection.bytes("bench.tick.v1")
        let body = Array(#"{"envelope":{},"payload":{"sequence":1}}"#.utf8)
        let clock = ContinuousClock()
        var started = [ContinuousClock.Instant](repeating: clock.now, count: count + 1)
        var latencies: [Duration] = []
        latencies.reserveCapacity(count)
        var sent = 0
        var confirmed = 0
        func publish() {
            sent += 1
            started[sent] = clock.now
            var properties = amqp_basic_properties_t()
            properties._flags = 1 << 12
            properties.delivery_mode = 2
            body.withUnsafeBytes { raw in
                _ = amqp_basic_publish(state, 1, exchangeBytes, routingKey, 1, 0, &properties,
                                       amqp_bytes_t(len: raw.count, bytes: UnsafeMutableRawPointer(mutating: raw.baseAddress)))
            }
        }
        let begin = clock.now
        let cpuStart = CPUClocks.now()
        while sent < min(window, count) { publish() }
        while confirmed < count {
            var frame = amqp_frame_t()
            amqp_maybe_release_buffers(state)
            precondition(amqp_simple_wait_frame(state, &frame) == AMQP_STATUS_OK.rawValue, "raw publisher lost its connection")
            guard Int32(frame.frame_type) == AMQP_FRAME_METHOD, frame.payload.method.id == 0x003C_0050 else { continue }
            let ack = frame.payload.method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            let upTo = Int(ack.delivery_tag)
            let now = clock.now
            while confirmed < upTo {
                confirmed += 1
                latencies.append(now - started[confirmed])
            }
            while sent < count, sent - confirmed < window { publish() }
        }
        let result = cpuStart.measurement(latencies: latencies, elapsed: clock.now - begin)
        amqp_queue_delete(state, 1, connection.bytes(queue), 0, 0)
        return result
    }

    /// Transient publishes to a queue without confirms, timed until the broker has taken every one
    /// (a passive declare on the same channel is answered after all earlier frames): the issue's second
    /// figure for the machine, next to the sequential round trips. Returns publishes per second.
    public static func unconfirmedPublishes(url: String, queue: String, count: Int) throws -> Double {
        let connection = try Connection(url: url)
        let state = connection.state
        let queueBytes = connection.bytes(queue)
        amqp_queue_declare(state, 1, queueBytes, 0, 0, 0, 1, amqp_empty_table)
        try connection.check("queue.declare")
        let body = Array(#"{"sequence":1}"#.utf8)
        let clock = ContinuousClock()
        let begin = clock.now
        body.withUnsafeBytes { raw in
            let bytes = amqp_bytes_t(len: raw.count, bytes: UnsafeMutableRawPointer(mutating: raw.baseAddress))
            for _ in 0..<count {
                _ = amqp_basic_publish(state, 1, amqp_empty_bytes, queueBytes, 0, 0, nil, bytes)
            }
        }
        amqp_queue_declare(state, 1, queueBytes, 1, 0, 0, 1, amqp_empty_table)
        try connection.check("queue.declare (passive)")
        let elapsed = (clock.now - begin).components
        amqp_queue_delete(state, 1, queueBytes, 0, 0)
        return Double(count) / (Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }

    /// Deletes queues and exchanges the bus side declared.
    public static func cleanUp(url: String, queues: [String], exchanges: [String]) throws {
        let connection = try Connection(url: url)
        for queue in queues { amqp_queue_delete(connection.state, 1, connection.bytes(queue), 0, 0) }
        for exchange in exchanges { amqp_exchange_delete(connection.state, 1, connection.bytes(exchange), 0) }
    }

    private static func parse(_ url: String) throws -> (host: String, port: Int, user: String, password: String, vhost: String) {
        let configuration = try BusConfiguration(url: url)
        return (configuration.host, configuration.port, configuration.user, configuration.password, configuration.virtualHost)
    }
}

/// Hands a non-Sendable value to exactly one other thread.
/// Safe because the creating thread never touches `value` again after the hand-off.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
