import Foundation
import NutritionService
import SeedContracts
import SeedRedis
import SeedRuntime
import SeedServiceKit

/// `SEED_NUTRITION_TOKEN_KEYS`: AES-256 keys that seal fitness tokens, `id:base64[,id:base64…]`, the sealing key first.
let tokenKeysVariable = ConfigurationVariable(name: "SEED_NUTRITION_TOKEN_KEYS", example: "k2026a:q6v3sVv0mO9x0m3d7Yc1wZ5t8n2b4k6p9r1u3x5z7A0=")
/// `SEED_NUTRITION_CACHE_SECONDS`: how long cached statistics live (0 turns the cache off).
let cacheSecondsVariable = ConfigurationVariable(name: "SEED_NUTRITION_CACHE_SECONDS", example: "600")
/// `SEED_NUTRITION_COACH_URL`: an OpenAI-compatible endpoint (`…/v1`); unset answers from the rules alone.
let coachURLVariable = ConfigurationVariable(name: "SEED_NUTRITION_COACH_URL", example: "http://127.0.0.1:11434/v1", mayContainPassword: true)
/// `SEED_NUTRITION_COACH_MODEL`: the model name sent to the endpoint.
let coachModelVariable = ConfigurationVariable(name: "SEED_NUTRITION_COACH_MODEL", example: "llama3.1")
/// `SEED_NUTRITION_COACH_API_KEY`: the endpoint's bearer key, if it needs one.
let coachKeyVariable = ConfigurationVariable(name: "SEED_NUTRITION_COACH_API_KEY", example: "sk-…", mayContainPassword: true)
/// `SEED_NUTRITION_FITNESS_PROVIDER`: `none` (default) or `google-health`.
let providerVariable = ConfigurationVariable(name: "SEED_NUTRITION_FITNESS_PROVIDER", example: "google-health")
/// `SEED_NUTRITION_FITNESS_CLIENT_ID` / `_SECRET`: the OAuth client of the provider.
let clientIdVariable = ConfigurationVariable(name: "SEED_NUTRITION_FITNESS_CLIENT_ID", example: "1234.apps.googleusercontent.com")
let clientSecretVariable = ConfigurationVariable(name: "SEED_NUTRITION_FITNESS_CLIENT_SECRET", example: "GOCSPX-…", mayContainPassword: true)

// The nutrition service: its store with its collections, the outbox relay, Redis for cached
// statistics, the coach (rules, or a configured model), the fitness provider, and its handlers.
await SeedServiceMain.run(.nutrition) { host in
    var reader = EnvironmentReader(environment: ProcessInfo.processInfo.environment)
    let tokens = reader.read(tokenKeysVariable, default: TokenCipher.none) { raw throws(RejectedValue) in
        do { return try TokenCipher.parse(raw) } catch { throw RejectedValue(reason: "must be id:base64 of 32 bytes, comma-separated") }
    }
    let cacheSeconds = reader.read(cacheSecondsVariable, default: 600) { raw throws(RejectedValue) in try ValueParsers.integer(raw, in: 0...86_400) }
    let coachURL = reader.read(coachURLVariable, default: URL?.none) { raw throws(RejectedValue) in try ValueParsers.url(raw, schemes: ["http", "https"]) }
    let coachModelName = reader.read(coachModelVariable, default: "gpt-4o-mini") { $0 }
    let coachKey = reader.read(coachKeyVariable, default: String?.none) { $0 }
    let provider = reader.read(providerVariable, default: "none") { raw throws(RejectedValue) in
        guard ["none", "google-health"].contains(raw) else { throw RejectedValue(reason: "must be none or google-health") }
        return raw
    }
    let clientId = reader.read(clientIdVariable, default: "") { $0 }
    let clientSecret = reader.read(clientSecretVariable, default: "") { $0 }
    guard reader.problems.isEmpty else { throw ConfigurationError(executable: "seed-nutrition", problems: reader.problems) }

    let bus = try host.addBus()
    let work = try await host.addUnitOfWork(bus: bus, collections: NutritionCollections.all)
    let redis = RedisClient(configuration: try RedisConfiguration(url: host.configuration.redisURL.absoluteString), logger: host.logger)
    let fitness: any FitnessProvider = provider == "google-health"
        ? GoogleHealthProvider(clientId: clientId, clientSecret: clientSecret) : FitnessProviderDisabled()
    let service = NutritionService(
        work: work, cache: cacheSeconds > 0 ? StatsCache(client: redis, ttl: .seconds(cacheSeconds), logger: host.logger) : nil,
        coachModel: coachURL.map { OpenAIChatCoach(baseURL: $0, model: coachModelName, apiKey: coachKey) }, fitness: fitness, tokens: tokens,
        logger: host.logger)
    NutritionHandlers.register(service, on: bus)
}
