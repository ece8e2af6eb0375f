import Foundation

// Values of the nutrition service (seed 003). Amounts of energy and nutrients are `Decimal`: they
// travel as JSON numbers with the digits the client sent and add up exactly (decision 0021).

/// How active a person is (seed 003 `activityLevel`); the default is `moderately_active`.
public enum ActivityLevel: String, Codable, Sendable, CaseIterable {
    case sedentary
    case lightlyActive = "lightly_active"
    case moderatelyActive = "moderately_active"
    case veryActive = "very_active"
    case extraActive = "extra_active"
}

/// The meal a log belongs to (seed 003 `mealType`).
public enum MealType: String, Codable, Sendable, CaseIterable {
    case breakfast, lunch, dinner, snack
}

/// Who wrote a coach chat message (seed 003 `role`).
public enum CoachRole: String, Codable, Sendable, CaseIterable {
    case user, assistant
}

/// What a coach chat message holds (seed 003 `type`); the default is `text`.
public enum CoachMessageType: String, Codable, Sendable, CaseIterable {
    case text
    case nutritionAnalysis = "nutrition_analysis"
    case workoutSuggestion = "workout_suggestion"
    case mealPlan = "meal_plan"
}

/// One food of a meal log (seed 003 `foods[]`). Energy in kcal, nutrients in grams.
public struct FoodItemV1: Codable, Sendable, Equatable {
    public var name: String
    /// kcal, ≥ 0.
    public var calories: Decimal
    /// Grams, ≥ 0.
    public var protein: Decimal
    /// Grams, ≥ 0.
    public var carbs: Decimal
    /// Grams, ≥ 0.
    public var fat: Decimal
    /// Grams, ≥ 0; absent means 0.
    public var fiber: Decimal?
    /// Grams, ≥ 0; absent means 0.
    public var sugar: Decimal?
    /// The serving, such as "1 cup" or "200g".
    public var quantity: String

    public init(
        name: String, calories: Decimal, protein: Decimal, carbs: Decimal, fat: Decimal, fiber: Decimal? = nil, sugar: Decimal? = nil,
        quantity: String
    ) {
        self.name = name
        self.calories = calories
        self.protein = protein
        self.carbs = carbs
        self.fat = fat
        self.fiber = fiber
        self.sugar = sugar
        self.quantity = quantity
    }

    public static let example = FoodItemV1(
        name: "Chicken Tikka Masala", calories: 450, protein: 35, carbs: 28, fat: 18, fiber: 4, sugar: 6, quantity: "1 serving")
    public static let rice = FoodItemV1(
        name: "Basmati Rice", calories: 200, protein: 4, carbs: 45, fat: Decimal(string: "0.5")!, fiber: 1, sugar: 0, quantity: "1 cup")
}

/// The state of a user's fitness link, without its tokens (which no reply ever carries).
public struct FitnessLinkV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.fitness-link", version: 1)
    public static let summary = "Whether a fitness provider is linked, which one, and when its access expires; never the tokens."
    public static let example = FitnessLinkV1(
        provider: "google-health", googleId: "108234567890123456789", fitDataEnabled: true,
        tokenExpiry: Date(timeIntervalSince1970: 1_762_338_600))

    /// The configured provider's name, when linked.
    public var provider: String?
    /// The provider's account id (seed 003 `googleId`).
    public var googleId: String?
    public var fitDataEnabled: Bool
    /// When the current access token expires (seed 003 `googleTokenExpiry`); it is refreshed before.
    public var tokenExpiry: Date?

    public init(provider: String?, googleId: String?, fitDataEnabled: Bool, tokenExpiry: Date?) {
        self.provider = provider
        self.googleId = googleId
        self.fitDataEnabled = fitDataEnabled
        self.tokenExpiry = tokenExpiry
    }
}

