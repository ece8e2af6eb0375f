import Foundation

// Commands of the nutrition service. The caller is `envelope.actor` (set by the gateway from a
// verified token); every command acts on the caller's own profile, meals, statistics and chat.

private let exampleMeal = MealLogV1.example.id

/// The caller's nutrition profile (the defaults when never saved).
public struct GetNutritionProfileV1: NutritionCommand, Equatable {
    public typealias Reply = NutritionProfileV1
    public static let messageType = MessageType("nutrition.get-profile", version: 1)
    public static let summary = "The caller's nutrition profile; the seed's defaults when it was never saved."
    public static let example = GetNutritionProfileV1()
    public init() {}
}

/// Changes the caller's nutrition profile; absent fields keep their value.
public struct UpdateNutritionProfileV1: NutritionCommand, Equatable {
    public typealias Reply = NutritionProfileV1
    public static let messageType = MessageType("nutrition.update-profile", version: 1)
    public static let summary = "Creates or changes the caller's nutrition profile; absent fields keep their value."
    public static let example = UpdateNutritionProfileV1(age: 26, weight: 68, dailyCalorieGoal: 1900)

    public var name: String?
    /// 13–120.
    public var age: Int?
    /// kg, 20–500.
    public var weight: Decimal?
    /// cm, 50–300.
    public var height: Decimal?
    public var activityLevel: ActivityLevel?
    public var goals: [String]?
    /// 1,000–10,000 kcal.
    public var dailyCalorieGoal: Int?
    /// An IANA time zone such as `Europe/Berlin`.
    public var timeZone: String?

    public init(
        name: String? = nil, age: Int? = nil, weight: Decimal? = nil, height: Decimal? = nil, activityLevel: ActivityLevel? = nil,
        goals: [String]? = nil, dailyCalorieGoal: Int? = nil, timeZone: String? = nil
    ) {
        self.name = name
        self.age = age
        self.weight = weight
        self.height = height
        self.activityLevel = activityLevel
        self.goals = goals
        self.dailyCalorieGoal = dailyCalorieGoal
        self.timeZone = timeZone
    }
}

/// Logs a meal for the caller.
public struct LogMealV1: NutritionCommand, Equatable {
    public typealias Reply = MealLogV1
    public static let messageType = MessageType("nutrition.log-meal", version: 1)
    public static let summary = "Logs a meal; totalCalories is computed from the foods (a client value that disagrees is refused)."
    public static let example = LogMealV1(
        foods: [.example, .rice], mealType: .lunch, date: Date(timeIntervalSince1970: 1_762_259_400), totalCalories: 650)

    /// At least one food.
    public var foods: [FoodItemV1]
    public var mealType: MealType
    /// When it was eaten; default now.
    public var date: Date?
    /// Optional: when sent it must equal the sum of the foods' calories.
    public var totalCalories: Decimal?
    public var imageUrl: String?
    public var analysis: String?
    /// `true`: the coach writes an analysis of the meal (when `analysis` is absent).
    public var analyze: Bool?

    public init(
        foods: [FoodItemV1], mealType: MealType, date: Date? = nil, totalCalories: Decimal? = nil, imageUrl: String? = nil,
        analysis: String? = nil, analyze: Bool? = nil
    ) {
        self.foods = foods
        self.mealType = mealType
        self.date = date
        self.totalCalories = totalCalories
        self.imageUrl = imageUrl
        self.analysis = analysis
        self.analyze = analyze
    }
}

/// Changes one of the caller's meal logs; absent fields keep their value.
public struct UpdateMealV1: NutritionCommand, Equatable {
    public typealias Reply = MealLogV1
    public static let messageType = MessageType("nutrition.update-meal", version: 1)
    public static let summary = "Changes a meal log of the caller; new foods recompute totalCalories."
    public static let example = UpdateMealV1(mealId: exampleMeal, mealType: .dinner)

