import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization

// seed-bench-realtime: N WebSocket clients of the gateway's real-time endpoint, in conversations of
// several members, while messages are sent over HTTP at fixed offered rates. Measures the delivery
// latency from each send's HTTP request to each recipient's frame (p50, p99), deliveries/s, the share
// of expected deliveries that arrived, and the gateway's resident memory per connection. Prints
// `name value unit` lines (scripts/lib/bench-realtime.sh runs it against its own servers).
//
//   seed-bench-realtime --url http://127.0.0.1:18480 --users users.tsv --rates 100,300 --seconds 20
//                       [--warmup 5] [--gateway-pid PID]
// users.tsv: `userId<TAB>token<TAB>conversationId` per user, with a header line.

struct Options {
    var url = "http://127.0.0.1:18480"
    var users = "users.tsv"
    var rates = [100, 300]
    var seconds = 20
    var warmup = 5
    var gatewayPid: Int?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--url": url = value
            case "--users": users = value
            case "--rates": rates = value.split(separator: ",").compactMap { Int($0) }
            case "--seconds": seconds = Int(value) ?? seconds
            case "--warmup": warmup = Int(value) ?? warmup
            case "--gateway-pid": gatewayPid = Int(value)
            default: fatalError("unknown option \(flag)")
            }
        }
    }
}

struct User: Sendable {
    var id: String
    var token: String
    var conversation: String
}

/// Send times by message number, and each delivery's latency.
final class Ledger: Sendable {
    private struct State {
        var sentAt: [Int: ContinuousClock.Instant] = [:]
        var latencies: [Duration] = []
        var deliveries = 0
        var ready = 0
        var closed = 0
        var number = 0
        var sendErrors = 0
    }

    func nextNumber() -> Int {
        state.withLock { state in
            state.number += 1
            return state.number
        }
    }

    func sendFailed() { state.withLock { $0.sendErrors += 1 } }

    func takeSendErrors() -> Int {
        state.withLock { state in
            defer { state.sendErrors = 0 }
            return state.sendErrors
        }
    }

    private let state = Mutex(State())

    func sent(_ number: Int, at instant: ContinuousClock.Instant) { state.withLock { $0.sentAt[number] = instant } }

    func delivered(_ number: Int, at instant: ContinuousClock.Instant) {
        state.withLock { state in
            state.deliveries += 1
            if let sent = state.sentAt[number] { state.latencies.append(sent.duration(to: instant)) }
        }
    }

    func becameReady() { state.withLock { $0.ready += 1 } }
    func connectionClosed() { state.withLock { $0.closed += 1 } }
    var ready: Int { state.withLock { $0.ready } }
    /// Deliveries since the last drain.
    var deliveries: Int { state.withLock { $0.deliveries } }
    var closed: Int { state.withLock { $0.closed } }

    /// Takes the latencies and delivery count so far and starts afresh.
    func drain() -> (latencies: [Duration], deliveries: Int) {
        state.withLock { state in
            defer {
                state.latencies = []
                state.deliveries = 0
                state.sentAt = [:]
            }
            return (state.latencies, state.deliveries)
        }
    }
}

/// The number in a `"content":"bench <n> …"` of a message-sent frame.
func messageNumber(in text: Substring) -> Int? {
    guard text.contains("messaging.message-sent.v1"), let marker = text.range(of: "\"content\":\"bench ") else { return nil }
    let digits = text[marker.upperBound...].prefix { $0.isNumber }
    return Int(digits)
}

func residentKiB(_ pid: Int?) -> Int? {
    guard let pid, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
    return nil
}

func percentile(_ sorted: [Duration], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    return Double(value.components.seconds) * 1000 + Double(value.components.attoseconds) / 1e15
}

/// Sends at `rate` messages/s for `seconds`, open loop (each send at its due time, not after the previous).
func offer(
    rate: Int, seconds: Int, conversations: [String], byConversation: [String: [User]], url: String, http: HTTPClient, ledger: Ledger,
    ) async {
    let start = ContinuousClock.now
    let total = rate * seconds
    await withTaskGroup(of: Void.self) { group in
        for index in 0..<total {
            let due = start + .nanoseconds(Int64(index) * 1_000_000_000 / Int64(rate))
            if due > .now { try? await Task.sleep(until: due) }
            let conversation = conversations[index % conversations.count]
            let members = byConversation[conversation]!
            let sender = members[(index / conversations.count) % members.count]
            let id = ledger.nextNumber()
            group.addTask {
                var request = HTTPClientRequest(url: "\(url)/api/v1/conversations/\(conversation)/messages")
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer \(sender.token)")
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: #"{"content":"bench \#(id) realtime"}"#))
                ledger.sent(id, at: .now)
                do {
                    let response = try await http.execute(request, timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 1 << 20)
                    if response.status.code >= 300 { ledger.sendFailed() }
                } catch {
                    ledger.sendFailed()
                }
            }
        }
    }
}

