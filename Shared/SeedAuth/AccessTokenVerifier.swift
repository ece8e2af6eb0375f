import Foundation
import JWTKit
public import SeedContracts
import Synchronization

/// Verifies access tokens locally against the identity service's published key set.
///
/// Install the key set with ``install(_:)`` (from `identity.get-signing-keys.v1`); when a token names
/// a key id the verifier does not know, ``verify(_:at:)`` throws ``AuthError/unknownKey(_:)`` so the
/// caller can fetch the key set again (keys rotate) and retry once.
///
/// A client presents the same access token with every request for the token's whole lifetime, so the
/// verifier remembers the claims of tokens whose signature it has checked, keyed by the exact token
/// text, and re-checks only their expiry. Installing a key set forgets them all (a key that was
/// withdrawn must stop validating its tokens at once). The memory is bounded by
/// ``maximumRememberedTokens``.
///
/// Callers verify concurrently: the state is behind a lock held only to read or swap it; the
/// signature check runs on the caller's task.
public final class AccessTokenVerifier: Sendable {
    /// At most this many verified tokens are remembered; when full, the expired ones go, and if that
    /// frees nothing, all of them (each is then verified again on its next use).
    public static let maximumRememberedTokens = 10_000

    private struct State {
        var keys = JWTKeyCollection()
        var knownKeyIds: Set<String> = []
        var verified: [String: AccessTokenClaims] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Whether a key set has been installed.
    public var hasKeys: Bool { state.withLock { !$0.knownKeyIds.isEmpty } }

    /// How many verified tokens are remembered now.
    public var rememberedTokenCount: Int { state.withLock { $0.verified.count } }

    /// Replaces the trusted keys with `keySet` and forgets every token verified with the previous keys.
    public func install(_ keySet: SigningKeysV1) async throws {
        let collection = JWTKeyCollection()
        for key in keySet.keys where key.kty == "OKP" && key.crv == "Ed25519" {
            await collection.add(eddsa: try EdDSA.PublicKey(x: key.x, curve: .ed25519), kid: JWKIdentifier(string: key.keyId))
        }
        state.withLock { state in
            state.keys = collection
            state.knownKeyIds = Set(keySet.keys.map(\.keyId))
            state.verified = [:]
        }
    }

    /// The claims of `token` once its signature, issuer, audience and expiry check out at `now`.
    public func verify(_ token: String, at now: Date = Date()) async throws(AuthError) -> AccessTokenClaims {
        let (keys, knownKeyIds, remembered) = state.withLock { ($0.keys, $0.knownKeyIds, $0.verified[token]) }
        guard !knownKeyIds.isEmpty else { throw AuthError.noKeys }
        if let remembered {
            guard remembered.expiration.value > now else { throw AuthError.expired }
            return remembered
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(String(parts[0])),
              let header = try? JSONDecoder().decode(Header.self, from: headerData)
        else { throw AuthError.malformed }
        guard let kid = header.kid, knownKeyIds.contains(kid) else { throw AuthError.unknownKey(header.kid) }
        let claims: AccessTokenClaims
        do {
            claims = try await keys.verify(token, as: AccessTokenClaims.self)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure && error.failedClaim is ExpirationClaim {
            throw AuthError.expired
        } catch {
            throw AuthError.invalid("\(error)")
        }
        remember(token, claims, installedKeys: keys, now: now)
        return claims
    }

    private func remember(_ token: String, _ claims: AccessTokenClaims, installedKeys: JWTKeyCollection, now: Date) {
        state.withLock { state in
            // A key set installed while this token was being checked may have withdrawn its key.
            guard state.keys === installedKeys else { return }
            if state.verified.count >= Self.maximumRememberedTokens {
                state.verified = state.verified.filter { $0.value.expiration.value > now }
                if state.verified.count >= Self.maximumRememberedTokens { state.verified = [:] }
            }
            state.verified[token] = claims
        }
    }

    private struct Header: Decodable { var kid: String? }
}