    public var mealId: String
    public var foods: [FoodItemV1]?
    public var mealType: MealType?
    public var date: Date?
    /// Optional: when sent it must equal the sum of the (new or current) foods' calories.
    public var totalCalories: Decimal?
    public var imageUrl: String?
    public var analysis: String?

    public init(
        mealId: String, foods: [FoodItemV1]? = nil, mealType: MealType? = nil, date: Date? = nil, totalCalories: Decimal? = nil,
        imageUrl: String? = nil, analysis: String? = nil
    ) {
        self.mealId = mealId
        self.foods = foods
        self.mealType = mealType
        self.date = date
        self.totalCalories = totalCalories
        self.imageUrl = imageUrl
        self.analysis = analysis
    }
}

/// Deletes one of the caller's meal logs.
public struct DeleteMealV1: NutritionCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("nutrition.delete-meal", version: 1)
    public static let summary = "Deletes a meal log of the caller."
    public static let example = DeleteMealV1(mealId: exampleMeal)

    public var mealId: String

    public init(mealId: String) { self.mealId = mealId }
}

/// One of the caller's meal logs.
public struct GetMealV1: NutritionCommand, Equatable {
    public typealias Reply = MealLogV1
    public static let messageType = MessageType("nutrition.get-meal", version: 1)
    public static let summary = "A meal log of the caller (not_found for anyone else's)."
    public static let example = GetMealV1(mealId: exampleMeal)

    public var mealId: String

    public init(mealId: String) { self.mealId = mealId }
}

/// The caller's meal history.
public struct ListMealsV1: NutritionCommand, Equatable {
    public typealias Reply = MealPageV1
    public static let messageType = MessageType("nutrition.list-meals", version: 1)
    public static let summary = "The caller's meals newest first in stable pages, optionally of one meal type and within a date range."
    public static let example = ListMealsV1(mealType: .lunch, from: Date(timeIntervalSince1970: 1_761_955_200), to: nil, cursor: nil, limit: 20)

    public var mealType: MealType?
    /// Meals at or after this instant.
    public var from: Date?
    /// Meals before this instant.
    public var to: Date?
    public var cursor: String?
    /// 1–100, default 20.
    public var limit: Int?

    public init(mealType: MealType? = nil, from: Date? = nil, to: Date? = nil, cursor: String? = nil, limit: Int? = nil) {
        self.mealType = mealType
        self.from = from
        self.to = to
        self.cursor = cursor
        self.limit = limit
    }
}

/// Today's meals and totals.
public struct GetTodayStatsV1: NutritionCommand, Equatable {
    public typealias Reply = TodayStatsV1
    public static let messageType = MessageType("nutrition.get-today-stats", version: 1)
    public static let summary = "Today's meals, totals and goal progress, today being the calendar day in the caller's time zone."
    public static let example = GetTodayStatsV1()
    public init() {}
}

/// Totals per calendar day.
public struct GetDailyTotalsV1: NutritionCommand, Equatable {
    public typealias Reply = DailyTotalsV1
    public static let messageType = MessageType("nutrition.get-daily-totals", version: 1)
    public static let summary = "Totals per calendar day of a window (at most 366 days; default the last 7 days up to today)."
    public static let example = GetDailyTotalsV1(from: "2025-10-29", to: "2025-11-04")

    /// `yyyy-MM-dd`, inclusive.
    public var from: String?
    /// `yyyy-MM-dd`, inclusive.
    public var to: String?

    public init(from: String? = nil, to: String? = nil) {
        self.from = from
        self.to = to
    }
}

/// Seed 003's weekly statistics.
public struct GetWeeklyStatsV1: NutritionCommand, Equatable {
    public typealias Reply = WeeklyStatsV1
    public static let messageType = MessageType("nutrition.get-weekly-stats", version: 1)
    public static let summary = "Weekly statistics over a window of days (default: the 7 days ending today in the caller's time zone)."
    public static let example = GetWeeklyStatsV1(from: "2025-10-29", to: "2025-11-04")

    public var from: String?
    public var to: String?