/// What seed 003 adds to a user, keyed by the identity user id.
public struct NutritionProfileV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.profile", version: 1)
    public static let summary = "A user's nutrition profile: body, activity, goals, daily calorie goal, time zone and fitness link state."
    public static let example = NutritionProfileV1(
        userId: "6549a1b2c3d4e5f6a7b8c9d0", name: "John Doe", age: 28, weight: 75, height: 175, activityLevel: .moderatelyActive,
        goals: ["lose_weight", "improve_fitness"], dailyCalorieGoal: 1800, timeZone: "Europe/Berlin", fitness: .example,
        createdAt: Date(timeIntervalSince1970: 1_760_516_430), updatedAt: Date(timeIntervalSince1970: 1_762_267_522))

    public var userId: String
    public var name: String
    /// Years, 13–120.
    public var age: Int?
    /// kg, 20–500.
    public var weight: Decimal?
    /// cm, 50–300.
    public var height: Decimal?
    public var activityLevel: ActivityLevel
    /// Such as `lose_weight`, `gain_muscle`, `maintain_health`.
    public var goals: [String]
    /// kcal, 1,000–10,000; default 2,000.
    public var dailyCalorieGoal: Int
    /// IANA time zone that decides where a day begins; default `UTC`.
    public var timeZone: String
    public var fitness: FitnessLinkV1
    /// `nil` for a profile never saved (the defaults).
    public var createdAt: Date?
    public var updatedAt: Date?

    public init(
        userId: String, name: String, age: Int?, weight: Decimal?, height: Decimal?, activityLevel: ActivityLevel, goals: [String],
        dailyCalorieGoal: Int, timeZone: String, fitness: FitnessLinkV1, createdAt: Date?, updatedAt: Date?
    ) {
        self.userId = userId
        self.name = name
        self.age = age
        self.weight = weight
        self.height = height
        self.activityLevel = activityLevel
        self.goals = goals
        self.dailyCalorieGoal = dailyCalorieGoal
        self.timeZone = timeZone
        self.fitness = fitness
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A meal log (seed 003 `meallogs`).
public struct MealLogV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.meal-log", version: 1)
    public static let summary = "A logged meal: its foods, type, time, total calories (always the sum of the foods) and analysis."
    public static let example = MealLogV1(
        id: "6549b2c3d4e5f6a7b8c9d0e1", userId: "6549a1b2c3d4e5f6a7b8c9d0", foods: [.example, .rice], totalCalories: 650, mealType: .lunch,
        date: Date(timeIntervalSince1970: 1_762_259_400), imageUrl: nil,
        analysis: "Balanced meal with good protein content. Consider adding vegetables for more fiber.",
        createdAt: Date(timeIntervalSince1970: 1_762_259_715), updatedAt: Date(timeIntervalSince1970: 1_762_259_715))

    public var id: String
    public var userId: String
    public var foods: [FoodItemV1]
    public var totalCalories: Decimal
    public var mealType: MealType
    /// When the meal was eaten.
    public var date: Date
    public var imageUrl: String?
    public var analysis: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, userId: String, foods: [FoodItemV1], totalCalories: Decimal, mealType: MealType, date: Date, imageUrl: String?,
        analysis: String?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.userId = userId
        self.foods = foods
        self.totalCalories = totalCalories
        self.mealType = mealType
        self.date = date
        self.imageUrl = imageUrl
        self.analysis = analysis
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A page of meal logs, newest first.
public struct MealPageV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.meal-page", version: 1)
    public static let summary = "A page of the caller's meal logs, newest first."
    public static let example = MealPageV1(meals: [.example], nextCursor: nil)

    public var meals: [MealLogV1]
    /// Pass back as `cursor` for the next page; `nil` on the last page.
    public var nextCursor: String?

    public init(meals: [MealLogV1], nextCursor: String?) {
        self.meals = meals
        self.nextCursor = nextCursor
    }
}

/// Sums over a set of meals (exact: see docs/nutrition.md).
public struct NutrientTotalsV1: Codable, Sendable, Equatable {
    public var meals: Int
    public var calories: Decimal
    public var protein: Decimal
    public var carbs: Decimal
    public var fat: Decimal
    public var fiber: Decimal
    public var sugar: Decimal

    public init(meals: Int = 0, calories: Decimal = 0, protein: Decimal = 0, carbs: Decimal = 0, fat: Decimal = 0, fiber: Decimal = 0, sugar: Decimal = 0) {
        self.meals = meals
        self.calories = calories
        self.protein = protein
        self.carbs = carbs
        self.fat = fat
        self.fiber = fiber
        self.sugar = sugar
    }

    public static let example = NutrientTotalsV1(
        meals: 1, calories: 650, protein: 39, carbs: 73, fat: Decimal(string: "18.5")!, fiber: 5, sugar: 6)
}

/// Progress of one day against its calorie target.
public struct GoalProgressV1: Codable, Sendable, Equatable {
    /// The profile's dailyCalorieGoal.
    public var dailyCalorieGoal: Int
    /// Active energy the fitness link reported for the day (kcal), added to the target; 0 without a link.
    public var activityAdjustment: Decimal
    /// dailyCalorieGoal + activityAdjustment.
    public var target: Decimal
    public var consumed: Decimal
    /// target − consumed (negative when exceeded).
    public var remaining: Decimal
    /// consumed ÷ target × 100, rounded to 0.1.
    public var percent: Decimal
    public var reached: Bool

