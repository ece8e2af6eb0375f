import CryptoExtras
import Foundation
import JWTKit
import SeedAuth
import Testing

/// Google ID tokens signed here with an RSA key made for the test, standing in for Google's: the
/// verifier gets the public half as a JWK Set, exactly as it gets Google's from its key file.
@Suite("Google ID tokens")
struct GoogleIDTokenTests {
    struct GoogleClaims: JWTPayload {
        var iss = "https://accounts.google.com"
        var sub = "109876543210"
        var aud = "seed-client.apps.googleusercontent.com"
        var azp = "seed-client.apps.googleusercontent.com"
        var iat = Date()
        var exp = Date().addingTimeInterval(3600)
        var email = "ada@gmail.com"
        var email_verified = true
        var name = "Ada Lovelace"

        func verify(using algorithm: some JWTAlgorithm) async throws {}

        enum CodingKeys: String, CodingKey { case iss, sub, aud, azp, iat, exp, email, email_verified, name }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(iss, forKey: .iss)
            try container.encode(sub, forKey: .sub)
            try container.encode(aud, forKey: .aud)
            try container.encode(azp, forKey: .azp)
            try container.encode(Int(iat.timeIntervalSince1970), forKey: .iat)
            try container.encode(Int(exp.timeIntervalSince1970), forKey: .exp)
            try container.encode(email, forKey: .email)
            try container.encode(email_verified, forKey: .email_verified)
            try container.encode(name, forKey: .name)
        }
    }

    let privateKey: _RSA.Signing.PrivateKey

    init() throws { privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048) }

    func jwks(kid: String = "google-1") throws -> String {
        let primitives = try privateKey.publicKey.getKeyPrimitives()
        return #"{"keys":[{"kty":"RSA","alg":"RS256","use":"sig","kid":"\#(kid)","n":"\#(Base64URL.encode(primitives.modulus))","e":"\#(Base64URL.encode(primitives.publicExponent))"}]}"#
    }

    func sign(_ claims: GoogleClaims) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(rsa: try Insecure.RSA.PrivateKey(backing: privateKey), digestAlgorithm: .sha256, kid: "google-1")
        return try await keys.sign(claims, kid: "google-1")
    }

    @Test("a token signed by a key of the set, for our client, gives the account's identity")
    func verifies() async throws {
        let verifier = try await GoogleIDTokenVerifier(clientId: "seed-client.apps.googleusercontent.com", jwksJSON: try jwks())
        let identity = try await verifier.verify(try await sign(GoogleClaims()))
        #expect(identity == VerifiedGoogleIdentity(googleId: "109876543210", email: "ada@gmail.com", emailVerified: true, name: "Ada Lovelace"))
    }

    @Test("a token for another client, from another issuer, expired, or signed by another key is refused")
    func refuses() async throws {
        let verifier = try await GoogleIDTokenVerifier(clientId: "seed-client.apps.googleusercontent.com", jwksJSON: try jwks())
        var otherClient = GoogleClaims()
        otherClient.aud = "someone-else.apps.googleusercontent.com"
        var otherIssuer = GoogleClaims()
        otherIssuer.iss = "https://evil.example.com"
        var expired = GoogleClaims()
        expired.iat = Date().addingTimeInterval(-7200)
        expired.exp = Date().addingTimeInterval(-3600)
        for claims in [otherClient, otherIssuer] {
            let token = try await sign(claims)
            await #expect(throws: AuthError.self) { try await verifier.verify(token) }
        }
        let expiredToken = try await sign(expired)
        await #expect(throws: AuthError.expired) { try await verifier.verify(expiredToken) }

        let stranger = GoogleIDTokenTests.init
        let forged = try await stranger().sign(GoogleClaims())
        await #expect(throws: AuthError.self) { try await verifier.verify(forged) }
    }
}
