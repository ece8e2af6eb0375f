import Foundation
import SeedContracts

/// A calendar day (`yyyy-MM-dd`) in a user's time zone, and where it begins and ends (decision 0021:
/// a day runs from local midnight to the next local midnight, so it lasts 23 or 25 hours on the days
/// the clocks change).
struct LocalDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    let year: Int
    let month: Int
    let day: Int

    /// The gregorian calendar in `timeZone`.
    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private static let utc = calendar(TimeZone(identifier: "UTC")!)

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day that contains `date` in `calendar`'s time zone.
    init(containing date: Date, in calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Parses `yyyy-MM-dd` (a real date); a validation error naming `field` otherwise.
    init(parsing text: String, field: String) throws(ContractError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), year >= 1970,
              let date = Self.utc.date(from: DateComponents(year: year, month: month, day: day)),
              LocalDay(containing: date, in: Self.utc) == LocalDay(year: year, month: month, day: day)
        else { throw .validation("\(field) must be a date written yyyy-MM-dd, got '\(text)'", field: field) }
        self.init(year: year, month: month, day: day)
    }

    var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    static func < (lhs: LocalDay, rhs: LocalDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The day `count` days later (earlier when negative).
    func adding(days count: Int) -> LocalDay {
        let noon = Self.utc.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        return LocalDay(containing: Self.utc.date(byAdding: .day, value: count, to: noon)!, in: Self.utc)
    }

    /// Days from `self` to `other` (0 for the same day).
    func days(to other: LocalDay) -> Int {
        let start = Self.utc.date(from: DateComponents(year: year, month: month, day: day))!
        let end = Self.utc.date(from: DateComponents(year: other.year, month: other.month, day: other.day))!
        return Int((end.timeIntervalSince(start) / 86_400).rounded())
    }

    /// Local midnight at the start of this day in `calendar`'s time zone (the first instant of the day
    /// where midnight does not exist).
    func start(in calendar: Calendar) -> Date {
        let guess = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 0))!
        return calendar.startOfDay(for: guess)
    }
}

/// A window of whole days `[from, to]` in a time zone, and its instants `[start, end)`.
struct DayWindow: Sendable {
    let from: LocalDay
    let to: LocalDay
    let timeZone: String
    let calendar: Calendar

    static let maximumDays = 366

    /// The window the caller asked for; missing ends default to a window of `defaultDays` ending today.
    init(from: String?, to: String?, defaultDays: Int, timeZone: String, now: Date) throws(ContractError) {
        let calendar = LocalDay.calendar(TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!)
        let today = LocalDay(containing: now, in: calendar)
        let last = try to.map { text throws(ContractError) in try LocalDay(parsing: text, field: "to") }
        let first = try from.map { text throws(ContractError) in try LocalDay(parsing: text, field: "from") }
        let end = last ?? (first.map { $0.adding(days: defaultDays - 1) } ?? today)
        let start = first ?? end.adding(days: -(defaultDays - 1))
        guard start <= end else { throw .validation("from (\(start)) must not be after to (\(end))", field: "from") }
        guard start.days(to: end) < Self.maximumDays else {
            throw .validation("a window is at most \(Self.maximumDays) days", field: "to")
        }
        self.from = start
        self.to = end
        self.timeZone = timeZone
        self.calendar = calendar
    }

    init(day: LocalDay, timeZone: String) {
        self.from = day
        self.to = day
        self.timeZone = timeZone
        self.calendar = LocalDay.calendar(TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!)
    }

    var dayCount: Int { from.days(to: to) + 1 }
    var start: Date { from.start(in: calendar) }
    var end: Date { to.adding(days: 1).start(in: calendar) }
    var days: [LocalDay] { (0..<dayCount).map { from.adding(days: $0) } }

    func day(of date: Date) -> LocalDay { LocalDay(containing: date, in: calendar) }
}
