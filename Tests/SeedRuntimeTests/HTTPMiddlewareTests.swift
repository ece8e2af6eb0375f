import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import SeedRuntime

@Suite("Request id and request size middleware")
struct HTTPMiddlewareTests {
    func makeApplication(maximumBytes: Int = 16) -> some ApplicationProtocol {
        let router = Router(context: SeedRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: RequestSizeLimitMiddleware(maximumBytes: maximumBytes))
        router.get("echo-id") { _, context in context.requestID ?? "missing" }
        router.post("upload") { request, _ in
            let body = try await request.body.collect(upTo: .max)
            return "\(body.readableBytes)"
        }
        return Application(router: router)
    }

    @Test("a client's X-Request-Id is kept, stored in the context and returned")
    func keepsClientRequestID() async throws {
        try await self.makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/echo-id", method: .get, headers: [.requestID: "client-42"])
            #expect(response.headers[.requestID] == "client-42")
            #expect(String(buffer: response.body) == "client-42")
        }
    }

    @Test("a request without X-Request-Id gets a new UUID")
    func generatesRequestID() async throws {
        try await self.makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/echo-id", method: .get)
            let id = try #require(response.headers[.requestID])
            #expect(UUID(uuidString: id) != nil)
            #expect(String(buffer: response.body) == id)
        }
    }

    @Test("an unacceptable X-Request-Id (too long or with spaces) is replaced")
    func replacesBadRequestID() async throws {
        try await self.makeApplication().test(.router) { client in
            for bad in [String(repeating: "a", count: 129), "has space"] {
                let response = try await client.execute(uri: "/echo-id", method: .get, headers: [.requestID: bad])
                let id = try #require(response.headers[.requestID])
                #expect(id != bad)
                #expect(UUID(uuidString: id) != nil)
            }
        }
    }

    @Test("error responses carry the request id too")
    func errorKeepsRequestID() async throws {
        try await self.makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/missing", method: .get, headers: [.requestID: "lost-1"])
            #expect(response.status == .notFound)
            #expect(response.headers[.requestID] == "lost-1")
        }
    }

    @Test("a body within the limit reaches the handler")
    func acceptsSmallBody() async throws {
        try await self.makeApplication(maximumBytes: 16).test(.router) { client in
            let response = try await client.execute(uri: "/upload", method: .post, body: ByteBuffer(string: "0123456789abcdef"))
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "16")
        }
    }

    @Test("a body over the limit is refused with 413")
    func refusesLargeBody() async throws {
        try await self.makeApplication(maximumBytes: 16).test(.router) { client in
            let response = try await client.execute(uri: "/upload", method: .post, body: ByteBuffer(string: "0123456789abcdefX"))
            #expect(response.status == .contentTooLarge)
        }
    }
}
