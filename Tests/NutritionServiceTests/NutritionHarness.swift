import Foundation
import NutritionService
import SeedContracts
import SeedRedis
import SeedServiceKit
import SeedServiceTesting
import Testing

/// The nutrition service over a fresh embedded store on a test clock (2027-01-15 08:00 UTC).
struct NutritionHarness {
    let fixture: ServiceFixture
    let service: NutritionService

    static func make(
        cache: StatsCache? = nil, coachModel: (any CoachModel)? = nil, fitness: any FitnessProvider = FitnessProviderDisabled(),
        tokens: TokenCipher = .none
    ) async throws -> NutritionHarness {
        let fixture = try await ServiceFixture.make(.nutrition, collections: NutritionCollections.all)
        return NutritionHarness(
            fixture: fixture, service: NutritionService(work: fixture.work, cache: cache, coachModel: coachModel, fitness: fitness, tokens: tokens))
    }

    func env<C: Command>(_ type: C.Type, _ user: String) -> MessageEnvelope { fixture.envelope(type, actor: user) }

    /// A food of `calories` kcal with the given macros.
    static func food(_ calories: String, protein: String = "10", carbs: String = "10", fat: String = "5", name: String = "Food") -> FoodItemV1 {
        FoodItemV1(name: name, calories: Decimal(string: calories)!, protein: Decimal(string: protein)!, carbs: Decimal(string: carbs)!,
                   fat: Decimal(string: fat)!, quantity: "1 serving")
    }

    @discardableResult
    func log(_ user: String, _ calories: [String], type: MealType = .lunch, at date: Date? = nil) async throws -> MealLogV1 {
        try await service.logMeal(LogMealV1(foods: calories.map { Self.food($0) }, mealType: type, date: date), envelope: env(LogMealV1.self, user))
    }

    @discardableResult
    func profile(_ user: String, _ update: UpdateNutritionProfileV1) async throws -> NutritionProfileV1 {
        try await service.updateProfile(update, envelope: env(UpdateNutritionProfileV1.self, user))
    }

    func mealCount() async throws -> Int {
        try await fixture.store.count(in: "meallogs", where: .all)
    }

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    static func redis() throws -> RedisClient {
        let url = try #require(ProcessInfo.processInfo.environment["SEED_TEST_REDIS_URL"], "SEED_TEST_REDIS_URL is not set: run scripts/test")
        return RedisClient(configuration: try RedisConfiguration(url: url))
    }
}
