import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension NutritionService {
    /// `nutrition.get-today-stats.v1`: today's meals (oldest first), totals and progress, today being
    /// the calendar day of now in the caller's time zone. Cached until the caller's next change.
    public func todayStats(_ command: GetTodayStatsV1, envelope: MessageEnvelope) async throws -> TodayStatsV1 {
        let user = try envelope.signedInActor()
        let now = work.now
        let load = { try await self.computeToday(user: user, now: now) }
        guard let cache else { return try await load() }
        return try await cache.value("today", user: user, parts: "", valid: { (cached: TodayStatsV1) in
            Self.today(in: cached.timeZone, now: now).description == cached.day
        }, load: load)
    }

    func computeToday(user: String, now: Date) async throws -> TodayStatsV1 {
        try await work.mapStoreErrors {
            let profile = try await profile(of: user, in: store)
            let window = DayWindow(day: Self.today(in: profile.timeZone, now: now), timeZone: profile.timeZone)
            let meals = try await meals(of: user, from: window.start, to: window.end, in: store)
            let totals = NutritionMath.totals(meals)
            let adjustment = try await adjustments(of: profile, window: window, in: store)[window.from] ?? 0
            return TodayStatsV1(
                day: window.from.description, timeZone: profile.timeZone, meals: meals.map(\.view), totals: totals,
                progress: NutritionMath.progress(consumed: totals.calories, goal: profile.dailyCalorieGoal, adjustment: adjustment))
        }
    }

    static func today(in timeZone: String, now: Date) -> LocalDay {
        LocalDay(containing: now, in: LocalDay.calendar(TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!))
    }

    /// `nutrition.get-daily-totals.v1`: totals and progress for every day of the window, days without
    /// meals included with zeros.
    public func dailyTotals(_ command: GetDailyTotalsV1, envelope: MessageEnvelope) async throws -> DailyTotalsV1 {
        let user = try envelope.signedInActor()
        try Self.checkDays(command.from, command.to)
        return try await work.mapStoreErrors {
            let profile = try await profile(of: user, in: store)
            let window = try DayWindow(from: command.from, to: command.to, defaultDays: 7, timeZone: profile.timeZone, now: work.now)
            let meals = try await meals(of: user, from: window.start, to: window.end, in: store)
            let byDay = Dictionary(grouping: meals) { window.day(of: $0.date) }
            let adjustments = try await adjustments(of: profile, window: window, in: store)
            let days = window.days.map { day in
                let totals = NutritionMath.totals(byDay[day] ?? [])
                return DayTotalsV1(
                    day: day.description, totals: totals,
                    progress: NutritionMath.progress(consumed: totals.calories, goal: profile.dailyCalorieGoal, adjustment: adjustments[day] ?? 0))
            }
            return DailyTotalsV1(from: window.from.description, to: window.to.description, timeZone: profile.timeZone, days: days)
        }
    }

    /// `nutrition.get-weekly-stats.v1`: seed 003's weekly statistics over the window (default the 7
    /// days ending today). Cached until the caller's next change.
    public func weeklyStats(_ command: GetWeeklyStatsV1, envelope: MessageEnvelope) async throws -> WeeklyStatsV1 {
        let user = try envelope.signedInActor()
        try Self.checkDays(command.from, command.to)
        let now = work.now
        let load = { try await self.computeWeekly(user: user, from: command.from, to: command.to, now: now) }
        guard let cache else { return try await load() }
        let endsToday = command.from == nil && command.to == nil
        return try await cache.value("weekly", user: user, parts: "\(command.from ?? "")|\(command.to ?? "")", valid: { (cached: WeeklyStatsV1) in
            !endsToday || Self.today(in: cached.timeZone, now: now).description == cached.to
        }, load: load)
    }

    func computeWeekly(user: String, from: String?, to: String?, now: Date) async throws -> WeeklyStatsV1 {
        try await work.mapStoreErrors {
            let profile = try await profile(of: user, in: store)
            let window = try DayWindow(from: from, to: to, defaultDays: 7, timeZone: profile.timeZone, now: now)
            return NutritionMath.weekly(try await meals(of: user, from: window.start, to: window.end, in: store), window: window)
        }
    }

    /// After a committed change of `user`'s meals or profile: makes their cached statistics stale, then
    /// stores today's and the default weekly statistics anew under the new generation (write-through),
    /// so that the reads after a meal log hit instead of each paying a miss. A failed refresh only
    /// leaves the next read a miss.
    func statisticsChanged(for user: String) async {
        guard let cache, let generation = await cache.invalidate(user) else { return }
        let now = work.now
        if let today = try? await computeToday(user: user, now: now) {
            await cache.store(today, "today", user: user, generation: generation, parts: "")
        }
        if let weekly = try? await computeWeekly(user: user, from: nil, to: nil, now: now) {
            await cache.store(weekly, "weekly", user: user, generation: generation, parts: "|")
        }
    }

    /// `nutrition.get-macro-breakdown.v1`.
    public func macroBreakdown(_ command: GetMacroBreakdownV1, envelope: MessageEnvelope) async throws -> MacroBreakdownV1 {
        let user = try envelope.signedInActor()
        try Self.checkDays(command.from, command.to)
        return try await work.mapStoreErrors {
            let profile = try await profile(of: user, in: store)
            let window = try DayWindow(from: command.from, to: command.to, defaultDays: 7, timeZone: profile.timeZone, now: work.now)
            return NutritionMath.macros(try await meals(of: user, from: window.start, to: window.end, in: store), window: window)
        }
    }

    /// Refuses `from`/`to` that are not `yyyy-MM-dd` before any lookup.
    static func checkDays(_ from: String?, _ to: String?) throws(ContractError) {
        if let from { _ = try LocalDay(parsing: from, field: "from") }
        if let to { _ = try LocalDay(parsing: to, field: "to") }
    }
}