    public init(dailyCalorieGoal: Int, activityAdjustment: Decimal, target: Decimal, consumed: Decimal, remaining: Decimal, percent: Decimal, reached: Bool) {
        self.dailyCalorieGoal = dailyCalorieGoal
        self.activityAdjustment = activityAdjustment
        self.target = target
        self.consumed = consumed
        self.remaining = remaining
        self.percent = percent
        self.reached = reached
    }

    public static let example = GoalProgressV1(
        dailyCalorieGoal: 1800, activityAdjustment: 0, target: 1800, consumed: 650, remaining: 1150, percent: Decimal(string: "36.1")!, reached: false)
}

/// Today in the user's time zone: its meals, totals and progress.
public struct TodayStatsV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.today-stats", version: 1)
    public static let summary = "Today's meals (in the user's time zone), their totals and progress against the daily goal."
    public static let example = TodayStatsV1(day: "2025-11-04", timeZone: "Europe/Berlin", meals: [.example], totals: .example, progress: .example)

    /// `yyyy-MM-dd` in ``timeZone``.
    public var day: String
    public var timeZone: String
    /// Oldest first.
    public var meals: [MealLogV1]
    public var totals: NutrientTotalsV1
    public var progress: GoalProgressV1

    public init(day: String, timeZone: String, meals: [MealLogV1], totals: NutrientTotalsV1, progress: GoalProgressV1) {
        self.day = day
        self.timeZone = timeZone
        self.meals = meals
        self.totals = totals
        self.progress = progress
    }
}

/// One calendar day's totals.
public struct DayTotalsV1: Codable, Sendable, Equatable {
    public var day: String
    public var totals: NutrientTotalsV1
    public var progress: GoalProgressV1

    public init(day: String, totals: NutrientTotalsV1, progress: GoalProgressV1) {
        self.day = day
        self.totals = totals
        self.progress = progress
    }
}

/// Totals per calendar day of a window, every day included (days without meals have zeros).
public struct DailyTotalsV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.daily-totals", version: 1)
    public static let summary = "Totals per calendar day (user's time zone) of a window, days without meals included with zeros."
    public static let example = DailyTotalsV1(
        from: "2025-11-04", to: "2025-11-04", timeZone: "Europe/Berlin", days: [DayTotalsV1(day: "2025-11-04", totals: .example, progress: .example)])

    public var from: String
    public var to: String
    public var timeZone: String
    public var days: [DayTotalsV1]

    public init(from: String, to: String, timeZone: String, days: [DayTotalsV1]) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
        self.days = days
    }
}

/// Seed 003's weekly statistics over a stated window of calendar days.
public struct WeeklyStatsV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.weekly-stats", version: 1)
    public static let summary = "Total calories, average daily calories (per day of the window and per day with meals), meals logged, days with meals."
    public static let example = WeeklyStatsV1(
        from: "2025-10-29", to: "2025-11-04", timeZone: "Europe/Berlin", windowDays: 7, totalCalories: 9100, averageDailyCalories: 1300,
        averageCaloriesPerLoggedDay: Decimal(string: "1516.667")!, mealsLogged: 17, daysWithMeals: 6)

    /// First day of the window (`yyyy-MM-dd`, inclusive).
    public var from: String
    /// Last day of the window (inclusive).
    public var to: String
    public var timeZone: String
    /// Days in the window (7 by default).
    public var windowDays: Int
    public var totalCalories: Decimal
    /// totalCalories ÷ windowDays, rounded to 3 decimals.
    public var averageDailyCalories: Decimal
    /// totalCalories ÷ daysWithMeals (0 when none), rounded to 3 decimals.
    public var averageCaloriesPerLoggedDay: Decimal
    public var mealsLogged: Int
    /// Days of the window with at least one meal.
    public var daysWithMeals: Int

    public init(
        from: String, to: String, timeZone: String, windowDays: Int, totalCalories: Decimal, averageDailyCalories: Decimal,
        averageCaloriesPerLoggedDay: Decimal, mealsLogged: Int, daysWithMeals: Int
    ) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
        self.windowDays = windowDays
        self.totalCalories = totalCalories
        self.averageDailyCalories = averageDailyCalories
        self.averageCaloriesPerLoggedDay = averageCaloriesPerLoggedDay
        self.mealsLogged = mealsLogged
        self.daysWithMeals = daysWithMeals
    }
}

