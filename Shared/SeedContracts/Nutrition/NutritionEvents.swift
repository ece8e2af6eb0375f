import Foundation

// Events of the nutrition service, for notifications. None carries a fitness token.

/// A user's nutrition profile changed.
public struct NutritionProfileUpdatedV1: NutritionEvent, Equatable {
    public static let messageType = MessageType("nutrition.profile-updated", version: 1)
    public static let summary = "A user's nutrition profile was created or changed (fitness link included); never carries tokens."
    public static let example = NutritionProfileUpdatedV1(profile: .example, changedFields: ["dailyCalorieGoal"])

    public var profile: NutritionProfileV1
    public var changedFields: [String]

    public init(profile: NutritionProfileV1, changedFields: [String]) {
        self.profile = profile
        self.changedFields = changedFields
    }
}

/// A meal was logged.
public struct MealLoggedV1: NutritionEvent, Equatable {
    public static let messageType = MessageType("nutrition.meal-logged", version: 1)
    public static let summary = "A user logged a meal."
    public static let example = MealLoggedV1(meal: .example)

    public var meal: MealLogV1

    public init(meal: MealLogV1) { self.meal = meal }
}

/// A meal log changed.
public struct MealChangedV1: NutritionEvent, Equatable {
    public static let messageType = MessageType("nutrition.meal-changed", version: 1)
    public static let summary = "A user changed a meal log (or the coach analysed it)."
    public static let example = MealChangedV1(meal: .example)

    public var meal: MealLogV1

    public init(meal: MealLogV1) { self.meal = meal }
}

/// A meal log was deleted.
public struct MealDeletedV1: NutritionEvent, Equatable {
    public static let messageType = MessageType("nutrition.meal-deleted", version: 1)
    public static let summary = "A user deleted a meal log."
    public static let example = MealDeletedV1(userId: MealLogV1.example.userId, mealId: MealLogV1.example.id, date: MealLogV1.example.date)

    public var userId: String
    public var mealId: String
    public var date: Date

    public init(userId: String, mealId: String, date: Date) {
        self.userId = userId
        self.mealId = mealId
        self.date = date
    }
}

/// A day's calories reached its target (published once when a change crosses it).
public struct DailyGoalReachedV1: NutritionEvent, Equatable {
    public static let messageType = MessageType("nutrition.daily-goal-reached", version: 1)
    public static let summary = "A user's calories of a day went from below to at or above the day's target."
    public static let example = DailyGoalReachedV1(userId: MealLogV1.example.userId, day: "2025-11-04", target: 1800, consumed: 1850)

    public var userId: String
    /// `yyyy-MM-dd` in the user's time zone.
    public var day: String
    public var target: Decimal
    public var consumed: Decimal

    public init(userId: String, day: String, target: Decimal, consumed: Decimal) {
        self.userId = userId
        self.day = day
        self.target = target
        self.consumed = consumed
    }
}
