import Foundation
import SeedAuth
import SeedContracts
import Testing

@Suite("Access tokens")
struct AccessTokenTests {
    let key = AccessTokenSigningKey.generate()

    func claims(lifetime: TimeInterval = 900, issuedAt: Date = Date()) -> AccessTokenClaims {
        AccessTokenClaims(userId: "u1", sessionId: "s1", role: "admin", roles: ["support"], tenant: "acme", issuedAt: issuedAt, lifetime: lifetime)
    }

    func verifier(with keys: [AccessTokenSigningKey]) async throws -> AccessTokenVerifier {
        let verifier = AccessTokenVerifier()
        try await verifier.install(SigningKeysV1(keys: try keys.map { try $0.publicJWK() }))
        return verifier
    }

    @Test("a token signed with the private key verifies with the published key set and keeps its claims")
    func roundTrip() async throws {
        let token = try await AccessTokenIssuer(signingKey: key, lifetime: 900).sign(claims())
        let verified = try await verifier(with: [key]).verify(token)
        #expect(verified.userId == "u1")
        #expect(verified.sessionId == "s1")
        #expect(verified.has(role: "admin") && verified.has(role: "support") && !verified.has(role: "super_admin"))
        #expect(verified.tenant == "acme")
    }

    @Test("a token is a standard JWT: EdDSA header with the key id, NumericDate iat and exp, and claims that decode back equal")
    func standardJSON() async throws {
        let issued = claims(lifetime: 900, issuedAt: Date(timeIntervalSince1970: 1_800_000_000.7))
        let token = try await AccessTokenIssuer(signingKey: key, lifetime: 900).sign(issued)
        let parts = token.split(separator: ".").map(String.init)
        try #require(parts.count == 3)
        func object(_ part: String) throws -> [String: Any] {
            let json = try #require(Base64URL.decode(part))
            return try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        }
        let header = try object(parts[0])
        #expect(header["alg"] as? String == "EdDSA" && header["typ"] as? String == "JWT" && header["kid"] as? String == key.keyId)
        let payload = try object(parts[1])
        #expect(payload["iat"] as? Int == 1_800_000_000 && payload["exp"] as? Int == 1_800_000_900, "NumericDates are whole seconds")
        #expect(payload["sub"] as? String == "u1" && payload["sid"] as? String == "s1" && payload["tenant"] as? String == "acme")
        #expect(payload["iss"] as? String == AccessTokenClaims.issuer && payload["aud"] as? String == AccessTokenClaims.audience)
        #expect(payload["roles"] as? [String] == ["support"] && payload["jti"] as? String == issued.id.value)
        let verified = try await verifier(with: [key]).verify(token, at: Date(timeIntervalSince1970: 1_800_000_100))
        #expect(verified == issued)
    }

    @Test("the JWK is an Ed25519 octet key pair with the key id")
    func publicJWK() throws {
        let jwk = try key.publicJWK()
        #expect(jwk.kty == "OKP" && jwk.crv == "Ed25519" && jwk.alg == "EdDSA" && jwk.keyId == key.keyId)
        #expect(Base64URL.decode(jwk.x)?.count == 32)
    }

    @Test("an expired token is refused as expired")
    func expired() async throws {
        let token = try await AccessTokenIssuer(signingKey: key, lifetime: 60).sign(claims(lifetime: 60, issuedAt: Date().addingTimeInterval(-120)))
        await #expect(throws: AuthError.expired) { try await verifier(with: [key]).verify(token) }
    }

    @Test("a token of a key the verifier does not know is refused as an unknown key, so the caller can refetch")
    func unknownKey() async throws {
        let other = AccessTokenSigningKey.generate()
        let token = try await AccessTokenIssuer(signingKey: other, lifetime: 900).sign(claims())
        await #expect(throws: AuthError.unknownKey(other.keyId)) { try await verifier(with: [key]).verify(token) }
    }

