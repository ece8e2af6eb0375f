import Foundation
import SeedContracts

/// Seed 003's statistics and the coach's numbers: pure functions of meals and profiles. Every sum is a
/// `Decimal` sum (exact); divisions are rounded as docs/nutrition.md states.
enum NutritionMath {
    /// Sums of `meals`.
    static func totals(_ meals: [MealLog]) -> NutrientTotalsV1 {
        var totals = NutrientTotalsV1()
        for meal in meals {
            totals.meals += 1
            totals.calories += meal.totalCalories
            for food in meal.foods {
                totals.protein += food.protein
                totals.carbs += food.carbs
                totals.fat += food.fat
                totals.fiber += food.fiber ?? 0
                totals.sugar += food.sugar ?? 0
            }
        }
        return totals
    }

    /// `numerator ÷ denominator` rounded to `scale` decimals; 0 when the denominator is 0.
    static func ratio(_ numerator: Decimal, _ denominator: Decimal, scale: Int) -> Decimal {
        denominator == 0 ? 0 : (numerator / denominator).rounded(scale: scale)
    }

    /// A day's progress: target = dailyCalorieGoal + activity adjustment.
    static func progress(consumed: Decimal, goal: Int, adjustment: Decimal) -> GoalProgressV1 {
        let target = Decimal(goal) + adjustment
        return GoalProgressV1(
            dailyCalorieGoal: goal, activityAdjustment: adjustment, target: target, consumed: consumed, remaining: target - consumed,
            percent: ratio(consumed * 100, target, scale: 1), reached: consumed >= target)
    }

    /// Seed 003's weekly statistics of `meals` over `window`.
    static func weekly(_ meals: [MealLog], window: DayWindow) -> WeeklyStatsV1 {
        let total = meals.reduce(Decimal(0)) { $0 + $1.totalCalories }
        let days = Set(meals.map { window.day(of: $0.date) }).count
        return WeeklyStatsV1(
            from: window.from.description, to: window.to.description, timeZone: window.timeZone, windowDays: window.dayCount,
            totalCalories: total, averageDailyCalories: ratio(total, Decimal(window.dayCount), scale: 3),
            averageCaloriesPerLoggedDay: ratio(total, Decimal(days), scale: 3), mealsLogged: meals.count, daysWithMeals: days)
    }

    /// kcal per gram of protein, carbs and fat (Atwater).
    static let proteinEnergy: Decimal = 4
    static let carbsEnergy: Decimal = 4
    static let fatEnergy: Decimal = 9

    static func macros(_ meals: [MealLog], window: DayWindow) -> MacroBreakdownV1 {
        let totals = totals(meals)
        let protein = totals.protein * proteinEnergy
        let carbs = totals.carbs * carbsEnergy
        let fat = totals.fat * fatEnergy
        let energy = protein + carbs + fat
        return MacroBreakdownV1(
            from: window.from.description, to: window.to.description, timeZone: window.timeZone, totals: totals,
            proteinPercent: ratio(protein * 100, energy, scale: 1), carbsPercent: ratio(carbs * 100, energy, scale: 1),
            fatPercent: ratio(fat * 100, energy, scale: 1))
    }

    // MARK: - The coach's numbers

    /// Mifflin–St Jeor without a sex (seed 003 stores none): 10·kg + 6.25·cm − 5·years − 78, the
    /// constant being the mean of the formula's +5 (men) and −161 (women).
    static func bmr(_ profile: NutritionProfile) -> Decimal? {
        guard let weight = profile.weight, let height = profile.height, let age = profile.age else { return nil }
        return 10 * weight + Decimal(string: "6.25")! * height - 5 * Decimal(age) - 78
    }

    /// The activity factors of TDEE = BMR × factor.
    static func activityFactor(_ level: ActivityLevel) -> Decimal {
        switch level {
        case .sedentary: Decimal(string: "1.2")!
        case .lightlyActive: Decimal(string: "1.375")!
        case .moderatelyActive: Decimal(string: "1.55")!
        case .veryActive: Decimal(string: "1.725")!
        case .extraActive: Decimal(string: "1.9")!
        }
    }

    /// Grams of protein per kg of body weight for the profile's goals.
    static func proteinPerKilogram(_ goals: [String]) -> Decimal {
        if goals.contains("gain_muscle") { return 2 }
        if goals.contains("lose_weight") { return Decimal(string: "1.8")! }
        return Decimal(string: "1.4")!
    }

    /// Targets from the profile: BMR, TDEE, a suggested goal; protein from body weight and goals
    /// (25 % of the calorie target without a weight), fat 25 % of the target, carbs the rest
    /// (never below 0); grams rounded to 0.1.
    static func targets(_ profile: NutritionProfile) -> CoachTargetsV1 {
        let bmr = bmr(profile)
        let tdee = bmr.map { $0 * activityFactor(profile.activityLevel) }
        let suggested = tdee.map { tdee -> Decimal in
            if profile.goals.contains("lose_weight") { return tdee - 500 }
            if profile.goals.contains("gain_muscle") { return tdee + 300 }
            return tdee
        }
        let target = Decimal(profile.dailyCalorieGoal)
        let protein = (profile.weight.map { $0 * proteinPerKilogram(profile.goals) } ?? target / 4 / proteinEnergy).rounded(scale: 1)
        let fat = (target / 4 / fatEnergy).rounded(scale: 1)
        let carbs = max(0, (target - protein * proteinEnergy - fat * fatEnergy) / carbsEnergy).rounded(scale: 1)
        return CoachTargetsV1(
            bmr: bmr, tdee: tdee, suggestedCalorieGoal: suggested, calorieTarget: profile.dailyCalorieGoal, proteinGrams: protein,
            carbsGrams: carbs, fatGrams: fat)
    }
}
