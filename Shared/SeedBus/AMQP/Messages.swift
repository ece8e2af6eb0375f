/// A header value the bus reads from and writes to AMQP field tables.
enum HeaderValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)

    var integerValue: Int64? {
        if case .integer(let value) = self { value } else { nil }
    }

    var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }
}

/// A message to publish, with the AMQP properties the bus uses.
struct OutgoingMessage: Sendable {
    var exchange: String
    var routingKey: String
    var body: [UInt8]
    /// AMQP `type` property: the message type's wire name.
    var type: String?
    var messageId: String?
    var correlationId: String?
    var replyTo: String?
    var headers: [(name: String, value: HeaderValue)] = []
    /// Ask the broker to return the message when no queue is bound for it.
    var mandatory: Bool
    /// Delivery mode 2: the broker writes it to disk in durable queues.
    var persistent: Bool
}

/// A message the broker delivered, copied out of librabbitmq's buffers.
struct Delivery: Sendable {
    var channel: UInt16
    var deliveryTag: UInt64
    /// The connection generation the tag belongs to; a tag of an older generation is never acked.
    var generation: UInt64
    var redelivered: Bool
    /// The consumer tag, which the bus sets to the consumed queue's name.
    var consumerTag: String
    var exchange: String
    var routingKey: String
    var body: [UInt8]
    var type: String?
    var messageId: String?
    var correlationId: String?
    var replyTo: String?
    var headers: [String: HeaderValue]

    /// Headers RabbitMQ adds when it dead-letters a message out of a retry queue; the bus counts
    /// attempts itself, so they are not carried over. (`x-death` is an array, which the bus never reads.)
    private static let brokerDeathHeaders: Set<String> = ["x-first-death-exchange", "x-first-death-queue", "x-first-death-reason"]

    /// The message as it should be published again (to a retry queue, a dead-letter queue or back).
    func republished(exchange: String = "", to routingKey: String, headers: [(name: String, value: HeaderValue)]) -> OutgoingMessage {
        var merged = headers
        for (name, value) in self.headers where !headers.contains(where: { $0.name == name }) && !Self.brokerDeathHeaders.contains(name) {
            merged.append((name, value))
        }
        return OutgoingMessage(
            exchange: exchange, routingKey: routingKey, body: body, type: type, messageId: messageId,
            correlationId: correlationId, replyTo: replyTo, headers: merged, mandatory: true, persistent: true)
    }
}

/// A delivery tag on one channel of one connection.
struct Acknowledgement: Sendable {
    var channel: UInt16
    var deliveryTag: UInt64
    var generation: UInt64
}
