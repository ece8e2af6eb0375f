public import SeedContracts

/// Why a credential was refused. Every case maps to a ``ContractError`` (401, or 503 when no key set
/// is available yet).
public enum AuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a well-formed token.
    case malformed
    /// Signed by a key this verifier does not know (yet); refresh the key set and try once more.
    case unknownKey(String?)
    /// The signature, issuer, audience or lifetime check failed.
    case invalid(String)
    /// The token has expired.
    case expired
    /// No signing key set has been installed.
    case noKeys

    public var description: String {
        switch self {
        case .malformed: "the access token is not a well-formed JWT"
        case .unknownKey(let kid): "the access token is signed by an unknown key \(kid ?? "(no kid)")"
        case .invalid(let reason): "the access token is invalid: \(reason)"
        case .expired: "the access token has expired; refresh the session"
        case .noKeys: "the signing keys of the identity service are not available yet"
        }
    }

    /// The error as the gateway answers it.
    public var contractError: ContractError {
        switch self {
        case .noKeys: ContractError(.unavailable, description)
        default: ContractError(.unauthenticated, description)
        }
    }
}