    public init(from: String? = nil, to: String? = nil) {
        self.from = from
        self.to = to
    }
}

/// The macro breakdown over a window.
public struct GetMacroBreakdownV1: NutritionCommand, Equatable {
    public typealias Reply = MacroBreakdownV1
    public static let messageType = MessageType("nutrition.get-macro-breakdown", version: 1)
    public static let summary = "Protein, carbs and fat over a window of days (default the last 7) and their share of energy."
    public static let example = GetMacroBreakdownV1(from: "2025-10-29", to: "2025-11-04")

    public var from: String?
    public var to: String?

    public init(from: String? = nil, to: String? = nil) {
        self.from = from
        self.to = to
    }
}

/// Asks the coach a question.
public struct AskCoachV1: NutritionCommand, Equatable {
    public typealias Reply = CoachExchangeV1
    public static let messageType = MessageType("nutrition.ask-coach", version: 1)
    public static let summary = "Stores the caller's question and the coach's answer, built from the caller's own data (or the configured model)."
    public static let example = AskCoachV1(content: "Can you suggest a high-protein breakfast?")

    /// 1–4,000 characters.
    public var content: String

    public init(content: String) { self.content = content }
}

/// The caller's coach chat.
public struct ListCoachMessagesV1: NutritionCommand, Equatable {
    public typealias Reply = CoachPageV1
    public static let messageType = MessageType("nutrition.list-coach-messages", version: 1)
    public static let summary = "The caller's coach chat, oldest first, in stable pages."
    public static let example = ListCoachMessagesV1(cursor: nil, limit: 50)

    public var cursor: String?
    /// 1–100, default 50.
    public var limit: Int?

    public init(cursor: String? = nil, limit: Int? = nil) {
        self.cursor = cursor
        self.limit = limit
    }
}

/// Asks the coach to analyse one of the caller's meals.
public struct AnalyzeMealV1: NutritionCommand, Equatable {
    public typealias Reply = MealLogV1
    public static let messageType = MessageType("nutrition.analyze-meal", version: 1)
    public static let summary = "Writes the coach's analysis into a meal log of the caller."
    public static let example = AnalyzeMealV1(mealId: exampleMeal)

    public var mealId: String

    public init(mealId: String) { self.mealId = mealId }
}

/// Links the caller's fitness provider account.
public struct ConnectFitnessV1: NutritionCommand, Equatable {
    public typealias Reply = FitnessLinkV1
    public static let messageType = MessageType("nutrition.connect-fitness", version: 1)
    public static let summary = "Exchanges an OAuth authorization code with the fitness provider; the tokens are stored encrypted and never returned."
    public static let example = ConnectFitnessV1(authorizationCode: "4/0AfJohXn...", redirectUri: "https://app.example.com/fitness/callback")

    public var authorizationCode: String
    public var redirectUri: String?

    public init(authorizationCode: String, redirectUri: String? = nil) {
        self.authorizationCode = authorizationCode
        self.redirectUri = redirectUri
    }
}

/// Unlinks the caller's fitness provider account.
public struct DisconnectFitnessV1: NutritionCommand, Equatable {
    public typealias Reply = FitnessLinkV1
    public static let messageType = MessageType("nutrition.disconnect-fitness", version: 1)
    public static let summary = "Clears the fitness tokens and expiry and sets fitDataEnabled false."
    public static let example = DisconnectFitnessV1()
    public init() {}
}

/// Reads a day's activity from the fitness provider.
public struct SyncFitnessV1: NutritionCommand, Equatable {
    public typealias Reply = FitnessActivityV1
    public static let messageType = MessageType("nutrition.sync-fitness", version: 1)
    public static let summary = "Reads a day's steps and active energy from the linked provider (refreshing its token first when due); they adjust the day's target."
    public static let example = SyncFitnessV1(day: "2025-11-04")

    /// `yyyy-MM-dd` in the caller's time zone; default today.
    public var day: String?

    public init(day: String? = nil) { self.day = day }
}