    @Test("a token whose payload was altered fails its signature check")
    func tampered() async throws {
        let token = try await AccessTokenIssuer(signingKey: key, lifetime: 900).sign(claims())
        var parts = token.split(separator: ".").map(String.init)
        var payload = try JSONSerialization.jsonObject(with: Base64URL.decode(parts[1])!) as! [String: Any]
        payload["role"] = "super_admin"
        parts[1] = Base64URL.encode(try JSONSerialization.data(withJSONObject: payload))
        let verifier = try await verifier(with: [key])
        do {
            _ = try await verifier.verify(parts.joined(separator: "."))
            Issue.record("a tampered token verified")
        } catch {
            guard case .invalid = error else { Issue.record("expected .invalid, got \(error)"); return }
        }
    }

    @Test("a verified token is remembered, and still refused once it has expired")
    func rememberedUntilExpiry() async throws {
        let issued = Date()
        let token = try await AccessTokenIssuer(signingKey: key, lifetime: 60).sign(claims(lifetime: 60, issuedAt: issued))
        let verifier = try await verifier(with: [key])
        let first = try await verifier.verify(token, at: issued)
        #expect(verifier.rememberedTokenCount == 1)
        #expect(try await verifier.verify(token, at: issued.addingTimeInterval(30)) == first)
        await #expect(throws: AuthError.expired) { try await verifier.verify(token, at: issued.addingTimeInterval(61)) }
    }

    @Test("installing a key set forgets the tokens verified with the old one, so a withdrawn key stops working")
    func installForgets() async throws {
        let token = try await AccessTokenIssuer(signingKey: key, lifetime: 900).sign(claims())
        let verifier = try await verifier(with: [key])
        _ = try await verifier.verify(token)
        let successor = AccessTokenSigningKey.generate()
        try await verifier.install(SigningKeysV1(keys: [try successor.publicJWK()]))
        #expect(verifier.rememberedTokenCount == 0)
        await #expect(throws: AuthError.unknownKey(key.keyId)) { try await verifier.verify(token) }
    }

    @Test("garbage is malformed, and a verifier without keys says so")
    func malformedAndNoKeys() async throws {
        await #expect(throws: AuthError.malformed) { try await verifier(with: [key]).verify("not-a-token") }
        await #expect(throws: AuthError.noKeys) { try await AccessTokenVerifier().verify("a.b.c") }
        #expect(AuthError.noKeys.contractError.code == .unavailable)
        #expect(AuthError.expired.contractError.code == .unauthenticated)
    }
}

@Suite("Passwords and secrets")
struct PasswordTests {
    @Test("bcrypt hashes are $2b$ at cost 12 and verify the right password only")
    func bcrypt() async {
        let hasher = BcryptPasswordHasher()
        let hash = await hasher.hash("correct horse battery")
        #expect(hash.hasPrefix("$2b$12$"))
        #expect(await hasher.verify("correct horse battery", against: hash))
        #expect(!(await hasher.verify("correct horse batterY", against: hash)))
    }

    @Test("a password longer than bcrypt's 72 bytes counts in full: a change after byte 72 does not verify")
    func longPasswords() async {
        let hasher = BcryptPasswordHasher()
        let long = String(repeating: "é", count: 60)
        let hash = await hasher.hash(long)
        #expect(await hasher.verify(long, against: hash))
        #expect(!(await hasher.verify(String(repeating: "é", count: 59) + "e", against: hash)))
    }

    @Test("a $2b$ hash made by another bcrypt implementation (libxcrypt via Python's crypt) verifies")
    func foreignHash() async {
        let libxcrypt = "$2b$12$xkpnspDIJvugf6VhgWa20O5NR4qLvY72/.XdIZjkhysk6bjOajuGC"
        #expect(await BcryptPasswordHasher().verify("correct horse battery", against: libxcrypt))
        #expect(!(await BcryptPasswordHasher().verify("wrong", against: libxcrypt)))
    }

    @Test("digests are hex SHA-256; random tokens carry 256 bits; codes are six digits")
    func secrets() {
        #expect(SecretDigest.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let token = SecretDigest.randomToken()
        #expect(Base64URL.decode(token)?.count == 32)
        #expect(token != SecretDigest.randomToken())
        #expect(Base64URL.decode(SecretDigest.randomToken(byteCount: 13))?.count == 13)
        let code = SecretDigest.numericCode()
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        #expect(SecretDigest.constantTimeEqual("abc", "abc") && !SecretDigest.constantTimeEqual("abc", "abd") && !SecretDigest.constantTimeEqual("abc", "ab"))
    }
}
