import Foundation
import NutritionService
import SeedContracts
import SeedRedis
import SeedServiceTesting
import Testing

@Suite("Nutrition statistics")
struct StatisticsTests {
    typealias H = NutritionHarness

    @Test("today follows the user's time zone: a meal at 23:30 local is yesterday's, whatever its UTC date")
    func todayInTimeZones() async throws {
        let h = try await H.make()
        // The clock is 2027-01-15 08:00 UTC: 00:00 in Los Angeles, 17:00 in Tokyo.
        try await h.profile("la", UpdateNutritionProfileV1(timeZone: "America/Los_Angeles"))
        try await h.log("la", ["111"], at: H.date("2027-01-15T07:30:00Z"))   // 14 Jan 23:30 local
        try await h.log("la", ["222"])                                        // now: 15 Jan 00:00 local
        let la = try await h.service.todayStats(GetTodayStatsV1(), envelope: h.env(GetTodayStatsV1.self, "la"))
        #expect(la.day == "2027-01-15" && la.totals.calories == 222 && la.meals.count == 1)

        try await h.profile("tokyo", UpdateNutritionProfileV1(timeZone: "Asia/Tokyo"))
        try await h.log("tokyo", ["300"], at: H.date("2027-01-14T16:00:00Z"))  // 15 Jan 01:00 local
        try await h.log("tokyo", ["400"], at: H.date("2027-01-14T14:30:00Z"))  // 14 Jan 23:30 local
        let tokyo = try await h.service.todayStats(GetTodayStatsV1(), envelope: h.env(GetTodayStatsV1.self, "tokyo"))
        #expect(tokyo.day == "2027-01-15" && tokyo.totals.calories == 300)
        #expect(tokyo.progress.target == 2000 && tokyo.progress.remaining == 1700 && tokyo.progress.percent == 15)
    }

    @Test("weekly statistics over meals spread over days: total, both averages, meals and days with meals")
    func weekly() async throws {
        let h = try await H.make()
        try await h.log("u1", ["500"], at: H.date("2027-01-15T07:00:00Z"))
        try await h.log("u1", ["700.5"], at: H.date("2027-01-15T01:00:00Z"))
        try await h.log("u1", ["800"], at: H.date("2027-01-13T12:00:00Z"))
        try await h.log("u1", ["300"], at: H.date("2027-01-09T00:00:00Z"))   // first instant of the window
        try await h.log("u1", ["999"], at: H.date("2027-01-08T23:59:59Z"))   // just before it
        let week = try await h.service.weeklyStats(GetWeeklyStatsV1(), envelope: h.env(GetWeeklyStatsV1.self, "u1"))
        #expect(week.from == "2027-01-09" && week.to == "2027-01-15" && week.windowDays == 7)
        #expect(week.totalCalories == Decimal(string: "2300.5")! && week.mealsLogged == 4 && week.daysWithMeals == 3)
        #expect(week.averageDailyCalories == Decimal(string: "328.643")!, "2300.5 / 7")
        #expect(week.averageCaloriesPerLoggedDay == Decimal(string: "766.833")!, "2300.5 / 3")

        let stated = try await h.service.weeklyStats(GetWeeklyStatsV1(from: "2027-01-08", to: "2027-01-08"), envelope: h.env(GetWeeklyStatsV1.self, "u1"))
        #expect(stated.totalCalories == 999 && stated.windowDays == 1)
    }

    @Test("daily totals list every day of the window, a day with no meals with zeros")
    func daily() async throws {
        let h = try await H.make()
        try await h.log("u1", ["100", "50.25"], at: H.date("2027-01-13T12:00:00Z"))
        try await h.log("u1", ["400"], at: H.date("2027-01-15T07:00:00Z"))
        let totals = try await h.service.dailyTotals(GetDailyTotalsV1(from: "2027-01-12", to: "2027-01-15"), envelope: h.env(GetDailyTotalsV1.self, "u1"))
        #expect(totals.days.map(\.day) == ["2027-01-12", "2027-01-13", "2027-01-14", "2027-01-15"])
        #expect(totals.days.map(\.totals.calories) == [0, Decimal(string: "150.25")!, 0, 400])
        #expect(totals.days[2].totals.meals == 0 && totals.days[2].progress.remaining == 2000)
    }

