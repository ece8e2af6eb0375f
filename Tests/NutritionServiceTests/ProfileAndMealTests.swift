import Foundation
import NutritionService
import SeedContracts
import SeedServiceTesting
import Testing

@Suite("Nutrition profiles and meal logs")
struct ProfileAndMealTests {
    typealias H = NutritionHarness

    @Test("a profile never saved has seed 003's defaults: moderately active, 2,000 kcal, fitness off")
    func defaults() async throws {
        let h = try await H.make()
        let profile = try await h.service.getProfile(GetNutritionProfileV1(), envelope: h.env(GetNutritionProfileV1.self, "u1"))
        #expect(profile.activityLevel == .moderatelyActive && profile.dailyCalorieGoal == 2000 && profile.timeZone == "UTC")
        #expect(!profile.fitness.fitDataEnabled && profile.createdAt == nil)
    }

    @Test("age 12, weight 600, a goal of 900 kcal and an unknown time zone are refused naming the field; nothing is stored")
    func profileValidation() async throws {
        let h = try await H.make()
        let cases: [(UpdateNutritionProfileV1, String)] = [
            (UpdateNutritionProfileV1(age: 12), "age"), (UpdateNutritionProfileV1(age: 121), "age"),
            (UpdateNutritionProfileV1(weight: 600), "weight"), (UpdateNutritionProfileV1(weight: 19), "weight"),
            (UpdateNutritionProfileV1(dailyCalorieGoal: 900), "dailyCalorieGoal"), (UpdateNutritionProfileV1(dailyCalorieGoal: 10_001), "dailyCalorieGoal"),
            (UpdateNutritionProfileV1(timeZone: "Mars/Olympus"), "timeZone"), (UpdateNutritionProfileV1(name: "  "), "name"),
        ]
        for (command, field) in cases {
            await expectContractError(.validation, field: field) { try await h.profile("u1", command) }
        }
        #expect(try await h.fixture.store.count(in: "nutritionprofiles", where: .all) == 0)
        #expect(try await h.fixture.events(NutritionProfileUpdatedV1.self).isEmpty)
    }

    @Test("saving a profile keeps absent fields and announces the changed ones")
    func updateProfile() async throws {
        let h = try await H.make()
        try await h.profile("u1", UpdateNutritionProfileV1(name: "Ada", age: 28, weight: 75, height: 175, goals: ["lose_weight"]))
        let second = try await h.profile("u1", UpdateNutritionProfileV1(dailyCalorieGoal: 1800, timeZone: "Europe/Berlin"))
        #expect(second.name == "Ada" && second.age == 28 && second.dailyCalorieGoal == 1800 && second.timeZone == "Europe/Berlin")
        let events = try await h.fixture.events(NutritionProfileUpdatedV1.self)
        #expect(events.map(\.changedFields) == [["name", "age", "weight", "height", "goals"], ["dailyCalorieGoal", "timeZone"]])
    }

    @Test("totalCalories is the exact sum of the foods, decimals included (0.1 + 0.2 = 0.3)")
    func exactTotals() async throws {
        let h = try await H.make()
        let meal = try await h.log("u1", ["0.1", "0.2", "450", "199.995"])
        #expect(meal.totalCalories == Decimal(string: "650.295")!)
        let stated = try await h.service.logMeal(
            LogMealV1(foods: [H.food("0.1"), H.food("0.2")], mealType: .snack, totalCalories: Decimal(string: "0.3")!), envelope: h.env(LogMealV1.self, "u1"))
        #expect(stated.totalCalories == Decimal(string: "0.3")!)
        #expect(stated.foods[0].fiber == 0 && stated.foods[0].sugar == 0, "fiber and sugar default to 0")
    }

    @Test("an empty foods list, negative macros and a disagreeing totalCalories are refused naming the field; nothing is stored")
    func mealValidation() async throws {
        let h = try await H.make()
        let cases: [(LogMealV1, String)] = [
            (LogMealV1(foods: [], mealType: .lunch), "foods"),
            (LogMealV1(foods: [H.food("-1")], mealType: .lunch), "foods.0.calories"),
            (LogMealV1(foods: [H.food("100"), H.food("100", protein: "-0.5")], mealType: .lunch), "foods.1.protein"),
            (LogMealV1(foods: [H.food("100", carbs: "-2")], mealType: .lunch), "foods.0.carbs"),
            (LogMealV1(foods: [H.food("100", fat: "-2")], mealType: .lunch), "foods.0.fat"),
            (LogMealV1(foods: [H.food("100"), H.food("50")], mealType: .lunch, totalCalories: 160), "totalCalories"),
            (LogMealV1(foods: [H.food("100")], mealType: .lunch, date: Date(timeIntervalSince1970: 1_900_000_000)), "date"),
            (LogMealV1(foods: [H.food("100")], mealType: .lunch, imageUrl: "ftp://x"), "imageUrl"),
        ]
        for (command, field) in cases {
            await expectContractError(.validation, field: field) {
                _ = try await h.service.logMeal(command, envelope: h.env(LogMealV1.self, "u1"))
            }
        }
        #expect(try await h.mealCount() == 0)
        #expect(try await h.fixture.events(MealLoggedV1.self).isEmpty)
    }

