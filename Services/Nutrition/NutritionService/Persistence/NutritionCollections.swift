public import SeedStore
import SeedServiceKit

// Where each nutrition record lives, with every index seed 003 gives it (decision 0021). Seed 003's
// `users` indexes (email, googleId, createdAt) belong to identity's accounts; the profile keeps its own
// googleId index for the provider's account lookups.

extension NutritionProfile: StoredDocument {
    static let collection = CollectionSpec(
        "nutritionprofiles",
        indexes: [IndexSpec([.ascending("googleId")], sparse: true)],
        fields: ["fitDataEnabled", "googleTokenExpiry", "updatedAt"])
}

extension MealLog: StoredDocument {
    static let collection = CollectionSpec(
        "meallogs",
        indexes: [
            // Seed 003.
            IndexSpec([.ascending("userId"), .descending("date")]),
            IndexSpec([.descending("date")]),
            IndexSpec([.ascending("mealType")]),
            // History pages: newest first with the id as tie-breaker, optionally of one meal type.
            IndexSpec([.ascending("userId"), .descending("date"), .descending("_id")]),
            IndexSpec([.ascending("userId"), .ascending("mealType"), .descending("date"), .descending("_id")]),
        ],
        fields: ["totalCalories", "createdAt", "updatedAt"])
}

extension CoachMessage: StoredDocument {
    static let collection = CollectionSpec(
        "chatmessages",
        indexes: [
            // Seed 003.
            IndexSpec([.ascending("userId"), .descending("createdAt")]),
            IndexSpec([.descending("createdAt")]),
            // Chat pages: oldest first with the id as tie-breaker.
            IndexSpec([.ascending("userId"), .ascending("createdAt"), .ascending("_id")]),
        ])
}

extension ActivityDay: StoredDocument {
    static let collection = CollectionSpec(
        "activitydays", indexes: [IndexSpec([.ascending("userId"), .ascending("day")], unique: true)], fields: ["syncedAt"])
}

/// The nutrition database's collections and their indexes, created at start-up.
public enum NutritionCollections {
    public static let all: [CollectionSpec] = [
        NutritionProfile.collection, MealLog.collection, CoachMessage.collection, ActivityDay.collection,
    ]
}

extension Transaction {
    var profiles: DocumentCollection<NutritionProfile> { collection(NutritionProfile.self) }
    var meals: DocumentCollection<MealLog> { collection(MealLog.self) }
    var coachMessages: DocumentCollection<CoachMessage> { collection(CoachMessage.self) }
    var activityDays: DocumentCollection<ActivityDay> { collection(ActivityDay.self) }
}
