import Foundation
import HTTPTypes
import SeedContracts

/// Bodies of nutrition routes whose command takes the meal id from the path.
struct UpdateMealBody: Codable, Sendable {
    var foods: [FoodItemV1]?
    var mealType: MealType?
    var date: Date?
    var totalCalories: Decimal?
    var imageUrl: String?
    var analysis: String?
}

/// The nutrition service's routes (seed 003): profile, meals, statistics, coach and fitness link.
/// Every route takes the user's bearer token and acts on the caller's own data; no route returns a
/// fitness token.
enum NutritionRoutes {
    static let base = "/api/v1/nutrition"
    static let ids = ["mealId": MessagingRoutes.idSchema]
    static let day = JSONValue.object([("type", .string("string")), ("format", .string("date"))])
    static let window: [QueryParameter] = [
        QueryParameter(name: "from", description: "First day, yyyy-MM-dd in the caller's time zone (inclusive).", schema: day),
        QueryParameter(name: "to", description: "Last day, yyyy-MM-dd (inclusive).", schema: day),
    ]

    /// A date-time query parameter: `nil` when absent, a validation error naming it when not ISO 8601.
    static func instant(_ call: RouteCall, _ name: String) throws(GatewayError) -> Date? {
        guard let raw = call.query(name) else { return nil }
        guard let date = WireDate.parse(raw) ?? ISO8601DateFormatter().date(from: raw) else {
            throw GatewayError(ContractError.validation("the query parameter '\(name)' must be an ISO 8601 date-time", field: name))
        }
        return date
    }

    static func mealType(_ call: RouteCall) throws(GatewayError) -> MealType? {
        guard let raw = call.query("mealType") else { return nil }
        guard let type = MealType(rawValue: raw) else {
            throw GatewayError(ContractError.validation("mealType must be breakfast, lunch, dinner or snack", field: "mealType"))
        }
        return type
    }