    @Test("the macro breakdown sums grams and gives each macro's share of 4/4/9 kcal energy")
    func macros() async throws {
        let h = try await H.make()
        try await h.log("u1", ["100", "200"])  // each food: 10 g protein, 10 g carbs, 5 g fat
        let macros = try await h.service.macroBreakdown(GetMacroBreakdownV1(), envelope: h.env(GetMacroBreakdownV1.self, "u1"))
        #expect(macros.totals.protein == 20 && macros.totals.carbs == 20 && macros.totals.fat == 10)
        #expect(macros.proteinPercent == 32 && macros.carbsPercent == 32 && macros.fatPercent == 36)
    }

    @Test("statistics totals follow edits and deletes")
    func totalsAfterEdits() async throws {
        let h = try await H.make()
        let first = try await h.log("u1", ["300"])
        let second = try await h.log("u1", ["200"])
        _ = try await h.service.updateMeal(UpdateMealV1(mealId: first.id, foods: [H.food("333.3")]), envelope: h.env(UpdateMealV1.self, "u1"))
        _ = try await h.service.deleteMeal(DeleteMealV1(mealId: second.id), envelope: h.env(DeleteMealV1.self, "u1"))
        let today = try await h.service.todayStats(GetTodayStatsV1(), envelope: h.env(GetTodayStatsV1.self, "u1"))
        #expect(today.totals.calories == Decimal(string: "333.3")! && today.totals.meals == 1)
    }

    @Test("windows that are not dates, reversed or longer than 366 days are refused naming the field")
    func badWindows() async throws {
        let h = try await H.make()
        for (from, to, field) in [("2027-13-01", nil, "from"), ("yesterday", nil, "from"), (nil, "2027-02-30", "to"), ("2027-01-10", "2027-01-01", "from"),
                                  ("2025-01-01", "2027-01-01", "to")] as [(String?, String?, String)] {
            await expectContractError(.validation, field: field) {
                _ = try await h.service.weeklyStats(GetWeeklyStatsV1(from: from, to: to), envelope: h.env(GetWeeklyStatsV1.self, "u1"))
            }
        }
    }

    @Test("today's and the weekly statistics are served from Redis, and each meal or profile change stores them anew, so reads after a change hit and see it")
    func cache() async throws {
        let redis = try H.redis()
        let cache = StatsCache(client: redis, namespace: "test-nutrition-\(UUID().uuidString.prefix(8))")
        let h = try await H.make(cache: cache)
        let today = { try await h.service.todayStats(GetTodayStatsV1(), envelope: h.env(GetTodayStatsV1.self, "u1")) }
        let week = { try await h.service.weeklyStats(GetWeeklyStatsV1(), envelope: h.env(GetWeeklyStatsV1.self, "u1")) }
        try await h.log("u1", ["100"])
        #expect(try await today().totals.calories == 100)
        #expect(try await today().totals.calories == 100)
        #expect(try await week().totalCalories == 100)
        #expect(try await week().totalCalories == 100)
        #expect(cache.stats.hits == 4 && cache.stats.misses == 0, "the meal log stored both entries")

        try await h.log("u1", ["50"])
        #expect(try await today().totals.calories == 150, "a new meal makes the cached entry stale")
        #expect(try await week().totalCalories == 150)
        try await h.profile("u1", UpdateNutritionProfileV1(dailyCalorieGoal: 1500))
        #expect(try await today().progress.target == 1500, "a profile change makes it stale")
        let meal = try await h.service.listMeals(ListMealsV1(), envelope: h.env(ListMealsV1.self, "u1")).meals[0]
        _ = try await h.service.deleteMeal(DeleteMealV1(mealId: meal.id), envelope: h.env(DeleteMealV1.self, "u1"))
        #expect(try await today().totals.calories == 100)
        #expect(cache.stats.hits == 8 && cache.stats.misses == 0)

        // A weekly window other than the default is not refreshed by a change: a miss, then a hit.
        let window = { try await h.service.weeklyStats(GetWeeklyStatsV1(from: "2020-01-01", to: "2020-01-07"), envelope: h.env(GetWeeklyStatsV1.self, "u1")) }
        #expect(try await window().totalCalories == 0)
        #expect(try await window().totalCalories == 0)
        #expect(cache.stats.hits == 9 && cache.stats.misses == 1)
        await redis.shutdown()
    }
}