/// Protein, carbs and fat over a window, with their share of macro energy (4, 4 and 9 kcal per gram).
public struct MacroBreakdownV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.macro-breakdown", version: 1)
    public static let summary = "Grams of protein, carbs and fat over a window and their share of energy (4/4/9 kcal per gram), in percent."
    public static let example = MacroBreakdownV1(
        from: "2025-10-29", to: "2025-11-04", timeZone: "Europe/Berlin", totals: .example, proteinPercent: Decimal(string: "28.4")!,
        carbsPercent: Decimal(string: "53.2")!, fatPercent: Decimal(string: "18.4")!)

    public var from: String
    public var to: String
    public var timeZone: String
    public var totals: NutrientTotalsV1
    /// protein × 4 ÷ (protein × 4 + carbs × 4 + fat × 9) × 100, rounded to 0.1; 0 without macros.
    public var proteinPercent: Decimal
    public var carbsPercent: Decimal
    public var fatPercent: Decimal

    public init(from: String, to: String, timeZone: String, totals: NutrientTotalsV1, proteinPercent: Decimal, carbsPercent: Decimal, fatPercent: Decimal) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
        self.totals = totals
        self.proteinPercent = proteinPercent
        self.carbsPercent = carbsPercent
        self.fatPercent = fatPercent
    }
}

/// The numbers the coach works from, derived from the profile (docs/nutrition.md has each formula).
public struct CoachTargetsV1: Codable, Sendable, Equatable {
    /// Mifflin–St Jeor basal metabolic rate (kcal/day), when age, weight and height are known.
    public var bmr: Decimal?
    /// bmr × the activity level's factor.
    public var tdee: Decimal?
    /// tdee − 500 for `lose_weight`, + 300 for `gain_muscle`, tdee otherwise.
    public var suggestedCalorieGoal: Decimal?
    /// The calorie target: the profile's daily goal.
    public var calorieTarget: Int
    public var proteinGrams: Decimal
    public var carbsGrams: Decimal
    public var fatGrams: Decimal

    public init(
        bmr: Decimal?, tdee: Decimal?, suggestedCalorieGoal: Decimal?, calorieTarget: Int, proteinGrams: Decimal, carbsGrams: Decimal, fatGrams: Decimal
    ) {
        self.bmr = bmr
        self.tdee = tdee
        self.suggestedCalorieGoal = suggestedCalorieGoal
        self.calorieTarget = calorieTarget
        self.proteinGrams = proteinGrams
        self.carbsGrams = carbsGrams
        self.fatGrams = fatGrams
    }

    public static let example = CoachTargetsV1(
        bmr: Decimal(string: "1625.75")!, tdee: Decimal(string: "2519.9125")!, suggestedCalorieGoal: Decimal(string: "2019.9125")!, calorieTarget: 1800,
        proteinGrams: 135, carbsGrams: Decimal(string: "202.5")!, fatGrams: 50)
}

/// One item of a meal plan (seed 003 `metadata.mealPlan.items[]`).
public struct MealPlanItemV1: Codable, Sendable, Equatable {
    public var name: String
    public var calories: Decimal
    public var protein: Decimal

    public init(name: String, calories: Decimal, protein: Decimal) {
        self.name = name
        self.calories = calories
        self.protein = protein
    }
}

/// A meal plan the coach suggests (seed 003 `metadata.mealPlan`).
public struct MealPlanV1: Codable, Sendable, Equatable {
    public var name: String
    public var items: [MealPlanItemV1]
    public var totalProtein: Decimal
    public var totalCalories: Decimal

    public init(name: String, items: [MealPlanItemV1], totalProtein: Decimal, totalCalories: Decimal) {
        self.name = name
        self.items = items
        self.totalProtein = totalProtein
        self.totalCalories = totalCalories
    }
}

/// A workout the coach suggests.
public struct WorkoutSuggestionV1: Codable, Sendable, Equatable {
    public var name: String
    public var minutes: Int
    /// Estimated kcal burned.
    public var estimatedCalories: Int
    public var steps: [String]

    public init(name: String, minutes: Int, estimatedCalories: Int, steps: [String]) {
        self.name = name
        self.minutes = minutes
        self.estimatedCalories = estimatedCalories
        self.steps = steps
    }
}

