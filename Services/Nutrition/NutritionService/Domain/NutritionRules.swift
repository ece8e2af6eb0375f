import Foundation
import SeedContracts

/// Seed 003's rules for profiles, meal logs and coach messages: each failure is a validation error
/// naming the field, raised before anything is stored.
enum NutritionRules {
    static let ages = 13...120
    static let weights: ClosedRange<Decimal> = 20...500
    static let heights: ClosedRange<Decimal> = 50...300
    static let dailyCalorieGoals = 1_000...10_000
    static let defaultDailyCalorieGoal = 2_000
    static let defaultActivityLevel = ActivityLevel.moderatelyActive
    static let defaultTimeZone = "UTC"
    /// The largest amount one food may state (kcal or grams): far above any serving, small enough that
    /// sums of thousands of meals stay exact in `Decimal`'s 38 digits.
    static let maximumAmount: Decimal = 100_000
    /// Digits after the decimal point an amount may have.
    static let amountScale = 6
    static let maximumFoods = 100

    static func name(_ value: String) throws(ContractError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmed.count) else { throw .validation("name must be 1 to 200 characters", field: "name") }
        return trimmed
    }

    static func age(_ value: Int) throws(ContractError) -> Int {
        guard ages.contains(value) else { throw .validation("age must be between 13 and 120 years, got \(value)", field: "age") }
        return value
    }

    static func weight(_ value: Decimal) throws(ContractError) -> Decimal {
        guard weights.contains(value), value.hasAtMost(decimals: 3) else {
            throw .validation("weight must be between 20 and 500 kg (at most 3 decimals), got \(value)", field: "weight")
        }
        return value
    }

    static func height(_ value: Decimal) throws(ContractError) -> Decimal {
        guard heights.contains(value), value.hasAtMost(decimals: 3) else {
            throw .validation("height must be between 50 and 300 cm (at most 3 decimals), got \(value)", field: "height")
        }
        return value
    }

    static func dailyCalorieGoal(_ value: Int) throws(ContractError) -> Int {
        guard dailyCalorieGoals.contains(value) else {
            throw .validation("dailyCalorieGoal must be between 1,000 and 10,000 kcal, got \(value)", field: "dailyCalorieGoal")
        }
        return value
    }

    static func goals(_ values: [String]) throws(ContractError) -> [String] {
        guard values.count <= 20 else { throw .validation("at most 20 goals", field: "goals") }
        var result: [String] = []
        for (index, value) in values.enumerated() {
            let goal = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...64).contains(goal.count) else { throw .validation("a goal is 1 to 64 characters", field: "goals.\(index)") }
            if !result.contains(goal) { result.append(goal) }
        }
        return result
    }

    static func timeZone(_ value: String) throws(ContractError) -> String {
        guard TimeZone(identifier: value) != nil, value.count <= 64 else {
            throw .validation("timeZone must be an IANA time zone such as Europe/Berlin, got '\(value)'", field: "timeZone")
        }
        return value
    }

    /// An amount of a food: required, ≥ 0, at most ``maximumAmount`` and ``amountScale`` decimals.
    static func amount(_ value: Decimal, field: String) throws(ContractError) -> Decimal {
        guard !value.isNaN, value >= 0 else { throw .validation("\(field) must be 0 or more, got \(value)", field: field) }
        guard value <= maximumAmount, value.hasAtMost(decimals: amountScale) else {
            throw .validation("\(field) must be at most \(maximumAmount) with at most \(amountScale) decimals", field: field)
        }
        return value
    }

    /// Checks every food; fiber and sugar default to 0.
    static func foods(_ foods: [FoodItemV1]) throws(ContractError) -> [FoodItemV1] {
        guard !foods.isEmpty else { throw .validation("a meal has at least one food", field: "foods") }
        guard foods.count <= maximumFoods else { throw .validation("a meal has at most \(maximumFoods) foods", field: "foods") }
        var result: [FoodItemV1] = []
        for (index, food) in foods.enumerated() {
            let path = "foods.\(index)"
            let name = food.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...200).contains(name.count) else { throw .validation("a food's name is 1 to 200 characters", field: "\(path).name") }
            let quantity = food.quantity.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...100).contains(quantity.count) else {
                throw .validation("a food's quantity (such as \"1 cup\") is 1 to 100 characters", field: "\(path).quantity")
            }
            result.append(FoodItemV1(
                name: name, calories: try amount(food.calories, field: "\(path).calories"), protein: try amount(food.protein, field: "\(path).protein"),
                carbs: try amount(food.carbs, field: "\(path).carbs"), fat: try amount(food.fat, field: "\(path).fat"),
                fiber: try amount(food.fiber ?? 0, field: "\(path).fiber"), sugar: try amount(food.sugar ?? 0, field: "\(path).sugar"),
                quantity: quantity))
        }
        return result
    }

    /// The sum of the foods' calories; a client's `stated` total must equal it.
    static func totalCalories(of foods: [FoodItemV1], stated: Decimal?) throws(ContractError) -> Decimal {
        let total = foods.reduce(Decimal(0)) { $0 + $1.calories }
        if let stated, stated != total {
            throw .validation("totalCalories must be the sum of the foods' calories (\(total)), got \(stated)", field: "totalCalories")
        }
        return total
    }

    static func imageUrl(_ value: String?) throws(ContractError) -> String? {
        guard let value else { return nil }
        guard value.count <= 2_048, let url = URL(string: value), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
            throw .validation("imageUrl must be an http(s) URL of at most 2,048 characters", field: "imageUrl")
        }
        return value
    }

    static func analysis(_ value: String?) throws(ContractError) -> String? {
        guard let value else { return nil }
        guard value.count <= 10_000 else { throw .validation("analysis is at most 10,000 characters", field: "analysis") }
        return value
    }

    /// When a meal was eaten: not before 1970 nor more than a day ahead of `now`.
    static func mealDate(_ value: Date?, now: Date) throws(ContractError) -> Date {
        guard let value else { return now }
        guard value.timeIntervalSince1970 >= 0, value <= now.addingTimeInterval(86_400) else {
            throw .validation("date must be a time between 1970 and tomorrow", field: "date")
        }
        return value
    }

    static func question(_ value: String) throws(ContractError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...4_000).contains(trimmed.count) else { throw .validation("content is 1 to 4,000 characters", field: "content") }
        return trimmed
    }

    static func limit(_ value: Int?, default fallback: Int) throws(ContractError) -> Int {
        guard let value else { return fallback }
        guard (1...100).contains(value) else { throw .validation("limit must be between 1 and 100, got \(value)", field: "limit") }
        return value
    }
}

extension Decimal {
    /// Rounded to `scale` decimals, halves away from zero.
    func rounded(scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    /// Whether it has no more than `decimals` digits after the point.
    func hasAtMost(decimals: Int) -> Bool {
        rounded(scale: decimals) == self
    }
}
