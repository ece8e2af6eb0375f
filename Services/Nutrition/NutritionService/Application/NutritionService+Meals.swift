import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension NutritionService {
    /// `nutrition.log-meal.v1`: checks every food (required macros ≥ 0, fiber and sugar default 0),
    /// computes totalCalories (a client total that disagrees is refused), stores the meal and announces
    /// it, and announces the day's goal when this meal reaches it.
    public func logMeal(_ command: LogMealV1, envelope: MessageEnvelope) async throws -> MealLogV1 {
        let user = try envelope.signedInActor()
        let foods = try NutritionRules.foods(command.foods)
        let total = try NutritionRules.totalCalories(of: foods, stated: command.totalCalories)
        let date = try NutritionRules.mealDate(command.date, now: work.now)
        let imageUrl = try NutritionRules.imageUrl(command.imageUrl)
        var analysis = try NutritionRules.analysis(command.analysis)
        if analysis == nil, command.analyze == true {
            let draft = MealLog(id: "", userId: user, foods: foods, totalCalories: total, mealType: command.mealType, date: date,
                                imageUrl: nil, analysis: nil, createdAt: date, updatedAt: date)
            analysis = try await analyze(draft)
        }
        let view = try await work.once(envelope) { [analysis] tx in
            let profile = try await profile(of: user, in: tx.operations)
            let day = DayWindow(day: .init(containing: date, in: LocalDay.calendar(TimeZone(identifier: profile.timeZone)!)), timeZone: profile.timeZone).from
            let before = try await dayTotal(of: profile, day: day, in: tx.operations)
            let meal = MealLog(
                id: ObjectId().description, userId: user, foods: foods, totalCalories: total, mealType: command.mealType, date: date,
                imageUrl: imageUrl, analysis: analysis, createdAt: tx.now, updatedAt: tx.now)
            try await tx.meals.insert(meal)
            try await tx.publish(MealLoggedV1(meal: meal.view))
            try await announceGoal(of: profile, day: day, before: before, in: tx)
            return meal.view
        }
        await statisticsChanged(for: user)
        return view
    }

    /// `nutrition.update-meal.v1`: changes the caller's meal; new foods recompute totalCalories, and a
    /// stated total must equal the sum of the foods the meal ends up with.
    public func updateMeal(_ command: UpdateMealV1, envelope: MessageEnvelope) async throws -> MealLogV1 {
        let user = try envelope.signedInActor()
        let foods = try command.foods.map(NutritionRules.foods)
        let date = try command.date.map { date throws(ContractError) in try NutritionRules.mealDate(date, now: work.now) }
        let imageUrl = try NutritionRules.imageUrl(command.imageUrl)
        let analysis = try NutritionRules.analysis(command.analysis)
        let view = try await work.once(envelope) { tx in
            var meal = try await meal(command.mealId, of: user, in: tx.operations)
            let profile = try await profile(of: user, in: tx.operations)
            if let foods { meal.foods = foods }
            meal.totalCalories = try NutritionRules.totalCalories(of: meal.foods, stated: command.totalCalories)
            if let type = command.mealType { meal.mealType = type }
            if let date { meal.date = date }
            if let imageUrl { meal.imageUrl = imageUrl }
            if let analysis { meal.analysis = analysis }
            meal.updatedAt = tx.now
            let day = LocalDay(containing: meal.date, in: LocalDay.calendar(TimeZone(identifier: profile.timeZone)!))
            let before = try await dayTotal(of: profile, day: day, in: tx.operations)
            try await tx.meals.replace(meal)
            try await tx.publish(MealChangedV1(meal: meal.view))
            try await announceGoal(of: profile, day: day, before: before, in: tx)
            return meal.view
        }
        await statisticsChanged(for: user)
        return view
    }

    /// `nutrition.delete-meal.v1`: deletes the caller's meal and announces it.
    public func deleteMeal(_ command: DeleteMealV1, envelope: MessageEnvelope) async throws -> Accepted {
        let user = try envelope.signedInActor()
        let reply = try await work.once(envelope) { tx in
            let meal = try await meal(command.mealId, of: user, in: tx.operations)
            try await tx.meals.delete(.equal("_id", .string(meal.id)))
            try await tx.publish(MealDeletedV1(userId: user, mealId: meal.id, date: meal.date))
            return Accepted()
        }
        await statisticsChanged(for: user)
        return reply
    }

    /// `nutrition.get-meal.v1`.
    public func getMeal(_ command: GetMealV1, envelope: MessageEnvelope) async throws -> MealLogV1 {
        let user = try envelope.signedInActor()
        return try await work.mapStoreErrors { try await meal(command.mealId, of: user, in: store).view }
    }

    /// `nutrition.list-meals.v1`: the caller's meals newest first (`date`, then id), in keyset pages,
    /// optionally of one meal type and within `[from, to)`.
    public func listMeals(_ command: ListMealsV1, envelope: MessageEnvelope) async throws -> MealPageV1 {
        let user = try envelope.signedInActor()
        let limit = try NutritionRules.limit(command.limit, default: 20)
        let cursor = try PageCursor.fromRequest(command.cursor)
        if let from = command.from, let to = command.to, from >= to {
            throw ContractError.validation("from must be before to", field: "from")
        }
        var filters: [Filter] = [.equal("userId", .string(user))]
        if let type = command.mealType { filters.append(.equal("mealType", .string(type.rawValue))) }
        if let from = command.from { filters.append(.greaterThanOrEqual("date", .date(from))) }
        if let to = command.to { filters.append(.lessThan("date", .date(to))) }
        let page = try await work.mapStoreErrors {
            try await DocumentCollection(MealLog.self, in: store).page(
                .and(filters), sort: [SortKey("date", .descending), SortKey("_id", .descending)], after: cursor, limit: limit)
        }
        return MealPageV1(meals: page.items.map(\.view), nextCursor: page.next?.description)
    }
}
