/// The kinds of failure a command can reply with. The gateway maps each to one HTTP status.
public enum ErrorCode: String, Codable, Sendable, CaseIterable {
    /// The input broke a rule; nothing changed. HTTP 400.
    case validation = "validation_failed"
    /// The caller is not authenticated. HTTP 401.
    case unauthenticated
    /// The caller may not do this. HTTP 403.
    case forbidden
    /// The thing named does not exist (or is not visible to the caller). HTTP 404.
    case notFound = "not_found"
    /// The change conflicts with current state (duplicate, wrong status, stale version). HTTP 409.
    case conflict
    /// Too many requests; `details.retryAfterSeconds` says when to retry. HTTP 429.
    case rateLimited = "rate_limited"
    /// The HTTP route exists but does not take this method (the gateway only). HTTP 405.
    case methodNotAllowed = "method_not_allowed"
    /// A dependency is down; retrying later may succeed. HTTP 503.
    case unavailable
    /// No answer within the deadline. HTTP 504.
    case timeout
    /// A bug on our side. HTTP 500.
    case `internal`

    /// The HTTP status the gateway answers with.
    public var httpStatus: Int {
        switch self {
        case .validation: 400
        case .unauthenticated: 401
        case .forbidden: 403
        case .notFound: 404
        case .conflict: 409
        case .rateLimited: 429
        case .methodNotAllowed: 405
        case .unavailable: 503
        case .timeout: 504
        case .internal: 500
        }
    }

    /// One line for the contract reference.
    public var meaning: String {
        switch self {
        case .validation: "The input broke a rule; nothing changed."
        case .unauthenticated: "The caller is not authenticated."
        case .forbidden: "The caller may not do this."
        case .notFound: "The thing named does not exist or is not visible to the caller."
        case .conflict: "The change conflicts with current state (duplicate, wrong status, stale version)."
        case .rateLimited: "Too many requests; details.retryAfterSeconds says when to retry."
        case .methodNotAllowed: "The HTTP route does not take this method (gateway only); the Allow header lists those it takes."
        case .unavailable: "A dependency is down; retrying later may succeed."
        case .timeout: "No answer within the deadline."
        case .internal: "A bug on the service's side."
        }
    }
}

/// A typed failure, as a command handler throws it and as it travels in a reply's `error` member.
public struct ContractError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var code: ErrorCode
    /// A sentence for a person.
    public var message: String
    /// Machine-readable specifics, such as the offending `field`.
    public var details: [String: String]

    public init(_ code: ErrorCode, _ message: String, details: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String {
        details.isEmpty ? "\(code.rawValue): \(message)" : "\(code.rawValue): \(message) \(details)"
    }

    enum CodingKeys: String, CodingKey { case code, message, details }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(ErrorCode.self, forKey: .code)
        message = try container.decode(String.self, forKey: .message)
        details = try container.decodeIfPresent([String: String].self, forKey: .details) ?? [:]
    }

    public static func validation(_ message: String, field: String? = nil) -> ContractError {
        ContractError(.validation, message, details: field.map { ["field": $0] } ?? [:])
    }
}
