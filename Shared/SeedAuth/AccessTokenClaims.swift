import Foundation
public import JWTKit
import SeedContracts

/// The claims of a Seed Suite access token: a short-lived EdDSA-signed JWT that the identity service
/// issues at login and refresh, and that the gateway (or any service) verifies locally with the
/// published key set, without a round trip to identity.
public struct AccessTokenClaims: JWTPayload, Equatable {
    /// `iss` of every access token.
    public static let issuer = "seed-identity"
    /// `aud` of every access token.
    public static let audience = "seed-suite"

    /// The user id.
    public var subject: SubjectClaim
    /// The session (refresh-token family) the token belongs to.
    public var sessionId: String
    /// The account role (`client`, `admin`, `super_admin`).
    public var role: String
    /// Further roles (seed 004's `roles[]`).
    public var roles: [String]
    /// The tenant of a tenant-scoped user; absent for platform accounts.
    public var tenant: String?
    public var issuer: IssuerClaim
    public var audience: AudienceClaim
    public var issuedAt: IssuedAtClaim
    public var expiration: ExpirationClaim
    /// A unique id per token.
    public var id: IDClaim

    public init(
        userId: String, sessionId: String, role: String, roles: [String], tenant: String?,
        issuedAt: Date, lifetime: TimeInterval, id: String = MessageEnvelope.newId()
    ) {
        self.subject = SubjectClaim(value: userId)
        self.sessionId = sessionId
        self.role = role
        self.roles = roles
        self.tenant = tenant
        self.issuer = IssuerClaim(value: Self.issuer)
        self.audience = AudienceClaim(value: Self.audience)
        // Whole seconds, as JWT's NumericDate is written.
        let issued = Date(timeIntervalSince1970: issuedAt.timeIntervalSince1970.rounded(.down))
        self.issuedAt = IssuedAtClaim(value: issued)
        self.expiration = ExpirationClaim(value: issued.addingTimeInterval(lifetime))
        self.id = IDClaim(value: id)
    }

    /// The user id (`sub`).
    public var userId: String { subject.value }

    /// Whether the token carries `role` as its account role or among its roles.
    public func has(role wanted: String) -> Bool { role == wanted || roles.contains(wanted) }

    enum CodingKeys: String, CodingKey {
        case subject = "sub", sessionId = "sid", role, roles, tenant
        case issuer = "iss", audience = "aud", issuedAt = "iat", expiration = "exp", id = "jti"
    }

    /// Written by hand so that the token's JSON holds no `Date`: `iat` and `exp` are JWT NumericDates
    /// (whole seconds), which any JSON encoder writes the same way, the wire coder among them
    /// (``AccessTokenIssuer``). The other claims encode themselves as before (`aud` with one audience is
    /// a string). Decoding stays synthesized: jwt-kit's parser reads NumericDates as dates.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(sessionId, forKey: .sessionId)
        try container.encode(role, forKey: .role)
        try container.encode(roles, forKey: .roles)
        try container.encodeIfPresent(tenant, forKey: .tenant)
        try container.encode(issuer, forKey: .issuer)
        try container.encode(audience, forKey: .audience)
        try container.encode(Int64(issuedAt.value.timeIntervalSince1970.rounded(.down)), forKey: .issuedAt)
        try container.encode(Int64(expiration.value.timeIntervalSince1970.rounded(.down)), forKey: .expiration)
        try container.encode(id, forKey: .id)
    }

    /// Checked by jwt-kit after the signature: not expired, our issuer and audience.
    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try expiration.verifyNotExpired()
        guard issuer.value == Self.issuer else { throw JWTError.claimVerificationFailure(failedClaim: issuer, reason: "wrong issuer") }
        try audience.verifyIntendedAudience(includes: Self.audience)
    }
}