/// Typed contents of seed 003's free-form `metadata`.
public struct CoachMetadataV1: Codable, Sendable, Equatable {
    public var targets: CoachTargetsV1?
    /// Today's totals against the targets.
    public var today: NutrientTotalsV1?
    /// Calories over (+) or under (−) today's target.
    public var todayCalorieBalance: Decimal?
    /// This week's average daily calories against the target.
    public var weekAverageDailyCalories: Decimal?
    public var mealPlan: MealPlanV1?
    public var workout: WorkoutSuggestionV1?
    /// Where the answer came from: `rules` (the user's own data) or `model` (the configured chat endpoint).
    public var source: String?

    public init(
        targets: CoachTargetsV1? = nil, today: NutrientTotalsV1? = nil, todayCalorieBalance: Decimal? = nil, weekAverageDailyCalories: Decimal? = nil,
        mealPlan: MealPlanV1? = nil, workout: WorkoutSuggestionV1? = nil, source: String? = nil
    ) {
        self.targets = targets
        self.today = today
        self.todayCalorieBalance = todayCalorieBalance
        self.weekAverageDailyCalories = weekAverageDailyCalories
        self.mealPlan = mealPlan
        self.workout = workout
        self.source = source
    }
}

/// A coach chat message (seed 003 `chatmessages`).
public struct CoachMessageV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.coach-message", version: 1)
    public static let summary = "A coach chat message: role, content, type and typed metadata."
    public static let example = CoachMessageV1(
        id: "6549c3d4e5f6a7b8c9d0e1f3", role: .assistant, content: "Here's a high-protein breakfast suggestion...", type: .mealPlan,
        metadata: CoachMetadataV1(mealPlan: MealPlanV1(
            name: "High-Protein Breakfast",
            items: [MealPlanItemV1(name: "Greek Yogurt", calories: 150, protein: 20), MealPlanItemV1(name: "Scrambled Eggs (3)", calories: 210, protein: 18)],
            totalProtein: 38, totalCalories: 360), source: "rules"),
        createdAt: Date(timeIntervalSince1970: 1_762_244_125))

    public var id: String
    public var role: CoachRole
    public var content: String
    public var type: CoachMessageType
    public var metadata: CoachMetadataV1?
    public var createdAt: Date

    public init(id: String, role: CoachRole, content: String, type: CoachMessageType, metadata: CoachMetadataV1?, createdAt: Date) {
        self.id = id
        self.role = role
        self.content = content
        self.type = type
        self.metadata = metadata
        self.createdAt = createdAt
    }
}

/// A page of coach chat, oldest first.
public struct CoachPageV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.coach-page", version: 1)
    public static let summary = "A page of the caller's coach chat, oldest first."
    public static let example = CoachPageV1(messages: [.example], nextCursor: nil)

    public var messages: [CoachMessageV1]
    public var nextCursor: String?

    public init(messages: [CoachMessageV1], nextCursor: String?) {
        self.messages = messages
        self.nextCursor = nextCursor
    }
}

/// The question as stored and the coach's answer.
public struct CoachExchangeV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.coach-exchange", version: 1)
    public static let summary = "The caller's question and the coach's answer, both stored in the chat."
    public static let example = CoachExchangeV1(
        question: CoachMessageV1(id: "6549c3d4e5f6a7b8c9d0e1f2", role: .user, content: "Can you suggest a high-protein breakfast?", type: .text,
                                 metadata: nil, createdAt: Date(timeIntervalSince1970: 1_762_244_120)),
        answer: .example)

    public var question: CoachMessageV1
    public var answer: CoachMessageV1

    public init(question: CoachMessageV1, answer: CoachMessageV1) {
        self.question = question
        self.answer = answer
    }
}

/// Activity the fitness provider reported for one day.
public struct FitnessActivityV1: Message, Equatable {
    public static let messageType = MessageType("nutrition.fitness-activity", version: 1)
    public static let summary = "Steps and active energy the fitness provider reported for a day, and the day's target they give."
    public static let example = FitnessActivityV1(day: "2025-11-04", steps: 9_400, energyBurned: 420, progress: GoalProgressV1(
        dailyCalorieGoal: 1800, activityAdjustment: 420, target: 2220, consumed: 650, remaining: 1570, percent: Decimal(string: "29.3")!, reached: false))

    public var day: String
    public var steps: Int
    /// Active energy burned, kcal.
    public var energyBurned: Decimal
    public var progress: GoalProgressV1

    public init(day: String, steps: Int, energyBurned: Decimal, progress: GoalProgressV1) {
        self.day = day
        self.steps = steps
        self.energyBurned = energyBurned
        self.progress = progress
    }
}
