import Foundation
import SeedContracts

/// What the coach knows about the user when it answers: all from the user's own data.
struct CoachContext: Sendable {
    var profile: NutritionProfile
    var targets: CoachTargetsV1
    var today: NutrientTotalsV1
    var todayProgress: GoalProgressV1
    var week: WeeklyStatsV1
}

/// An answer: its text, type and typed metadata.
struct CoachAnswer: Sendable, Equatable {
    var content: String
    var type: CoachMessageType
    var metadata: CoachMetadataV1
}

/// The coach that answers from the user's own numbers, without a model: what today and this week lack
/// or exceed against the targets, a meal plan or a workout when asked for one.
enum RulesCoach {
    /// The kind of answer a question asks for, by its words.
    static func kind(of question: String) -> CoachMessageType {
        let text = question.lowercased()
        let has = { (words: [String]) in words.contains { text.contains($0) } }
        if has(["workout", "exercise", "train", "run ", "running", "gym", "cardio"]) { return .workoutSuggestion }
        if has(["meal plan", "plan", "breakfast", "lunch", "dinner", "snack", "recipe", "what should i eat", "suggest"]) { return .mealPlan }
        if has(["analy", "how am i", "how did i", "today", "week", "progress", "macro", "protein", "calorie"]) { return .nutritionAnalysis }
        return .text
    }

    static func answer(_ question: String, context: CoachContext) -> CoachAnswer {
        let type = kind(of: question)
        var metadata = CoachMetadataV1(
            targets: context.targets, today: context.today, todayCalorieBalance: context.today.calories - context.todayProgress.target,
            weekAverageDailyCalories: context.week.averageDailyCalories, source: "rules")
        var lines = [summary(context)]
        switch type {
        case .mealPlan:
            let plan = mealPlan(context)
            metadata.mealPlan = plan
            lines.append("Suggested: \(plan.name) — " + plan.items.map { "\($0.name) (\($0.calories) kcal, \($0.protein) g protein)" }.joined(separator: ", ")
                + "; \(plan.totalCalories) kcal and \(plan.totalProtein) g protein in all.")
        case .workoutSuggestion:
            let workout = workout(context)
            metadata.workout = workout
            lines.append("Workout: \(workout.name), \(workout.minutes) minutes, about \(workout.estimatedCalories) kcal: " + workout.steps.joined(separator: "; ") + ".")
        case .nutritionAnalysis, .text:
            lines.append(contentsOf: gaps(context))
        }
        return CoachAnswer(content: lines.joined(separator: "\n"), type: type, metadata: metadata)
    }

    /// The targets in one paragraph.
    static func summary(_ context: CoachContext) -> String {
        let t = context.targets
        var parts: [String] = []
        if let bmr = t.bmr, let tdee = t.tdee {
            parts.append("Your BMR (Mifflin–St Jeor) is \(bmr.rounded(scale: 0)) kcal and your TDEE at \(context.profile.activityLevel.rawValue) is \(tdee.rounded(scale: 0)) kcal.")
        } else {
            parts.append("Add your age, weight and height to your profile for BMR and TDEE.")
        }
        parts.append("Your daily target is \(context.todayProgress.target) kcal: \(t.proteinGrams) g protein, \(t.carbsGrams) g carbs, \(t.fatGrams) g fat.")
        return parts.joined(separator: " ")
    }

    /// What today and this week lack or exceed.
    static func gaps(_ context: CoachContext) -> [String] {
        let today = context.today
        let t = context.targets
        var lines: [String] = []
        let balance = today.calories - context.todayProgress.target
        if balance > 0 {
            lines.append("Today you are \(balance) kcal over your target (\(today.calories) of \(context.todayProgress.target) kcal).")
        } else {
            lines.append("Today you have \(-balance) kcal left (\(today.calories) of \(context.todayProgress.target) kcal).")
        }
        for (name, have, want) in [("protein", today.protein, t.proteinGrams), ("carbs", today.carbs, t.carbsGrams), ("fat", today.fat, t.fatGrams)] {
            if have < want { lines.append("Today lacks \(want - have) g \(name).") } else if have > want { lines.append("Today exceeds \(name) by \(have - want) g.") }
        }
        let week = context.week
        let weekBalance = week.averageDailyCalories - Decimal(context.profile.dailyCalorieGoal)
        lines.append("This week (\(week.from) to \(week.to)) you logged \(week.mealsLogged) meals on \(week.daysWithMeals) days, "
            + "\(week.averageDailyCalories) kcal a day on average, \(weekBalance >= 0 ? "\(weekBalance) over" : "\(-weekBalance) under") your goal.")
        return lines
    }

    /// A plan for the calories left today (a third of the target when none are left), protein first.
    static func mealPlan(_ context: CoachContext) -> MealPlanV1 {
        let left = context.todayProgress.target - context.today.calories
        let budget = left > 300 ? min(left, context.todayProgress.target / 2) : context.todayProgress.target / 3
        let items: [MealPlanItemV1]
        if budget >= 600 {
            items = [MealPlanItemV1(name: "Grilled chicken breast (150 g)", calories: 248, protein: 46),
                     MealPlanItemV1(name: "Brown rice (1 cup)", calories: 216, protein: 5),
                     MealPlanItemV1(name: "Steamed broccoli (1 cup)", calories: 55, protein: 4)]
        } else {
            items = [MealPlanItemV1(name: "Greek yogurt (200 g)", calories: 150, protein: 20),
                     MealPlanItemV1(name: "Scrambled eggs (3)", calories: 210, protein: 18)]
        }
        return MealPlanV1(
            name: budget >= 600 ? "High-protein plate" : "High-protein light meal", items: items,
            totalProtein: items.reduce(Decimal(0)) { $0 + $1.protein }, totalCalories: items.reduce(Decimal(0)) { $0 + $1.calories })
    }

    /// A workout sized by how far today is over target.
    static func workout(_ context: CoachContext) -> WorkoutSuggestionV1 {
        let over = context.today.calories - context.todayProgress.target
        if over > 300 {
            return WorkoutSuggestionV1(name: "Brisk walk and intervals", minutes: 45, estimatedCalories: 350,
                                       steps: ["10 min brisk walk", "20 min alternating 1 min fast / 2 min easy", "15 min easy walk"])
        }
        return WorkoutSuggestionV1(name: "Full-body strength", minutes: 30, estimatedCalories: 200,
                                   steps: ["3 × 10 squats", "3 × 10 push-ups", "3 × 12 rows", "3 × 30 s plank"])
    }

    /// A short analysis of one meal against the daily targets.
    static func analysis(of meal: MealLog, targets: CoachTargetsV1) -> String {
        let totals = NutritionMath.totals([meal])
        let share = NutritionMath.ratio(meal.totalCalories * 100, Decimal(targets.calorieTarget), scale: 1)
        var notes = ["\(meal.totalCalories) kcal, \(share) % of your daily target; \(totals.protein) g protein, \(totals.carbs) g carbs, \(totals.fat) g fat."]
        if totals.protein * 4 >= meal.totalCalories * Decimal(string: "0.25")! { notes.append("Good protein content.") } else { notes.append("Consider more protein.") }
        if totals.fiber < 5 { notes.append("Consider adding vegetables for more fiber.") }
        if totals.sugar > 25 { notes.append("High in sugar.") }
        return notes.joined(separator: " ")
    }
}