    static let all: [APIRoute] = [
        // MARK: Profile
        .route(.get, "\(base)/profile", operationId: "getNutritionProfile", summary: "The caller's nutrition profile (defaults when never saved).",
               tag: "nutrition", security: .bearer, sends: GetNutritionProfileV1.self, body: NoBody.self, reply: NutritionProfileV1.self) { _, call in
            try await call.send(GetNutritionProfileV1())
        },
        .route(.put, "\(base)/profile", operationId: "updateNutritionProfile", summary: "Create or change the caller's nutrition profile.",
               tag: "nutrition", security: .bearer, body: UpdateNutritionProfileV1.self, reply: NutritionProfileV1.self) { body, call in
            try await call.send(body)
        },

        // MARK: Meals
        .route(.post, "\(base)/meals", operationId: "logMeal", summary: "Log a meal; totalCalories is computed from the foods.",
               tag: "nutrition", security: .bearer, body: LogMealV1.self, reply: MealLogV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.get, "\(base)/meals", operationId: "listMeals", summary: "The caller's meals newest first, by meal type and date range.",
               tag: "nutrition", security: .bearer, sends: ListMealsV1.self, body: NoBody.self, reply: MealPageV1.self,
               query: [QueryParameter(name: "mealType", description: "breakfast, lunch, dinner or snack."),
                       QueryParameter(name: "from", description: "Meals at or after this ISO 8601 instant."),
                       QueryParameter(name: "to", description: "Meals before this ISO 8601 instant."),
                       MessagingRoutes.cursor, MessagingRoutes.limit(default: 20)]) { _, call in
            try await call.send(ListMealsV1(
                mealType: try mealType(call), from: try instant(call, "from"), to: try instant(call, "to"), cursor: call.query("cursor"),
                limit: try call.integerQuery("limit")))
        },
        .route(.get, "\(base)/meals/{mealId}", operationId: "getMeal", summary: "One of the caller's meals.",
               tag: "nutrition", security: .bearer, sends: GetMealV1.self, body: NoBody.self, reply: MealLogV1.self, pathParameters: ids) { _, call in
            try await call.send(GetMealV1(mealId: call.parameter("mealId")))
        },
        .route(.patch, "\(base)/meals/{mealId}", operationId: "updateMeal", summary: "Change one of the caller's meals.",
               tag: "nutrition", security: .bearer, sends: UpdateMealV1.self, body: UpdateMealBody.self, reply: MealLogV1.self, pathParameters: ids) { body, call in
            try await call.send(UpdateMealV1(
                mealId: call.parameter("mealId"), foods: body.foods, mealType: body.mealType, date: body.date, totalCalories: body.totalCalories,
                imageUrl: body.imageUrl, analysis: body.analysis))
        },
        .route(.delete, "\(base)/meals/{mealId}", operationId: "deleteMeal", summary: "Delete one of the caller's meals.",
               tag: "nutrition", security: .bearer, sends: DeleteMealV1.self, body: NoBody.self, reply: Accepted.self, pathParameters: ids) { _, call in
            try await call.send(DeleteMealV1(mealId: call.parameter("mealId")))
        },
        .route(.post, "\(base)/meals/{mealId}/analysis", operationId: "analyzeMeal", summary: "Have the coach analyse one of the caller's meals.",
               tag: "nutrition", security: .bearer, sends: AnalyzeMealV1.self, body: NoBody.self, reply: MealLogV1.self, pathParameters: ids) { _, call in
            try await call.send(AnalyzeMealV1(mealId: call.parameter("mealId")))
        },

        // MARK: Statistics
        .route(.get, "\(base)/stats/today", operationId: "getTodayStats", summary: "Today's meals, totals and goal progress (caller's time zone).",
               tag: "nutrition", security: .bearer, sends: GetTodayStatsV1.self, body: NoBody.self, reply: TodayStatsV1.self) { _, call in
            try await call.send(GetTodayStatsV1())
        },
        .route(.get, "\(base)/stats/daily", operationId: "getDailyTotals", summary: "Totals per calendar day of a window.",
               tag: "nutrition", security: .bearer, sends: GetDailyTotalsV1.self, body: NoBody.self, reply: DailyTotalsV1.self, query: window) { _, call in
            try await call.send(GetDailyTotalsV1(from: call.query("from"), to: call.query("to")))
        },
        .route(.get, "\(base)/stats/weekly", operationId: "getWeeklyStats", summary: "Weekly statistics over a window (default the last 7 days).",
               tag: "nutrition", security: .bearer, sends: GetWeeklyStatsV1.self, body: NoBody.self, reply: WeeklyStatsV1.self, query: window) { _, call in
            try await call.send(GetWeeklyStatsV1(from: call.query("from"), to: call.query("to")))
        },
        .route(.get, "\(base)/stats/macros", operationId: "getMacroBreakdown", summary: "Protein, carbs and fat over a window and their share of energy.",
               tag: "nutrition", security: .bearer, sends: GetMacroBreakdownV1.self, body: NoBody.self, reply: MacroBreakdownV1.self, query: window) { _, call in
            try await call.send(GetMacroBreakdownV1(from: call.query("from"), to: call.query("to")))
        },

        // MARK: Coach
        .route(.post, "\(base)/coach/messages", operationId: "askCoach", summary: "Ask the coach; the question and answer join the chat.",
               tag: "nutrition", security: .bearer, body: AskCoachV1.self, reply: CoachExchangeV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.get, "\(base)/coach/messages", operationId: "listCoachMessages", summary: "The caller's coach chat, oldest first.",
               tag: "nutrition", security: .bearer, sends: ListCoachMessagesV1.self, body: NoBody.self, reply: CoachPageV1.self,
               query: [MessagingRoutes.cursor, MessagingRoutes.limit(default: 50)]) { _, call in
            try await call.send(ListCoachMessagesV1(cursor: call.query("cursor"), limit: try call.integerQuery("limit")))
        },

        // MARK: Fitness link
        .route(.post, "\(base)/fitness/connect", operationId: "connectFitness", summary: "Link a fitness provider account with an OAuth authorization code.",
               tag: "nutrition", security: .bearer, body: ConnectFitnessV1.self, reply: FitnessLinkV1.self) { body, call in
            try await call.send(body)
        },
        .route(.post, "\(base)/fitness/disconnect", operationId: "disconnectFitness", summary: "Unlink the fitness provider: tokens cleared, fitDataEnabled false.",
               tag: "nutrition", security: .bearer, sends: DisconnectFitnessV1.self, body: NoBody.self, reply: FitnessLinkV1.self) { _, call in
            try await call.send(DisconnectFitnessV1())
        },
        .route(.post, "\(base)/fitness/sync", operationId: "syncFitness", summary: "Read a day's steps and active energy from the linked provider.",
               tag: "nutrition", security: .bearer, sends: SyncFitnessV1.self, body: NoBody.self, reply: FitnessActivityV1.self,
               query: [QueryParameter(name: "day", description: "yyyy-MM-dd; default today.", schema: day)]) { _, call in
            try await call.send(SyncFitnessV1(day: call.query("day")))
        },
    ]
}