func run() async throws {
let options = Options(CommandLine.arguments)
let rows = try String(contentsOfFile: options.users, encoding: .utf8).split(separator: "\n").dropFirst()
let users = rows.map { row -> User in
    let parts = row.split(separator: "\t").map(String.init)
    return User(id: parts[0], token: parts[1], conversation: parts[2])
}
let byConversation = Dictionary(grouping: users, by: \.conversation)
let conversations = byConversation.keys.sorted()
let wsURL = options.url.replacingOccurrences(of: "http://", with: "ws://") + "/api/v1/realtime"
let ledger = Ledger()
let logger = Logger(label: "seed-bench-realtime")

// Connect every client, 100 at a time.
let before = residentKiB(options.gatewayPid)
var clients: [Task<Void, Never>] = []
for (index, user) in users.enumerated() {
    var headers = HTTPFields()
    headers[.authorization] = "Bearer \(user.token)"
    let configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 20, additionalHeaders: headers)
    clients.append(Task.detached {
        do {
            _ = try await WebSocketClient.connect(url: wsURL, configuration: configuration, logger: logger) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    let now = ContinuousClock.now
                    if text.hasPrefix(#"{"type":"ready""#) { ledger.becameReady(); continue }
                    if let number = messageNumber(in: text[...]) { ledger.delivered(number, at: now) }
                }
            }
        } catch {}
        ledger.connectionClosed()
    })
    if (index + 1) % 100 == 0 {
        let deadline = ContinuousClock.now + .seconds(60)
        while ledger.ready < index + 1, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
    }
}
let connectDeadline = ContinuousClock.now + .seconds(120)
while ledger.ready < users.count, ContinuousClock.now < connectDeadline { try await Task.sleep(for: .milliseconds(50)) }
try await Task.sleep(for: .seconds(3))
let after = residentKiB(options.gatewayPid)
print("realtime.connections \(ledger.ready) clients")
print("realtime.conversations \(conversations.count) conversations of \(users.count / max(1, conversations.count)) members")
if let before, let after, ledger.ready > 0 {
    print("realtime.gateway.rss_idle \(before / 1024) MiB")
    print("realtime.gateway.rss_connected \(after / 1024) MiB")
    print(String(format: "realtime.gateway.memory_per_connection %.1f KiB", Double(after - before) / Double(ledger.ready)))
}

let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(
    connectionPool: HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)))

let members = users.count / max(1, conversations.count)
for rate in options.rates {
    await offer(
        rate: rate, seconds: options.warmup, conversations: conversations, byConversation: byConversation, url: options.url, http: http,
        ledger: ledger)
    try await Task.sleep(for: .seconds(2))
    _ = ledger.drain()
    _ = ledger.takeSendErrors()
    let start = ContinuousClock.now
    await offer(
        rate: rate, seconds: options.seconds, conversations: conversations, byConversation: byConversation, url: options.url, http: http,
        ledger: ledger)
    let offeredFor = start.duration(to: .now)
    // Deliveries of the last sends still arrive: wait (at most 10 s) until they stop growing for a second.
    let settleDeadline = ContinuousClock.now + .seconds(10)
    var seen = -1
    while ledger.deliveries != seen, ContinuousClock.now < settleDeadline {
        seen = ledger.deliveries
        try await Task.sleep(for: .seconds(1))
    }
    let (latencies, deliveries) = ledger.drain()
    let sorted = latencies.sorted()
    let expected = rate * options.seconds * members
    let elapsed = Double(offeredFor.components.seconds) + Double(offeredFor.components.attoseconds) / 1e18
    print("realtime.rate\(rate).offered \(rate) msg/s")
    print("realtime.rate\(rate).send_errors \(ledger.takeSendErrors()) requests")
    // Only deliveries of messages sent in the measured window have a latency (the warm-up's are not timed).
    print("realtime.rate\(rate).delivery.timed \(sorted.count) deliveries")
    if sorted.isEmpty {
        print("# realtime.rate\(rate): no message sent in the window reached a recipient within 10 s of its end (saturated)")
    } else {
        print(String(format: "realtime.rate\(rate).delivery.p50 %.1f ms", percentile(sorted, 0.50)))
        print(String(format: "realtime.rate\(rate).delivery.p99 %.1f ms", percentile(sorted, 0.99)))
    }
    print(String(format: "realtime.rate\(rate).deliveries %.0f deliveries/s", Double(deliveries) / elapsed))
    print(String(format: "realtime.rate\(rate).delivered %.3f of expected", Double(deliveries) / Double(max(1, expected))))
}
print("realtime.connections_lost \(ledger.closed) clients")
try await http.shutdown()
for client in clients { client.cancel() }
}

try await run()
exit(0)
