import Foundation
import HTTPTypes
import HummingbirdTesting
import NutritionService
import SeedContracts
import Synchronization
import Testing

/// A FAKE fitness provider for the gateway journeys: issues tokens with random values (so that a search
/// for them in responses and logs cannot match anything else), each expiring within the service's
/// refresh margin so that every sync refreshes, and reports a fixed day of activity. It talks to nothing.
final class JourneyFakeFitness: FitnessProvider {
    let name = "fake-fitness"
    /// Every access and refresh token issued so far.
    let issued = Mutex<[String]>([])
    /// The access token each activity call was given.
    let activityCalls = Mutex<[String]>([])

    private func issue(refresh: Bool) -> FitnessTokens {
        let access = "ya29.FAKE-\(UUID().uuidString)"
        let refreshToken = refresh ? "1//FAKE-\(UUID().uuidString)" : nil
        issued.withLock { $0 += [access] + (refreshToken.map { [$0] } ?? []) }
        return FitnessTokens(accountId: "fake-account-7", accessToken: access, refreshToken: refreshToken, expiresAt: Date().addingTimeInterval(60))
    }

    func exchange(code: String, redirectUri: String?) async throws -> FitnessTokens {
        guard code == "good-code" else { throw ContractError(.unauthenticated, "the fake provider refused the code") }
        return issue(refresh: true)
    }

    func refresh(refreshToken: String) async throws -> FitnessTokens { issue(refresh: false) }

    func activity(accessToken: String, from: Date, to: Date) async throws -> FitnessDailyActivity {
        activityCalls.withLock { $0.append(accessToken) }
        return FitnessDailyActivity(steps: 9_400, energyBurned: 420)
    }
}

/// Nutrition (seed 003) through the gateway: HTTP → gateway → bus → nutrition, with identity for the
/// accounts and nutrition's statistics cached in the real Redis.
@Suite("Nutrition through the gateway", .serialized)
struct NutritionJourneyTests {
    static let base = "/api/v1/nutrition"

    // MARK: Helpers

    /// Registers and logs in a user; returns their access token and id.
    func signUp(_ client: some TestClientProtocol, _ name: String) async throws -> (token: String, id: String) {
        let credentials = #"{"email":"\#(name)@example.com","password":"correct horse battery"}"#
        let registered = try await client.call(.post, "/api/v1/auth/register", json: credentials)
        try #require(registered.status == .created, "\(String(decoding: registered.body, as: UTF8.self))")
        let session = try (try await client.call(.post, "/api/v1/auth/login", json: credentials)).decode(SessionTokensV1.self)
        return (session.accessToken, session.user.id)
    }