    @Test("editing foods recomputes the total, a stale stated total is refused, and deleting removes the meal; each is announced")
    func editAndDelete() async throws {
        let h = try await H.make()
        let meal = try await h.log("u1", ["300", "200"])
        let edited = try await h.service.updateMeal(
            UpdateMealV1(mealId: meal.id, foods: [H.food("120.5"), H.food("80.25")], mealType: .dinner), envelope: h.env(UpdateMealV1.self, "u1"))
        #expect(edited.totalCalories == Decimal(string: "200.75")! && edited.mealType == .dinner)
        await expectContractError(.validation, field: "totalCalories") {
            _ = try await h.service.updateMeal(UpdateMealV1(mealId: meal.id, totalCalories: 500), envelope: h.env(UpdateMealV1.self, "u1"))
        }
        _ = try await h.service.deleteMeal(DeleteMealV1(mealId: meal.id), envelope: h.env(DeleteMealV1.self, "u1"))
        #expect(try await h.mealCount() == 0)
        #expect(try await h.fixture.events(MealLoggedV1.self).count == 1)
        #expect(try await h.fixture.events(MealChangedV1.self).count == 1)
        #expect(try await h.fixture.events(MealDeletedV1.self).map(\.mealId) == [meal.id])
    }

    @Test("another user's meal does not exist for the caller: read, edit, delete and analyse answer not_found")
    func otherUsersMeal() async throws {
        let h = try await H.make()
        let meal = try await h.log("owner", ["300"])
        await expectContractError(.notFound, field: "mealId") { _ = try await h.service.getMeal(GetMealV1(mealId: meal.id), envelope: h.env(GetMealV1.self, "intruder")) }
        await expectContractError(.notFound, field: "mealId") {
            _ = try await h.service.updateMeal(UpdateMealV1(mealId: meal.id, mealType: .snack), envelope: h.env(UpdateMealV1.self, "intruder"))
        }
        await expectContractError(.notFound, field: "mealId") { _ = try await h.service.deleteMeal(DeleteMealV1(mealId: meal.id), envelope: h.env(DeleteMealV1.self, "intruder")) }
        await expectContractError(.notFound, field: "mealId") { _ = try await h.service.analyzeMeal(AnalyzeMealV1(mealId: meal.id), envelope: h.env(AnalyzeMealV1.self, "intruder")) }
        let theirs = try await h.service.listMeals(ListMealsV1(), envelope: h.env(ListMealsV1.self, "intruder"))
        #expect(theirs.meals.isEmpty)
        await expectContractError(.unauthenticated) { _ = try await h.service.listMeals(ListMealsV1(), envelope: MessageEnvelope(type: ListMealsV1.messageType)) }
    }

    @Test("history is newest first in stable pages, filtered by meal type and date range")
    func history() async throws {
        let h = try await H.make()
        let start = H.date("2027-01-10T08:00:00Z")
        for index in 0..<7 {
            try await h.log("u1", ["100"], type: index.isMultiple(of: 2) ? .breakfast : .dinner, at: start.addingTimeInterval(Double(index) * 3_600))
        }
        var seen: [MealLogV1] = []
        var cursor: String?
        repeat {
            let page = try await h.service.listMeals(ListMealsV1(cursor: cursor, limit: 3), envelope: h.env(ListMealsV1.self, "u1"))
            seen += page.meals
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen.count == 7 && seen.map(\.date) == seen.map(\.date).sorted(by: >))
        let breakfasts = try await h.service.listMeals(ListMealsV1(mealType: .breakfast), envelope: h.env(ListMealsV1.self, "u1"))
        #expect(breakfasts.meals.count == 4 && breakfasts.meals.allSatisfy { $0.mealType == .breakfast })
        let ranged = try await h.service.listMeals(
            ListMealsV1(from: start.addingTimeInterval(3_600), to: start.addingTimeInterval(3 * 3_600)), envelope: h.env(ListMealsV1.self, "u1"))
        #expect(ranged.meals.count == 2)
        await expectContractError(.validation, field: "cursor") { _ = try await h.service.listMeals(ListMealsV1(cursor: "nope"), envelope: h.env(ListMealsV1.self, "u1")) }
        await expectContractError(.validation, field: "limit") { _ = try await h.service.listMeals(ListMealsV1(limit: 0), envelope: h.env(ListMealsV1.self, "u1")) }
    }

    @Test("the meal that takes a day to its goal announces it once")
    func goalReached() async throws {
        let h = try await H.make()
        try await h.profile("u1", UpdateNutritionProfileV1(dailyCalorieGoal: 1000))
        try await h.log("u1", ["600"])
        try await h.log("u1", ["450"])
        try await h.log("u1", ["100"])
        let events = try await h.fixture.events(DailyGoalReachedV1.self)
        #expect(events.count == 1)
        #expect(events.first?.day == "2027-01-15" && events.first?.consumed == 1050 && events.first?.target == 1000)
    }

    @Test("a redelivered log command stores one meal and returns the first reply")
    func redelivery() async throws {
        let h = try await H.make()
        let envelope = h.env(LogMealV1.self, "u1")
        let first = try await h.service.logMeal(LogMealV1(foods: [H.food("100")], mealType: .lunch), envelope: envelope)
        let again = try await h.service.logMeal(LogMealV1(foods: [H.food("100")], mealType: .lunch), envelope: envelope)
        #expect(first == again)
        #expect(try await h.mealCount() == 1)
    }
}
