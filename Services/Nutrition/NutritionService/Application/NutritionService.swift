import Foundation
public import Logging
import SeedContracts
public import SeedServiceKit
import SeedStore

/// The nutrition service's use cases: profiles, meal logs, statistics, the coach and the fitness link
/// (seed 003). Every command acts on the caller's own data (`envelope.actor`): another user's meal is
/// `not_found`, and no reply or event carries a fitness token. Each state change commits through
/// ``work`` with the events it causes, then makes the caller's cached statistics stale.
public struct NutritionService: Sendable {
    let work: UnitOfWork
    let cache: StatsCache?
    let coachModel: (any CoachModel)?
    let fitness: any FitnessProvider
    let tokens: TokenCipher
    let logger: Logger

    /// - Parameters:
    ///   - cache: Today's and the weekly statistics in Redis; `nil` computes them on every read.
    ///   - coachModel: An OpenAI-compatible chat model; `nil` answers from the user's data alone.
    ///   - fitness: The fitness provider; by default none (linking answers `conflict`, reason `not_configured`).
    ///   - tokens: Seals the provider's tokens at rest.
    public init(
        work: UnitOfWork, cache: StatsCache? = nil, coachModel: (any CoachModel)? = nil, fitness: any FitnessProvider = FitnessProviderDisabled(),
        tokens: TokenCipher = .none, logger: Logger = Logger(label: "seed.nutrition")
    ) {
        self.work = work
        self.cache = cache
        self.coachModel = coachModel
        self.fitness = fitness
        self.tokens = tokens
        self.logger = logger
    }

    var store: any DocumentStore { work.store }

    /// The user's profile, or seed 003's defaults when never saved.
    func profile(of user: String, in operations: any DocumentOperations) async throws -> NutritionProfile {
        try await DocumentCollection(NutritionProfile.self, in: operations).first(.equal("_id", .string(user))) ?? .defaults(for: user)
    }

    /// A meal of `user`; `not_found` for anyone else's, so that its existence does not leak.
    func meal(_ id: String, of user: String, in operations: any DocumentOperations) async throws -> MealLog {
        guard let meal = try await DocumentCollection(MealLog.self, in: operations).first(.equal("_id", .string(id))), meal.userId == user else {
            throw ContractError(.notFound, "no meal \(id)", details: ["field": "mealId"])
        }
        return meal
    }

    /// The user's meals eaten in `[start, end)`, oldest first.
    func meals(of user: String, from start: Date, to end: Date, in operations: any DocumentOperations) async throws -> [MealLog] {
        try await DocumentCollection(MealLog.self, in: operations).find(
            .and([.equal("userId", .string(user)), .greaterThanOrEqual("date", .date(start)), .lessThan("date", .date(end))]),
            options: FindOptions(sort: [SortKey("date"), SortKey("_id")]))
    }

    /// Active energy synced for each day of `window` (only while the fitness link is on).
    func adjustments(of profile: NutritionProfile, window: DayWindow, in operations: any DocumentOperations) async throws -> [LocalDay: Decimal] {
        guard profile.fitDataEnabled else { return [:] }
        let days = try await DocumentCollection(ActivityDay.self, in: operations).find(.and([
            .equal("userId", .string(profile.id)), .greaterThanOrEqual("day", .string(window.from.description)),
            .lessThanOrEqual("day", .string(window.to.description)),
        ]))
        var result: [LocalDay: Decimal] = [:]
        for day in days {
            if let local = try? LocalDay(parsing: day.day, field: "day") { result[local] = day.energyBurned }
        }
        return result
    }

    /// Publishes ``DailyGoalReachedV1`` when the user's calories of `day` went from below its target to
    /// at or above it. `before` is the day's total before the change.
    func announceGoal(of profile: NutritionProfile, day: LocalDay, before: Decimal, in tx: Transaction) async throws {
        let window = DayWindow(day: day, timeZone: profile.timeZone)
        let after = try await meals(of: profile.id, from: window.start, to: window.end, in: tx.operations).reduce(Decimal(0)) { $0 + $1.totalCalories }
        let adjustment = try await adjustments(of: profile, window: window, in: tx.operations)[day] ?? 0
        let target = Decimal(profile.dailyCalorieGoal) + adjustment
        if before < target, after >= target {
            try await tx.publish(DailyGoalReachedV1(userId: profile.id, day: day.description, target: target, consumed: after))
        }
    }

    /// The calories of `day` of the user so far.
    func dayTotal(of profile: NutritionProfile, day: LocalDay, in operations: any DocumentOperations) async throws -> Decimal {
        let window = DayWindow(day: day, timeZone: profile.timeZone)
        return try await meals(of: profile.id, from: window.start, to: window.end, in: operations).reduce(Decimal(0)) { $0 + $1.totalCalories }
    }
}
