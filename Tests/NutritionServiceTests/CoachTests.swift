import Foundation
@testable import NutritionService
import SeedContracts
import SeedServiceTesting
import Testing

@Suite("Nutrition coach")
struct CoachTests {
    typealias H = NutritionHarness

    /// 28 years, 75 kg, 175 cm, moderately active, losing weight, 1,800 kcal a day.
    static let known = UpdateNutritionProfileV1(
        name: "John", age: 28, weight: 75, height: 175, activityLevel: .moderatelyActive, goals: ["lose_weight"], dailyCalorieGoal: 1800)

    @Test("the coach's numbers for a known profile: BMR 1,625.75, TDEE 2,519.9125, 135 g protein, 202.5 g carbs, 50 g fat")
    func knownProfile() async throws {
        let h = try await H.make()
        try await h.profile("u1", Self.known)
        try await h.log("u1", ["650"])
        let exchange = try await h.service.askCoach(AskCoachV1(content: "How am I doing today?"), envelope: h.env(AskCoachV1.self, "u1"))
        let metadata = try #require(exchange.answer.metadata)
        let targets = try #require(metadata.targets)
        #expect(targets.bmr == Decimal(string: "1625.75")! && targets.tdee == Decimal(string: "2519.9125")!)
        #expect(targets.suggestedCalorieGoal == Decimal(string: "2019.9125")!)
        #expect(targets.proteinGrams == 135 && targets.carbsGrams == Decimal(string: "202.5")! && targets.fatGrams == 50)
        #expect(metadata.todayCalorieBalance == -1150 && metadata.source == "rules")
        #expect(exchange.answer.type == .nutritionAnalysis && exchange.answer.role == .assistant)
        #expect(exchange.answer.content.contains("1150 kcal left"))
        #expect(exchange.answer.content.contains("Today lacks 125 g protein"))
    }

    @Test("meal plans and workouts come as typed metadata; the chat reads back oldest first in pages")
    func typedAnswersAndHistory() async throws {
        let h = try await H.make()
        try await h.profile("u1", Self.known)
        let plan = try await h.service.askCoach(AskCoachV1(content: "Can you suggest a high-protein breakfast?"), envelope: h.env(AskCoachV1.self, "u1"))
        #expect(plan.answer.type == .mealPlan)
        let mealPlan = try #require(plan.answer.metadata?.mealPlan)
        #expect(mealPlan.totalCalories == mealPlan.items.reduce(0) { $0 + $1.calories })
        h.fixture.clock.advance(by: 60)
        let workout = try await h.service.askCoach(AskCoachV1(content: "Which workout should I do?"), envelope: h.env(AskCoachV1.self, "u1"))
        #expect(workout.answer.type == .workoutSuggestion && workout.answer.metadata?.workout != nil)

        let first = try await h.service.listCoachMessages(ListCoachMessagesV1(limit: 3), envelope: h.env(ListCoachMessagesV1.self, "u1"))
        let rest = try await h.service.listCoachMessages(ListCoachMessagesV1(cursor: first.nextCursor, limit: 3), envelope: h.env(ListCoachMessagesV1.self, "u1"))
        let all = first.messages + rest.messages
        #expect(all.map(\.role) == [.user, .assistant, .user, .assistant] && rest.nextCursor == nil)
        #expect(all.map(\.id) == [plan.question.id, plan.answer.id, workout.question.id, workout.answer.id])
        let other = try await h.service.listCoachMessages(ListCoachMessagesV1(), envelope: h.env(ListCoachMessagesV1.self, "u2"))
        #expect(other.messages.isEmpty, "another user's chat is not visible")
        await expectContractError(.validation, field: "content") {
            _ = try await h.service.askCoach(AskCoachV1(content: "  "), envelope: h.env(AskCoachV1.self, "u1"))
        }
    }

    @Test("with a configured endpoint (a local fake) the answer is the model's, given the user's numbers")
    func modelAnswers() async throws {
        let server = FakeOpenAIChatServer()
        try await server.start()
        let h = try await H.make(coachModel: OpenAIChatCoach(baseURL: server.baseURL, model: "fake-model"))
        try await h.profile("u1", Self.known)
        let exchange = try await h.service.askCoach(AskCoachV1(content: "What should I eat tonight?"), envelope: h.env(AskCoachV1.self, "u1"))
        #expect(exchange.answer.content.hasPrefix("FAKE MODEL ANSWER"))
        #expect(exchange.answer.metadata?.source == "model" && exchange.answer.metadata?.targets?.proteinGrams == 135)
        let sent = server.requests.withLock { $0 }
        #expect(sent.count == 1 && sent[0].contains("fake-model") && sent[0].contains("BMR"))

        let meal = try await h.log("u1", ["500"])
        let analysed = try await h.service.analyzeMeal(AnalyzeMealV1(mealId: meal.id), envelope: h.env(AnalyzeMealV1.self, "u1"))
        #expect(analysed.analysis?.hasPrefix("FAKE MODEL ANSWER") == true)
        await server.stop()
    }

    @Test("a meal logged with analyze: true gets the rules' analysis when no model is configured")
    func analysisOnLog() async throws {
        let h = try await H.make()
        let meal = try await h.service.logMeal(
            LogMealV1(foods: [H.food("400", protein: "30")], mealType: .dinner, analyze: true), envelope: h.env(LogMealV1.self, "u1"))
        #expect(meal.analysis?.contains("400 kcal, 20 % of your daily target") == true)
    }
}
