import Foundation
import HTTPTypes
import HummingbirdTesting
import SeedContracts
import Testing

@testable import GatewayService

/// Failed authentications count against the caller's address in Redis (the real one of `scripts/test`).
@Suite("Failed authentications against the rate limit", .serialized)
struct AuthenticationFailureTests {
    static func options(failures: Int) -> SuiteFixture.Options {
        var options = SuiteFixture.Options()
        options.rateLimits.authenticationFailures = failures
        return options
    }

    @Test("a guesser gets 429 once its address has spent its failures, with a different token or key each time")
    func guessesAreLimited() async throws {
        try await SuiteFixture.run(Self.options(failures: 5)) { client, _ in
            for _ in 0..<8 {
                let bare = try await client.call(.get, "/api/v1/users/me")
                #expect(bare.status == .unauthorized, "a request without credentials is not a failed authentication")
            }
            for attempt in 0..<3 {
                let guess = try await client.call(.get, "/api/v1/users/me", token: "guess.number.\(attempt)")
                #expect(guess.status == .unauthorized)
            }
            for attempt in 0..<2 {
                let guess = try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: "sk_guess\(attempt).secret")
                #expect(guess.status == .unauthorized)
            }
            let sixth = try await client.call(.get, "/api/v1/users/me", token: "guess.number.6")
            #expect(sixth.status == .tooManyRequests)
            #expect(sixth.error?.details["scope"] == "authentication")
            let retryAfter = try #require(sixth.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...300).contains(retryAfter))

            let anotherKind = try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: "sk_other.secret")
            #expect(anotherKind.status == .tooManyRequests, "the address is refused before its credentials are checked")
            let login = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"a@example.com","password":"whatever it is"}"#)
            #expect(login.status == .tooManyRequests && login.error?.details["scope"] == "authentication")
            let open = try await client.call(.get, "/api/v1/status")
            #expect(open.status == .ok, "routes without credentials still answer")
        }
    }

    @Test("401 answers of the login route count as failures: wrong passwords for many accounts end in 429")
    func failedLoginsAreLimited() async throws {
        try await SuiteFixture.run(Self.options(failures: 3)) { client, _ in
            let registered = try await client.call(.post, "/api/v1/auth/register", json: #"{"email":"kim@example.com","password":"correct horse battery"}"#)
            #expect(registered.status == .created)
            for email in ["kim@example.com", "lee@example.com", "max@example.com"] {
                let wrong = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"\#(email)","password":"not the password"}"#)
                #expect(wrong.status == .unauthorized, "\(email)")
            }
            let fourth = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"ned@example.com","password":"not the password"}"#)
            #expect(fourth.status == .tooManyRequests && fourth.error?.details["scope"] == "authentication")
            let right = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"kim@example.com","password":"correct horse battery"}"#)
            #expect(right.status == .tooManyRequests, "the right password waits too: the address is refused before identity is asked")
        }
    }

    @Test("a blocked address stays blocked until the window has room, and no longer")
    func blocksExpire() {
        let blocks = BlockedAddresses()
        let now = ContinuousClock.now
        blocks.block("203.0.113.7", for: .seconds(30), now: now)
        #expect(blocks.remaining("203.0.113.7", now: now + .seconds(10)) == .seconds(20))
        #expect(blocks.remaining("198.51.100.1", now: now) == nil)
        #expect(blocks.remaining("203.0.113.7", now: now + .seconds(30)) == nil)
    }
}
