import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension NutritionService {
    /// How long before expiry an access token is refreshed.
    static let refreshMargin: TimeInterval = 300

    /// `nutrition.connect-fitness.v1`: exchanges the authorization code with the provider (before the
    /// transaction), seals the tokens and turns the link on. The reply never carries the tokens.
    public func connectFitness(_ command: ConnectFitnessV1, envelope: MessageEnvelope) async throws -> FitnessLinkV1 {
        let user = try envelope.signedInActor()
        let code = command.authorizationCode.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2_048).contains(code.count) else { throw ContractError.validation("authorizationCode is required", field: "authorizationCode") }
        // A server without the link configured refuses for good (not a passing outage: no 503).
        guard tokens.isConfigured, fitness.name != FitnessProviderDisabled().name else {
            throw ContractError(.conflict, "this server has no fitness link configured", details: ["field": "authorizationCode", "reason": "not_configured"])
        }
        let issued = try await fitness.exchange(code: code, redirectUri: command.redirectUri)
        let access = try tokens.seal(issued.accessToken, user: user)
        let refresh = try issued.refreshToken.map { token throws(ContractError) in try tokens.seal(token, user: user) }
        let link = try await work.once(envelope) { tx in
            var profile = try await profile(of: user, in: tx.operations)
            let isNew = profile.createdAt == nil
            profile.fitnessProvider = fitness.name
            profile.googleId = issued.accountId ?? profile.googleId
            profile.googleAccessToken = access
            profile.googleRefreshToken = refresh ?? profile.googleRefreshToken
            profile.googleTokenExpiry = issued.expiresAt
            profile.fitDataEnabled = true
            profile.updatedAt = tx.now
            if isNew {
                profile.createdAt = tx.now
                try await tx.profiles.insert(profile)
            } else {
                try await tx.profiles.replace(profile)
            }
            try await tx.publish(NutritionProfileUpdatedV1(profile: profile.view, changedFields: ["fitness"]))
            return profile.fitness
        }
        await statisticsChanged(for: user)
        return link
    }

    /// `nutrition.disconnect-fitness.v1`: clears the tokens and expiry, sets fitDataEnabled false.
    public func disconnectFitness(_ command: DisconnectFitnessV1, envelope: MessageEnvelope) async throws -> FitnessLinkV1 {
        let user = try envelope.signedInActor()
        let link = try await work.once(envelope) { tx in
            var profile = try await profile(of: user, in: tx.operations)
            guard profile.createdAt != nil else { return profile.fitness }
            profile.googleAccessToken = nil
            profile.googleRefreshToken = nil
            profile.googleTokenExpiry = nil
            profile.fitDataEnabled = false
            profile.updatedAt = tx.now
            try await tx.profiles.replace(profile)
            try await tx.publish(NutritionProfileUpdatedV1(profile: profile.view, changedFields: ["fitness"]))
            return profile.fitness
        }
        await statisticsChanged(for: user)
        return link
    }

    /// `nutrition.sync-fitness.v1`: reads a day's steps and active energy from the provider, refreshing
    /// the access token first when it expires within ``refreshMargin`` and sealing the tokens again
    /// under the current key after a rotation; the day's target grows by the active energy.
    public func syncFitness(_ command: SyncFitnessV1, envelope: MessageEnvelope) async throws -> FitnessActivityV1 {
        let user = try envelope.signedInActor()
        if let day = command.day { _ = try LocalDay(parsing: day, field: "day") }
        let now = work.now
        let profile = try await work.mapStoreErrors { try await self.profile(of: user, in: store) }
        guard profile.fitDataEnabled, let sealedAccess = profile.googleAccessToken else {
            throw ContractError(.conflict, "no fitness provider is linked: connect one first", details: ["field": "fitDataEnabled"])
        }
        let day = try command.day.map { text throws(ContractError) in try LocalDay(parsing: text, field: "day") } ?? Self.today(in: profile.timeZone, now: now)
        let window = DayWindow(day: day, timeZone: profile.timeZone)

        var accessToken = try tokens.open(sealedAccess, user: user)
        var update: (access: String, refresh: String?, expiry: Date?)?
        if let expiry = profile.googleTokenExpiry, expiry.timeIntervalSince(now) < Self.refreshMargin, let sealedRefresh = profile.googleRefreshToken {
            let renewed = try await fitness.refresh(refreshToken: try tokens.open(sealedRefresh, user: user))
            accessToken = renewed.accessToken
            let refresh = try renewed.refreshToken.map { token throws(ContractError) in try tokens.seal(token, user: user) }
                ?? (tokens.needsResealing(sealedRefresh) ? try tokens.seal(try tokens.open(sealedRefresh, user: user), user: user) : sealedRefresh)
            update = (try tokens.seal(renewed.accessToken, user: user), refresh, renewed.expiresAt)
        } else if tokens.needsResealing(sealedAccess) || profile.googleRefreshToken.map(tokens.needsResealing) == true {
            let refresh = try profile.googleRefreshToken.map { sealed throws(ContractError) in try tokens.seal(try tokens.open(sealed, user: user), user: user) }
            update = (try tokens.seal(accessToken, user: user), refresh, profile.googleTokenExpiry)
        }
        let activity = try await fitness.activity(accessToken: accessToken, from: window.start, to: window.end)
        let energy = try NutritionRules.amount(activity.energyBurned, field: "energyBurned")

        let reply = try await work.once(envelope) { [update] tx in
            var current = try await self.profile(of: user, in: tx.operations)
            if let update, current.googleAccessToken == sealedAccess {
                current.googleAccessToken = update.access
                current.googleRefreshToken = update.refresh
                current.googleTokenExpiry = update.expiry
                try await tx.profiles.replace(current)
            }
            let record = ActivityDay(id: ActivityDay.id(user: user, day: day), userId: user, day: day.description, steps: max(0, activity.steps),
                                     energyBurned: energy, syncedAt: tx.now)
            if try await tx.activityDays.first(.equal("_id", .string(record.id))) != nil {
                try await tx.activityDays.replace(record)
            } else {
                try await tx.activityDays.insert(record)
            }
            let consumed = try await dayTotal(of: current, day: day, in: tx.operations)
            return FitnessActivityV1(
                day: day.description, steps: record.steps, energyBurned: energy,
                progress: NutritionMath.progress(consumed: consumed, goal: current.dailyCalorieGoal, adjustment: current.fitDataEnabled ? energy : 0))
        }
        await statisticsChanged(for: user)
        return reply
    }
}
