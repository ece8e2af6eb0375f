import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// What one HTTP request to the gateway came back with: a status (0 when no response arrived:
/// connection refused, reset or timed out) and the body.
struct GatewayReply: Sendable {
    var status: Int
    var body: Data

    /// 2xx: the gateway acknowledged the request.
    var acknowledged: Bool { (200..<300).contains(status) }

    /// The body as a JSON object, or nil.
    func object() -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}

/// The chaos driver's HTTP client of the gateway: one attempt per request, never a retry (a retry would
/// be a new command with a new message id, so the figures count each attempt once).
struct GatewayClient: Sendable {
    let base: String
    let http: HTTPClient
    /// How long one request may take before it counts as failed.
    let timeout: TimeAmount

    init(base: String, timeout: TimeAmount = .seconds(20)) {
        self.base = base
        self.timeout = timeout
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(
            connectionPool: HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 512)))
    }

    /// Sends one request; a transport failure is status 0.
    func call(_ method: HTTPMethod, _ path: String, token: String? = nil, json: Data? = nil) async -> GatewayReply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        do {
            let response = try await http.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 16 << 20)
            return GatewayReply(status: Int(response.status.code), body: Data(body.readableBytesView))
        } catch {
            return GatewayReply(status: 0, body: Data())
        }
    }

    /// Sends a JSON object body.
    func call(_ method: HTTPMethod, _ path: String, token: String? = nil, body: [String: Any]) async -> GatewayReply {
        let data = try! JSONSerialization.data(withJSONObject: body)
        return await call(method, path, token: token, json: data)
    }

    /// Setup steps must succeed: retries a request (transport failures and 5xx) for up to two minutes,
    /// for the time the suite takes to connect everything; anything else not 2xx ends the run.
    func setup(_ method: HTTPMethod, _ path: String, token: String? = nil, body: [String: Any]? = nil) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + .seconds(120)
        while true {
            let reply: GatewayReply
            if let body { reply = await call(method, path, token: token, body: body) } else { reply = await call(method, path, token: token, json: nil) }
            if reply.acknowledged { return reply.object() ?? [:] }
            // 403/404 while work has not yet learned a user from identity's events; 401 while the gateway has no key yet.
            if reply.status != 0, reply.status < 500, ![401, 403, 404, 429].contains(reply.status) {
                throw ChaosError("setup \(method) \(path) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
            }
            if ContinuousClock.now > deadline {
                throw ChaosError("setup \(method) \(path) still failing after 120 s (last status \(reply.status))")
            }
            try await Task.sleep(for: .milliseconds(300))
        }
    }

    /// Every page of a paginated GET (`limit=100`, following `nextCursor`), as the items under `key`.
    func allPages(_ path: String, key: String, token: String) async throws -> [[String: Any]] {
        var items: [[String: Any]] = []
        var cursor: String?
        repeat {
            var url = path + (path.contains("?") ? "&" : "?") + "limit=100"
            if let cursor { url += "&cursor=" + (cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor) }
            let page = try await setup(.GET, url, token: token)
            items += (page[key] as? [[String: Any]]) ?? []
            cursor = page["nextCursor"] as? String
        } while cursor != nil
        return items
    }

    func shutdown() async throws { try await http.shutdown() }
}

/// A reason the chaos run could not do what it had to (not a finding: findings are printed figures).
struct ChaosError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
