import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension NutritionService {
    /// `nutrition.get-profile.v1`: the caller's profile (seed 003's defaults when never saved).
    public func getProfile(_ command: GetNutritionProfileV1, envelope: MessageEnvelope) async throws -> NutritionProfileV1 {
        let user = try envelope.signedInActor()
        return try await work.mapStoreErrors { try await profile(of: user, in: store).view }
    }

    /// `nutrition.update-profile.v1`: validates every field given, then creates or changes the profile
    /// and announces it; the caller's cached statistics become stale (the goal and time zone shape them).
    public func updateProfile(_ command: UpdateNutritionProfileV1, envelope: MessageEnvelope) async throws -> NutritionProfileV1 {
        let user = try envelope.signedInActor()
        let name = try command.name.map(NutritionRules.name)
        let age = try command.age.map(NutritionRules.age)
        let weight = try command.weight.map(NutritionRules.weight)
        let height = try command.height.map(NutritionRules.height)
        let goals = try command.goals.map(NutritionRules.goals)
        let goal = try command.dailyCalorieGoal.map(NutritionRules.dailyCalorieGoal)
        let timeZone = try command.timeZone.map(NutritionRules.timeZone)
        let view = try await work.once(envelope) { tx in
            var profile = try await profile(of: user, in: tx.operations)
            let isNew = profile.createdAt == nil
            var changed: [String] = []
            func apply<V: Equatable>(_ value: V?, _ path: WritableKeyPath<NutritionProfile, V>, _ field: String) {
                guard let value, profile[keyPath: path] != value else { return }
                profile[keyPath: path] = value
                changed.append(field)
            }
            apply(name, \.name, "name")
            apply(age.map(Optional.some), \.age, "age")
            apply(weight.map(Optional.some), \.weight, "weight")
            apply(height.map(Optional.some), \.height, "height")
            apply(command.activityLevel, \.activityLevel, "activityLevel")
            apply(goals, \.goals, "goals")
            apply(goal, \.dailyCalorieGoal, "dailyCalorieGoal")
            apply(timeZone, \.timeZone, "timeZone")
            guard isNew || !changed.isEmpty else { return profile.view }
            profile.updatedAt = tx.now
            if isNew {
                profile.createdAt = tx.now
                try await tx.profiles.insert(profile)
            } else {
                try await tx.profiles.replace(profile)
            }
            try await tx.publish(NutritionProfileUpdatedV1(profile: profile.view, changedFields: changed))
            return profile.view
        }
        await statisticsChanged(for: user)
        return view
    }
}
