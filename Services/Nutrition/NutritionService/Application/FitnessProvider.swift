public import Foundation
#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif
public import SeedContracts

/// OAuth tokens a fitness provider issued. They never leave the service unsealed.
public struct FitnessTokens: Sendable {
    /// The provider's account id (seed 003 `googleId`).
    public var accountId: String?
    public var accessToken: String
    /// `nil` on a refresh that keeps the previous refresh token.
    public var refreshToken: String?
    public var expiresAt: Date

    public init(accountId: String?, accessToken: String, refreshToken: String?, expiresAt: Date) {
        self.accountId = accountId
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
    }
}

/// A day's activity as the provider reports it.
public struct FitnessDailyActivity: Sendable, Equatable {
    public var steps: Int
    /// Active energy burned, kcal.
    public var energyBurned: Decimal

    public init(steps: Int, energyBurned: Decimal) {
        self.steps = steps
        self.energyBurned = energyBurned
    }
}

/// Where synced activity comes from (decision 0021). Seed 003 names Google Fit, whose APIs Google is
/// retiring; the service only knows this interface. Implementations must never log tokens.
public protocol FitnessProvider: Sendable {
    /// Names the provider in profiles (`google-health`).
    var name: String { get }
    /// Exchanges an authorization code for tokens.
    func exchange(code: String, redirectUri: String?) async throws -> FitnessTokens
    /// New tokens from a refresh token.
    func refresh(refreshToken: String) async throws -> FitnessTokens
    /// Steps and active energy between two instants (a local day).
    func activity(accessToken: String, from: Date, to: Date) async throws -> FitnessDailyActivity
}

/// No provider configured: linking is refused as not configured (`conflict`, reason `not_configured`).
public struct FitnessProviderDisabled: FitnessProvider {
    public init() {}
    public var name: String { "none" }
    static let error = ContractError(.unavailable, "no fitness provider is configured")
    public func exchange(code: String, redirectUri: String?) async throws -> FitnessTokens { throw Self.error }
    public func refresh(refreshToken: String) async throws -> FitnessTokens { throw Self.error }
    public func activity(accessToken: String, from: Date, to: Date) async throws -> FitnessDailyActivity { throw Self.error }
}

/// Google's health data API behind the interface: OAuth 2.0 against Google's token endpoint and daily
/// steps and active energy from the configured data endpoint (`SEED_NUTRITION_FITNESS_*`, see
/// docs/configuration.md). Its requests and errors never carry tokens into logs or replies.
public struct GoogleHealthProvider: FitnessProvider {
    public var name: String { "google-health" }
    let clientId: String
    let clientSecret: String
    let tokenURL: URL
    let apiBaseURL: URL

    public init(clientId: String, clientSecret: String, tokenURL: URL = URL(string: "https://oauth2.googleapis.com/token")!,
                apiBaseURL: URL = URL(string: "https://health.googleapis.com/v4")!) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.tokenURL = tokenURL
        self.apiBaseURL = apiBaseURL
    }

    struct TokenResponse: Decodable {
        var access_token: String
        var refresh_token: String?
        var expires_in: Int
        var id_token: String?
    }

    private func tokenRequest(_ form: [String: String]) async throws -> FitnessTokens {
        var request = URLRequest(url: tokenURL, timeoutInterval: 20)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        request.httpBody = Data(form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&").utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw ContractError(.unavailable, "the fitness provider refused the token request (HTTP \(status))") }
        let tokens = try JSONDecoder().decode(TokenResponse.self, from: data)
        return FitnessTokens(accountId: nil, accessToken: tokens.access_token, refreshToken: tokens.refresh_token,
                             expiresAt: Date().addingTimeInterval(TimeInterval(tokens.expires_in)))
    }

    public func exchange(code: String, redirectUri: String?) async throws -> FitnessTokens {
        var form = ["grant_type": "authorization_code", "code": code, "client_id": clientId, "client_secret": clientSecret]
        form["redirect_uri"] = redirectUri
        return try await tokenRequest(form)
    }

    public func refresh(refreshToken: String) async throws -> FitnessTokens {
        try await tokenRequest(["grant_type": "refresh_token", "refresh_token": refreshToken, "client_id": clientId, "client_secret": clientSecret])
    }

    struct RollUp: Decodable {
        var steps: Int?
        var activeEnergyKcal: Double?
    }

    public func activity(accessToken: String, from: Date, to: Date) async throws -> FitnessDailyActivity {
        let formatter = ISO8601DateFormatter()
        var components = URLComponents(url: apiBaseURL.appendingPathComponent("users/me/dailyActivity"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "startTime", value: formatter.string(from: from)), URLQueryItem(name: "endTime", value: formatter.string(from: to))]
        var request = URLRequest(url: components.url!, timeoutInterval: 20)
        request.setValue("Bearer \(accessToken)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw ContractError(.unavailable, "the fitness provider refused the activity request (HTTP \(status))") }
        let rollUp = try JSONDecoder().decode(RollUp.self, from: data)
        return FitnessDailyActivity(
            steps: rollUp.steps ?? 0, energyBurned: Decimal(string: String(format: "%.3f", rollUp.activeEnergyKcal ?? 0)) ?? 0)
    }
}
