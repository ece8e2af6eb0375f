import Foundation
import SeedContracts

/// What seed 003 adds to a user (its `users` fields beyond identity's account), keyed by the identity
/// user id. The OAuth tokens are stored sealed (``TokenCipher``) and never leave the service.
struct NutritionProfile: Codable, Sendable, Equatable {
    /// The identity user id.
    var id: String
    var name: String
    var age: Int?
    var weight: Decimal?
    var height: Decimal?
    var activityLevel: ActivityLevel
    var goals: [String]
    var dailyCalorieGoal: Int
    var timeZone: String
    var fitnessProvider: String?
    var googleId: String?
    /// Sealed with the token key (`v1.<keyId>.<base64>`), never plain.
    var googleAccessToken: String?
    var googleRefreshToken: String?
    var googleTokenExpiry: Date?
    var fitDataEnabled: Bool
    var createdAt: Date?
    var updatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id = "_id", name, age, weight, height, activityLevel, goals, dailyCalorieGoal, timeZone, fitnessProvider, googleId,
             googleAccessToken, googleRefreshToken, googleTokenExpiry, fitDataEnabled, createdAt, updatedAt
    }

    /// Seed 003's defaults for a user who never saved a profile.
    static func defaults(for userId: String) -> NutritionProfile {
        NutritionProfile(
            id: userId, name: "", age: nil, weight: nil, height: nil, activityLevel: NutritionRules.defaultActivityLevel, goals: [],
            dailyCalorieGoal: NutritionRules.defaultDailyCalorieGoal, timeZone: NutritionRules.defaultTimeZone, fitnessProvider: nil,
            googleId: nil, googleAccessToken: nil, googleRefreshToken: nil, googleTokenExpiry: nil, fitDataEnabled: false,
            createdAt: nil, updatedAt: nil)
    }

    /// The profile as replies and events show it: no tokens.
    var view: NutritionProfileV1 {
        NutritionProfileV1(
            userId: id, name: name, age: age, weight: weight, height: height, activityLevel: activityLevel, goals: goals,
            dailyCalorieGoal: dailyCalorieGoal, timeZone: timeZone, fitness: fitness, createdAt: createdAt, updatedAt: updatedAt)
    }

    var fitness: FitnessLinkV1 {
        FitnessLinkV1(provider: fitnessProvider, googleId: googleId, fitDataEnabled: fitDataEnabled, tokenExpiry: googleTokenExpiry)
    }
}

/// A logged meal (seed 003 `meallogs`). `totalCalories` is always the sum of the foods' calories.
struct MealLog: Codable, Sendable, Equatable {
    var id: String
    var userId: String
    var foods: [FoodItemV1]
    var totalCalories: Decimal
    var mealType: MealType
    var date: Date
    var imageUrl: String?
    var analysis: String?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", userId, foods, totalCalories, mealType, date, imageUrl, analysis, createdAt, updatedAt
    }

    var view: MealLogV1 {
        MealLogV1(
            id: id, userId: userId, foods: foods, totalCalories: totalCalories, mealType: mealType, date: date, imageUrl: imageUrl,
            analysis: analysis, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// A coach chat message (seed 003 `chatmessages`).
struct CoachMessage: Codable, Sendable, Equatable {
    var id: String
    var userId: String
    var role: CoachRole
    var content: String
    var type: CoachMessageType
    var metadata: CoachMetadataV1?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", userId, role, content, type, metadata, createdAt, updatedAt
    }

    var view: CoachMessageV1 {
        CoachMessageV1(id: id, role: role, content: content, type: type, metadata: metadata, createdAt: createdAt)
    }
}

/// Activity the fitness provider reported for one local day of a user.
struct ActivityDay: Codable, Sendable, Equatable {
    /// `<userId>/<yyyy-MM-dd>`.
    var id: String
    var userId: String
    var day: String
    var steps: Int
    /// Active energy, kcal.
    var energyBurned: Decimal
    var syncedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", userId, day, steps, energyBurned, syncedAt
    }

    static func id(user: String, day: LocalDay) -> String { "\(user)/\(day)" }
}