    /// A food as JSON.
    static func food(_ calories: Int, protein: Int = 10, carbs: Int = 10, fat: Int = 5, name: String = "Food") -> String {
        #"{"name":"\#(name)","calories":\#(calories),"protein":\#(protein),"carbs":\#(carbs),"fat":\#(fat),"quantity":"1 serving"}"#
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// Logs a meal (201) and returns it.
    @discardableResult
    func logMeal(_ client: some TestClientProtocol, _ token: String, _ foods: [String], type: String = "lunch", date: String? = nil) async throws -> MealLogV1 {
        let dateField = date.map { #","date":"\#($0)""# } ?? ""
        let logged = try await client.call(.post, "\(Self.base)/meals", token: token,
                                           json: #"{"foods":[\#(foods.joined(separator: ","))],"mealType":"\#(type)"\#(dateField)}"#)
        try #require(logged.status == .created, "\(String(decoding: logged.body, as: UTF8.self))")
        return try logged.decode(MealLogV1.self)
    }

    func get<T: Decodable>(_ client: some TestClientProtocol, _ token: String, _ path: String, as type: T.Type) async throws -> T {
        let result = try await client.call(.get, "\(Self.base)\(path)", token: token)
        try #require(result.status == .ok, "GET \(path): \(result.status) \(String(decoding: result.body, as: UTF8.self))")
        return try result.decode(T.self)
    }

    /// The answer is a validation error naming `field`, with the status the contract gives validation errors.
    func expectRefused(_ result: HTTPResult, field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let body = String(decoding: result.body, as: UTF8.self)
        #expect(result.status.code == ErrorCode.validation.httpStatus, "\(body)", sourceLocation: sourceLocation)
        #expect(result.error?.code == .validation, "\(body)", sourceLocation: sourceLocation)
        #expect(result.error?.details["field"] == field, "expected the field \(field): \(body)", sourceLocation: sourceLocation)
    }

    static func decimal(_ text: String) -> Decimal { Decimal(string: text)! }

    // MARK: Validation

    @Test("every rule of seed 003 is refused with a validation error naming the field, and nothing is stored")
    func everyRuleRefused() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await signUp(client, "ada").token
            let saved = try await client.call(.put, "\(Self.base)/profile", token: ada,
                                              json: #"{"name":"Ada","age":28,"weight":75,"height":175,"activityLevel":"lightly_active","dailyCalorieGoal":1800}"#)
            try #require(saved.status == .ok, "\(String(decoding: saved.body, as: UTF8.self))")
            let before = try saved.decode(NutritionProfileV1.self)

            // The profile: each bad field alone, next to a good one that must not be stored either.
            let profileCases: [(json: String, field: String)] = [
                (#"{"age":12,"name":"Changed"}"#, "age"),
                (#"{"age":121}"#, "age"),
                (#"{"weight":600,"name":"Changed"}"#, "weight"),
                (#"{"weight":19.5}"#, "weight"),
                (#"{"dailyCalorieGoal":900,"name":"Changed"}"#, "dailyCalorieGoal"),
                (#"{"dailyCalorieGoal":10001}"#, "dailyCalorieGoal"),
                (#"{"activityLevel":"couch_potato","name":"Changed"}"#, "activityLevel"),
                (#"{"height":40}"#, "height"),
                (#"{"timeZone":"Mars/Olympus_Mons"}"#, "timeZone"),
                (#"{"age":"twelve"}"#, "age"),
            ]
            for (json, field) in profileCases {
                expectRefused(try await client.call(.put, "\(Self.base)/profile", token: ada, json: json), field: field)
            }
            #expect(try await get(client, ada, "/profile", as: NutritionProfileV1.self) == before, "no refused change was stored")

            // Meals.
            let good = Self.food(450, name: "Chicken Tikka Masala")
            let mealCases: [(json: String, field: String)] = [
                (#"{"foods":[\#(good)],"mealType":"brunch"}"#, "mealType"),
                (#"{"foods":[\#(good)]}"#, "mealType"),
                (#"{"foods":[],"mealType":"lunch"}"#, "foods"),
                (#"{"mealType":"lunch"}"#, "foods"),
                (#"{"foods":[\#(Self.food(200, protein: -1))],"mealType":"lunch"}"#, "foods.0.protein"),
                (#"{"foods":[\#(good),\#(Self.food(200, fat: -5))],"mealType":"lunch"}"#, "foods.1.fat"),
                (#"{"foods":[{"name":"Rice","calories":-200,"protein":4,"carbs":45,"fat":0.5,"quantity":"1 cup"}],"mealType":"lunch"}"#, "foods.0.calories"),
                (#"{"foods":[{"name":"Rice","calories":200,"carbs":45,"fat":0.5,"quantity":"1 cup"}],"mealType":"lunch"}"#, "foods.0.protein"),
                (#"{"foods":[{"name":"Rice","calories":200,"protein":4,"fat":0.5,"quantity":"1 cup"}],"mealType":"lunch"}"#, "foods.0.carbs"),
                (#"{"foods":[{"name":"Rice","calories":200,"protein":4,"carbs":45,"quantity":"1 cup"}],"mealType":"lunch"}"#, "foods.0.fat"),
                (#"{"foods":[{"name":"Rice","protein":4,"carbs":45,"fat":1,"quantity":"1 cup"}],"mealType":"lunch"}"#, "foods.0.calories"),
                (#"{"foods":[{"name":"Rice","calories":200,"protein":4,"carbs":45,"fat":1,"fiber":-1,"quantity":"1 cup"}],"mealType":"lunch"}"#, "foods.0.fiber"),
                (#"{"foods":[\#(good)],"mealType":"lunch","date":"yesterday"}"#, "date"),
                (#"{"foods":[\#(good)],"mealType":"lunch","date":"2026-13-45T25:00:00Z"}"#, "date"),
                (#"{"foods":[\#(good)],"mealType":"lunch","date":"2999-01-01T00:00:00Z"}"#, "date"),
                (#"{"foods":[\#(good),\#(Self.food(200))],"mealType":"lunch","totalCalories":600}"#, "totalCalories"),
            ]
            for (json, field) in mealCases {
                expectRefused(try await client.call(.post, "\(Self.base)/meals", token: ada, json: json), field: field)
            }
            #expect(try await get(client, ada, "/meals", as: MealPageV1.self).meals.isEmpty, "no refused meal was stored")
            #expect(try await get(client, ada, "/stats/today", as: TodayStatsV1.self).totals.meals == 0)

            // The same rules on a change of a stored meal: the meal stays as it was.
            let meal = try await logMeal(client, ada, [good, Self.food(200)], date: Self.iso(Date().addingTimeInterval(-3_600)))
            #expect(meal.totalCalories == 650)
            expectRefused(try await client.call(.patch, "\(Self.base)/meals/\(meal.id)", token: ada, json: #"{"totalCalories":600}"#), field: "totalCalories")
            expectRefused(try await client.call(.patch, "\(Self.base)/meals/\(meal.id)", token: ada, json: #"{"foods":[]}"#), field: "foods")
            expectRefused(try await client.call(.patch, "\(Self.base)/meals/\(meal.id)", token: ada, json: #"{"mealType":"elevenses"}"#), field: "mealType")
            expectRefused(try await client.call(.patch, "\(Self.base)/meals/\(meal.id)", token: ada, json: #"{"date":"not a date"}"#), field: "date")
            #expect(try await get(client, ada, "/meals/\(meal.id)", as: MealLogV1.self) == meal)

            // Days and instants in the query.
            expectRefused(try await client.call(.get, "\(Self.base)/stats/daily?from=2026-02-30&to=2026-03-02", token: ada), field: "from")
            expectRefused(try await client.call(.get, "\(Self.base)/stats/weekly?to=next-week", token: ada), field: "to")
            expectRefused(try await client.call(.get, "\(Self.base)/stats/macros?from=03/01/2026", token: ada), field: "from")
            expectRefused(try await client.call(.get, "\(Self.base)/meals?from=yesterday", token: ada), field: "from")
            expectRefused(try await client.call(.get, "\(Self.base)/meals?mealType=brunch", token: ada), field: "mealType")
        }
    }

    // MARK: Statistics

    @Test("statistics over days in the caller's time zone: a late meal counts on its local day, a day without meals shows zeros, a new time zone regroups")
    func statisticsAcrossDaysAndTimeZones() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await signUp(client, "ada").token
            let zone = try await client.call(.put, "\(Self.base)/profile", token: ada, json: #"{"timeZone":"America/New_York"}"#)
            try #require(zone.status == .ok)
            // New York is UTC-5 in November 2026 (after the clocks went back on the 1st); Tokyo UTC+9.
            try await logMeal(client, ada, [Self.food(500, protein: 30, carbs: 50, fat: 10)], type: "breakfast", date: "2026-11-02T12:00:00Z")
            try await logMeal(client, ada, [Self.food(300, protein: 10, carbs: 30, fat: 10)], type: "snack", date: "2026-11-03T03:30:00Z")
            try await logMeal(client, ada, [Self.food(700, protein: 40, carbs: 60, fat: 20)], type: "lunch", date: "2026-11-04T17:00:00Z")

            let window = "?from=2026-11-02&to=2026-11-04"
            let daily = try await get(client, ada, "/stats/daily\(window)", as: DailyTotalsV1.self)
            #expect(daily.timeZone == "America/New_York" && daily.days.map(\.day) == ["2026-11-02", "2026-11-03", "2026-11-04"])
            #expect(daily.days.map(\.totals.calories) == [800, 0, 700], "the 22:30 snack of the 2nd (03:30 UTC on the 3rd) counts on the 2nd")
            #expect(daily.days.map(\.totals.meals) == [2, 0, 1])
            let empty = daily.days[1]
            #expect(empty.totals == NutrientTotalsV1() && empty.progress.consumed == 0 && empty.progress.remaining == 2000 && !empty.progress.reached)
            #expect(daily.days[0].totals.protein == 40 && daily.days[0].progress.percent == 40)

            let weekly = try await get(client, ada, "/stats/weekly\(window)", as: WeeklyStatsV1.self)
            #expect(weekly.windowDays == 3 && weekly.totalCalories == 1500 && weekly.mealsLogged == 3 && weekly.daysWithMeals == 2)
            #expect(weekly.averageDailyCalories == 500 && weekly.averageCaloriesPerLoggedDay == 750)

            let macros = try await get(client, ada, "/stats/macros\(window)", as: MacroBreakdownV1.self)
            #expect(macros.totals.protein == 80 && macros.totals.carbs == 140 && macros.totals.fat == 40)
            // Energy 80×4 + 140×4 + 40×9 = 1,240 kcal.
            #expect(macros.proteinPercent == Self.decimal("25.8") && macros.carbsPercent == Self.decimal("45.2") && macros.fatPercent == 29)

            // The same meals seen from Tokyo (the cached weekly figures of New York must not come back).
            let tokyo = try await client.call(.put, "\(Self.base)/profile", token: ada, json: #"{"timeZone":"Asia/Tokyo"}"#)
            try #require(tokyo.status == .ok)
            let regrouped = try await get(client, ada, "/stats/daily\(window)", as: DailyTotalsV1.self)
            #expect(regrouped.days.map(\.totals.calories) == [500, 300, 0], "the lunch of the 4th in New York is 02:00 on the 5th in Tokyo")
            let tokyoWeek = try await get(client, ada, "/stats/weekly\(window)", as: WeeklyStatsV1.self)
            #expect(tokyoWeek.timeZone == "Asia/Tokyo" && tokyoWeek.totalCalories == 800 && tokyoWeek.mealsLogged == 2 && tokyoWeek.daysWithMeals == 2)
            #expect(tokyoWeek.averageDailyCalories == Self.decimal("266.667") && tokyoWeek.averageCaloriesPerLoggedDay == 400)

            // Meals by type and instant range, newest first.
            let lunches = try await get(client, ada, "/meals?mealType=lunch", as: MealPageV1.self)
            #expect(lunches.meals.map(\.totalCalories) == [700])
            let range = try await get(client, ada, "/meals?from=2026-11-02T00:00:00Z&to=2026-11-04T00:00:00Z", as: MealPageV1.self)
            #expect(range.meals.map(\.totalCalories) == [300, 500])
        }
    }

    @Test("totals follow edits and deletes, and cached statistics change right after each change")
    func totalsAfterEditsAndDeletes() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await signUp(client, "ada").token
            let earlier = Self.iso(Date().addingTimeInterval(-60))
            let first = try await logMeal(client, ada, [Self.food(400)], type: "breakfast", date: earlier)
            let today = try await get(client, ada, "/stats/today", as: TodayStatsV1.self)
            #expect(today.totals.calories == 400 && today.totals.meals == 1 && today.meals.map(\.id) == [first.id])
            #expect(try await get(client, ada, "/stats/today", as: TodayStatsV1.self) == today, "a second read answers the same")
            #expect(try await get(client, ada, "/stats/weekly", as: WeeklyStatsV1.self).totalCalories == 400)

            // A new meal: the cached today and weekly figures are stale at once.
            let second = try await logMeal(client, ada, [Self.food(150), Self.food(100)], type: "snack", date: earlier)
            #expect(second.totalCalories == 250)
            let afterSecond = try await get(client, ada, "/stats/today", as: TodayStatsV1.self)
            #expect(afterSecond.totals.calories == 650 && afterSecond.totals.meals == 2 && afterSecond.progress.remaining == 1350)
            #expect(try await get(client, ada, "/stats/weekly", as: WeeklyStatsV1.self).totalCalories == 650)

            // New foods recompute the total; a stated total must agree with them.
            let edited = try await client.call(.patch, "\(Self.base)/meals/\(first.id)", token: ada,
                                               json: #"{"foods":[\#(Self.food(300)),\#(Self.food(200))],"totalCalories":500,"mealType":"dinner"}"#)
            #expect(edited.status == .ok, "\(String(decoding: edited.body, as: UTF8.self))")
            let editedMeal = try edited.decode(MealLogV1.self)
            #expect(editedMeal.totalCalories == 500 && editedMeal.mealType == .dinner && editedMeal.foods.count == 2)
            #expect(try await get(client, ada, "/stats/today", as: TodayStatsV1.self).totals.calories == 750)
            #expect(try await get(client, ada, "/meals?mealType=dinner", as: MealPageV1.self).meals.map(\.id) == [first.id])

            // Moving a meal to three days ago takes it out of today, not out of the week.
            let moved = try await client.call(.patch, "\(Self.base)/meals/\(second.id)", token: ada,
                                              json: #"{"date":"\#(Self.iso(Date().addingTimeInterval(-3 * 86_400)))"}"#)
            #expect(moved.status == .ok)
            let afterMove = try await get(client, ada, "/stats/today", as: TodayStatsV1.self)
            #expect(afterMove.totals.calories == 500 && afterMove.meals.map(\.id) == [first.id])
            let week = try await get(client, ada, "/stats/weekly", as: WeeklyStatsV1.self)
            #expect(week.totalCalories == 750 && week.mealsLogged == 2 && week.daysWithMeals == 2)

            // Deleting takes it out of everything.
            let deleted = try await client.call(.delete, "\(Self.base)/meals/\(second.id)", token: ada)
            #expect(deleted.status == .ok)
            #expect(try await client.call(.get, "\(Self.base)/meals/\(second.id)", token: ada).status == .notFound)
            #expect(try await get(client, ada, "/stats/weekly", as: WeeklyStatsV1.self).totalCalories == 500)
            #expect(try await get(client, ada, "/stats/weekly", as: WeeklyStatsV1.self).mealsLogged == 1)
            #expect(try await get(client, ada, "/meals", as: MealPageV1.self).meals.map(\.id) == [first.id])

            // A new goal changes the progress of cached figures at once.
            let goal = try await client.call(.put, "\(Self.base)/profile", token: ada, json: #"{"dailyCalorieGoal":1000}"#)
            #expect(goal.status == .ok)
            let progress = try await get(client, ada, "/stats/today", as: TodayStatsV1.self).progress
            #expect(progress.target == 1000 && progress.remaining == 500 && progress.percent == 50)
        }
    }

    // MARK: Coach

    @Test("the coach's numbers for a known profile through the gateway: BMR 1,625.75, TDEE 2,519.9125, 135/202.5/50 g")
    func coachForKnownProfile() async throws {
        try await SuiteFixture.run { client, _ in
            let john = try await signUp(client, "john").token
            // 28 years, 75 kg, 175 cm, moderately active, losing weight, 1,800 kcal a day.
            let profile = try await client.call(.put, "\(Self.base)/profile", token: john, json: #"""
                {"name":"John","age":28,"weight":75,"height":175,"activityLevel":"moderately_active","goals":["lose_weight"],"dailyCalorieGoal":1800}
                """#)
            try #require(profile.status == .ok, "\(String(decoding: profile.body, as: UTF8.self))")
            try await logMeal(client, john, [Self.food(650, protein: 10, carbs: 80, fat: 20)], date: Self.iso(Date().addingTimeInterval(-60)))

            let asked = try await client.call(.post, "\(Self.base)/coach/messages", token: john, json: #"{"content":"How am I doing today?"}"#)
            try #require(asked.status == .created, "\(String(decoding: asked.body, as: UTF8.self))")
            let exchange = try asked.decode(CoachExchangeV1.self)
            let metadata = try #require(exchange.answer.metadata)
            let targets = try #require(metadata.targets)
            #expect(targets.bmr == Self.decimal("1625.75") && targets.tdee == Self.decimal("2519.9125"))
            #expect(targets.suggestedCalorieGoal == Self.decimal("2019.9125") && targets.calorieTarget == 1800)
            #expect(targets.proteinGrams == 135 && targets.carbsGrams == Self.decimal("202.5") && targets.fatGrams == 50)
            #expect(metadata.todayCalorieBalance == -1150 && metadata.source == "rules")
            #expect(exchange.answer.content.contains("1150 kcal left"))
            #expect(exchange.answer.type == .nutritionAnalysis && exchange.answer.role == .assistant && exchange.question.role == .user)

            let chat = try await get(client, john, "/coach/messages", as: CoachPageV1.self)
            #expect(chat.messages.map(\.id) == [exchange.question.id, exchange.answer.id])
            expectRefused(try await client.call(.post, "\(Self.base)/coach/messages", token: john, json: #"{"content":"   "}"#), field: "content")
        }
    }

    // MARK: Access

    @Test("another user's meals are not found for them; lists, statistics and chat show only the caller's own; no token is 401")
    func anotherUsersDataDenied() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await signUp(client, "ada").token, bob = try await signUp(client, "bob").token
            let meal = try await logMeal(client, ada, [Self.food(600)], date: Self.iso(Date().addingTimeInterval(-60)))
            _ = try await client.call(.post, "\(Self.base)/coach/messages", token: ada, json: #"{"content":"What should I eat tonight?"}"#)

            let path = "\(Self.base)/meals/\(meal.id)"
            for (method, uri, json) in [(HTTPRequest.Method.get, path, nil), (.patch, path, #"{"mealType":"dinner"}"#), (.delete, path, nil),
                                        (.post, "\(path)/analysis", nil)] as [(HTTPRequest.Method, String, String?)] {
                let denied = try await client.call(method, uri, token: bob, json: json)
                #expect(denied.status == .notFound, "\(method) \(uri) as another user: \(String(decoding: denied.body, as: UTF8.self))")
                #expect(denied.error?.code == .notFound && !String(decoding: denied.body, as: UTF8.self).contains(meal.userId))
            }
            #expect(try await get(client, bob, "/meals", as: MealPageV1.self).meals.isEmpty)
            #expect(try await get(client, bob, "/stats/today", as: TodayStatsV1.self).totals.meals == 0)
            #expect(try await get(client, bob, "/stats/weekly", as: WeeklyStatsV1.self).totalCalories == 0)
            #expect(try await get(client, bob, "/coach/messages", as: CoachPageV1.self).messages.isEmpty)
            #expect(try await get(client, bob, "/profile", as: NutritionProfileV1.self).createdAt == nil)

            for uri in [path, "\(Self.base)/meals", "\(Self.base)/stats/today", "\(Self.base)/profile"] {
                #expect(try await client.call(.get, uri).status == .unauthorized, "\(uri) without a token")
            }
            #expect(try await client.call(.get, path, token: "not-a-token").status == .unauthorized)

            #expect(try await get(client, ada, "/meals/\(meal.id)", as: MealLogV1.self) == meal, "the owner's meal is untouched")
            #expect(try await get(client, ada, "/stats/today", as: TodayStatsV1.self).totals.calories == 600)
        }
    }

    // MARK: Fitness tokens

    @Test("OAuth tokens of the fitness link appear in no response and no log line of the gateway or the services, through connect, sync, refresh and disconnect")
    func fitnessTokensNeverExposed() async throws {
        let logs = CapturedLogs()
        let fake = JourneyFakeFitness()
        var options = SuiteFixture.Options()
        options.nutritionFitness = fake
        options.nutritionTokens = TokenCipher(keys: [try TokenCipher.Key(id: "k1", bytes: (0..<32).map { _ in UInt8.random(in: 0...255) })])
        options.logger = logs.logger
        let bodies = Mutex<[String]>([])

        try await SuiteFixture.run(options) { client, _ in
            let ada = try await signUp(client, "ada").token
            func call(_ method: HTTPRequest.Method, _ path: String, json: String? = nil) async throws -> HTTPResult {
                let result = try await client.call(method, "\(Self.base)\(path)", token: ada, json: json)
                bodies.withLock { $0.append(String(decoding: result.body, as: UTF8.self)) }
                return result
            }
            try await logMeal(client, ada, [Self.food(650)], date: Self.iso(Date().addingTimeInterval(-60)))

            expectRefused(try await call(.post, "/fitness/connect", json: #"{"authorizationCode":"  "}"#), field: "authorizationCode")
            #expect(try await call(.post, "/fitness/connect", json: #"{"authorizationCode":"bad-code"}"#).status == .unauthorized)
            let connected = try await call(.post, "/fitness/connect", json: #"{"authorizationCode":"good-code","redirectUri":"https://app.example.com/cb"}"#)
            try #require(connected.status == .ok, "\(String(decoding: connected.body, as: UTF8.self))")
            let link = try connected.decode(FitnessLinkV1.self)
            #expect(link.fitDataEnabled && link.provider == "fake-fitness" && link.googleId == "fake-account-7")
            #expect(try (try await call(.get, "/profile")).decode(NutritionProfileV1.self).fitness.fitDataEnabled)

            // Each sync refreshes (the fake's tokens expire within the refresh margin) and uses the new access token.
            for _ in 0..<2 {
                let synced = try await call(.post, "/fitness/sync")
                try #require(synced.status == .ok, "\(String(decoding: synced.body, as: UTF8.self))")
                let activity = try synced.decode(FitnessActivityV1.self)
                #expect(activity.steps == 9_400 && activity.energyBurned == 420 && activity.progress.target == 2420 && activity.progress.consumed == 650)
            }
            let today = try (try await call(.get, "/stats/today")).decode(TodayStatsV1.self)
            #expect(today.progress.activityAdjustment == 420)

            let disconnected = try await call(.post, "/fitness/disconnect")
            #expect(disconnected.status == .ok)
            let off = try disconnected.decode(FitnessLinkV1.self)
            #expect(!off.fitDataEnabled && off.tokenExpiry == nil)
            #expect(try (try await call(.get, "/profile")).decode(NutritionProfileV1.self).fitness.fitDataEnabled == false)
            #expect(try await call(.post, "/fitness/sync").status == .conflict)
            _ = try await call(.get, "/stats/today")
        }

        let tokens = fake.issued.withLock { $0 }
        let used = fake.activityCalls.withLock { $0 }
        #expect(tokens.count == 4, "one exchange (access + refresh) and two refreshes")
        #expect(used.count == 2 && used.allSatisfy { tokens.contains($0) } && used[0] != used[1], "the provider got fresh tokens on each sync")

        for body in bodies.withLock({ $0 }) {
            for token in tokens { #expect(!body.contains(token), "a response carries a token: \(body)") }
            #expect(!body.contains("v1.k1."), "a response carries a sealed token: \(body)")
        }
        let lines = logs.all.map { "\($0.level) \($0.message) \($0.metadata)" }
        #expect(lines.count > 10, "the services' and gateway's logs were captured (\(lines.count) lines)")
        for line in lines {
            for token in tokens { #expect(!line.contains(token), "a log line carries a token: \(line)") }
            #expect(!line.contains("v1.k1."), "a log line carries a sealed token: \(line)")
        }
    }
}
