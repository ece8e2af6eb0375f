import CryptoExtras
import Foundation
import IdentityService
import JWTKit
import SeedAuth
import SeedContracts
import SeedStore
import SeedServiceTesting
import Testing

/// Google sign-in through the real verifier; Google's signing key is played by an RSA key made here,
/// whose public half the verifier gets as a JWK Set, as it gets Google's from its key file.
@Suite("Google sign-in")
struct GoogleSignInTests {
    static let clientId = "seed-client.apps.googleusercontent.com"

    struct Claims: JWTPayload {
        var sub: String
        var email: String
        var verified: Bool
        func verify(using algorithm: some JWTAlgorithm) async throws {}
        enum CodingKeys: String, CodingKey { case iss, sub, aud, azp, iat, exp, email, email_verified }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("https://accounts.google.com", forKey: .iss)
            try container.encode(sub, forKey: .sub)
            try container.encode(GoogleSignInTests.clientId, forKey: .aud)
            try container.encode(GoogleSignInTests.clientId, forKey: .azp)
            try container.encode(Int(Date().timeIntervalSince1970), forKey: .iat)
            try container.encode(Int(Date().timeIntervalSince1970) + 3600, forKey: .exp)
            try container.encode(email, forKey: .email)
            try container.encode(verified, forKey: .email_verified)
        }
        init(from decoder: any Decoder) throws { fatalError("only encoded") }
        init(sub: String, email: String, verified: Bool) {
            self.sub = sub
            self.email = email
            self.verified = verified
        }
    }

    let key: _RSA.Signing.PrivateKey

    init() throws { key = try _RSA.Signing.PrivateKey(keySize: .bits2048) }

    func fixture() async throws -> IdentityFixture {
        let primitives = try key.publicKey.getKeyPrimitives()
        let jwks = #"{"keys":[{"kty":"RSA","alg":"RS256","kid":"g1","n":"\#(Base64URL.encode(primitives.modulus))","e":"\#(Base64URL.encode(primitives.publicExponent))"}]}"#
        let verifier = try await GoogleIDTokenVerifier(clientId: Self.clientId, jwksJSON: jwks)
        return try await IdentityFixture.make(google: GoogleSignIn(verifier: verifier))
    }

    func token(sub: String, email: String, verified: Bool = true) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(rsa: try Insecure.RSA.PrivateKey(backing: key), digestAlgorithm: .sha256, kid: "g1")
        return try await keys.sign(Claims(sub: sub, email: email, verified: verified), kid: "g1")
    }

    func signIn(_ fixture: IdentityFixture, _ token: String) async throws -> SessionTokensV1 {
        try await fixture.service.loginWithGoogle(LoginWithGoogleV1(idToken: token), envelope: fixture.envelope(LoginWithGoogleV1.self))
    }

    @Test("a new Google identity gets a verified account; the next sign-in finds it by googleId")
    func createsThenFinds() async throws {
        let fixture = try await fixture()
        let first = try await signIn(fixture, try await token(sub: "g-1", email: "Grace@Gmail.com"))
        #expect(first.user.email == "grace@gmail.com" && first.user.emailVerified && first.user.googleLinked)
        let again = try await signIn(fixture, try await token(sub: "g-1", email: "grace@gmail.com"))
        #expect(again.user.id == first.user.id)
        #expect(try await fixture.count(User.self) == 1)
    }

    @Test("a Google identity with a verified email links to the existing account of that email")
    func linksByEmail() async throws {
        let fixture = try await fixture()
        let user = try await fixture.register("ada@example.com")
        let session = try await signIn(fixture, try await token(sub: "g-2", email: "ada@example.com"))
        #expect(session.user.id == user.id && session.user.googleLinked)
        let stored = try #require(try await DocumentCollection(User.self, in: fixture.store).first(.equal("_id", .string(user.id))))
        #expect(stored.googleId == "g-2")
    }

    @Test("an unverified Google email does not take over an account; a bad token and a disabled installation are refused")
    func refuses() async throws {
        let fixture = try await fixture()
        try await fixture.register("ada@example.com")
        await expectContractError(.forbidden) { _ = try await signIn(fixture, try await token(sub: "g-3", email: "ada@example.com", verified: false)) }
        await expectContractError(.unauthenticated) { _ = try await signIn(fixture, "not.a.token") }
        let disabled = try await IdentityFixture.make()
        let error = await expectContractError(.forbidden) { _ = try await signIn(disabled, try await token(sub: "g-4", email: "x@example.com")) }
        #expect(error?.details["reason"] == "google_sign_in_disabled")
    }
}
