/// How a ``Bus`` reaches its broker and how it consumes, retries and reconnects.
public struct BusConfiguration: Sendable {
    /// Broker host name or address.
    public var host: String
    /// Broker port (5672 unless the URL says otherwise).
    public var port: Int
    /// Virtual host (`/` unless the URL names one).
    public var virtualHost: String
    /// User name for SASL PLAIN.
    public var user: String
    /// Password for SASL PLAIN.
    public var password: String
    /// Unacknowledged deliveries each consumer may hold (`basic.qos`). Default 32.
    public var prefetch: UInt16 = 32
    /// Attempts before a failing message goes to its dead-letter queue. Default 5.
    public var maxAttempts: Int = 5
    /// Delay before the first retry; retry `n` waits `retryBaseDelay * 2^(n-1)`. Default 500 ms.
    public var retryBaseDelay: Duration = .milliseconds(500)
    /// How long a publish may wait for a connection and its confirmation. Default 30 s.
    public var publishTimeout: Duration = .seconds(30)
    /// First delay between reconnection attempts; it doubles up to ``reconnectMaxDelay``. Default 100 ms.
    public var reconnectInitialDelay: Duration = .milliseconds(100)
    /// Longest delay between reconnection attempts. Default 5 s.
    public var reconnectMaxDelay: Duration = .seconds(5)
    /// AMQP heartbeat interval negotiated with the broker. Default 10 s.
    public var heartbeatSeconds: Int = 10
    /// Prefix for every exchange and queue name (see ``BusNames``). Default empty.
    public var namespace: String = ""
    /// The kind of every queue the bus declares (consumed, retry, dead-letter and unrouted-event
    /// queues). Default ``QueueType/classic``; ``QueueType/quorum`` for a RabbitMQ cluster.
    public var queueType: QueueType = .classic

    /// Parses `amqp://user:pass@host:port/vhost`; user, password, port and vhost are optional
    /// (`guest`, `guest`, 5672, `/`). Percent-encoded characters are decoded.
    public init(url: String) throws(BusError) {
        let scheme = "amqp://"
        guard url.hasPrefix(scheme) else {
            throw .invalidConfiguration("'\(url)' is not an amqp:// URL")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var vhostPart: Substring? = nil
        if let slash = rest.firstIndex(of: "/") {
            vhostPart = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var hostPart = rest
        user = "guest"
        password = "guest"
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            hostPart = rest[rest.index(after: at)...]
            let pieces = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            user = try Self.percentDecoded(pieces[0], in: url)
            password = pieces.count > 1 ? try Self.percentDecoded(pieces[1], in: url) : ""
        }
        port = 5672
        if let colon = hostPart.lastIndex(of: ":") {
            let portText = hostPart[hostPart.index(after: colon)...]
            guard let parsed = Int(portText), (1...65535).contains(parsed) else {
                throw .invalidConfiguration("'\(portText)' in '\(url)' is not a port number")
            }
            port = parsed
            hostPart = hostPart[..<colon]
        }
        guard !hostPart.isEmpty else { throw .invalidConfiguration("'\(url)' names no host") }
        host = String(hostPart)
        if let vhostPart, !vhostPart.isEmpty {
            virtualHost = try Self.percentDecoded(vhostPart, in: url)
        } else {
            virtualHost = "/"
        }
    }

    private static func percentDecoded(_ text: Substring, in url: String) throws(BusError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { throw .invalidConfiguration("bad percent-escape in '\(url)'") }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The RabbitMQ queue type the bus declares its queues with (the `x-queue-type` argument).
///
/// A queue keeps the type it was first declared with: the broker refuses to declare an existing queue
/// with another type (`PRECONDITION_FAILED`), so switching an existing deployment means draining and
/// deleting its queues first, or starting in a fresh virtual host.
public enum QueueType: String, Sendable, CaseIterable {
    /// Classic queues: one node holds each queue; the default, and what a single broker needs.
    case classic
    /// Quorum queues: replicated over the cluster's nodes with Raft, durable, never exclusive or
    /// auto-deleted; they keep working when a minority of the nodes is down. They also work on one node.
    case quorum

    /// The `x-queue-type` argument of a queue declaration.
    var declarationArguments: [(name: String, value: HeaderValue)] {
        [("x-queue-type", .string(rawValue))]
    }
}
