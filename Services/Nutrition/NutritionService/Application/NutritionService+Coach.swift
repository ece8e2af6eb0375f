import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension NutritionService {
    /// `nutrition.ask-coach.v1`: answers from the caller's own data (targets, today, this week), or
    /// from the configured model given the same numbers; stores the question and the answer.
    /// The model is asked before the transaction opens; when it fails, the rules answer.
    public func askCoach(_ command: AskCoachV1, envelope: MessageEnvelope) async throws -> CoachExchangeV1 {
        let user = try envelope.signedInActor()
        let question = try NutritionRules.question(command.content)
        let context = try await coachContext(user: user)
        var answer = RulesCoach.answer(question, context: context)
        if let coachModel {
            let history = try await work.mapStoreErrors {
                try await DocumentCollection(CoachMessage.self, in: store).find(
                    .equal("userId", .string(user)), options: FindOptions(sort: [SortKey("createdAt", .descending), SortKey("_id", .descending)], limit: 10))
            }
            let turns = [ChatTurn(role: "system", content: Self.systemPrompt(context: context, rules: answer))]
                + history.reversed().map { ChatTurn(role: $0.role.rawValue, content: $0.content) } + [ChatTurn(role: "user", content: question)]
            do {
                answer.content = try await coachModel.complete(turns)
                answer.metadata.source = "model"
            } catch {
                logger.warning("the coach model failed; answering from the rules", metadata: ["error": "\(error)"])
            }
        }
        return try await work.once(envelope) { [answer] tx in
            let asked = CoachMessage(id: ObjectId().description, userId: user, role: .user, content: question, type: .text, metadata: nil,
                                     createdAt: tx.now, updatedAt: tx.now)
            let answered = CoachMessage(id: ObjectId().description, userId: user, role: .assistant, content: answer.content, type: answer.type,
                                        metadata: answer.metadata, createdAt: tx.now, updatedAt: tx.now)
            try await tx.coachMessages.insert([asked, answered])
            return CoachExchangeV1(question: asked.view, answer: answered.view)
        }
    }

    /// What the coach knows: the profile's targets, today and the last 7 days.
    func coachContext(user: String) async throws -> CoachContext {
        let now = work.now
        let today = try await computeToday(user: user, now: now)
        return try await work.mapStoreErrors {
            let profile = try await profile(of: user, in: store)
            let window = try DayWindow(from: nil, to: nil, defaultDays: 7, timeZone: profile.timeZone, now: now)
            let week = NutritionMath.weekly(try await meals(of: user, from: window.start, to: window.end, in: store), window: window)
            return CoachContext(profile: profile, targets: NutritionMath.targets(profile), today: today.totals, todayProgress: today.progress, week: week)
        }
    }

    /// The model's instructions: the user's numbers, and the rules' answer as a starting point.
    static func systemPrompt(context: CoachContext, rules: CoachAnswer) -> String {
        """
        You are a nutrition coach. Answer briefly from this user's data only; do not invent numbers.
        \(RulesCoach.summary(context))
        \(RulesCoach.gaps(context).joined(separator: "\n"))
        A rules-based draft answer: \(rules.content)
        """
    }

    /// `nutrition.list-coach-messages.v1`: the caller's chat, oldest first, in keyset pages.
    public func listCoachMessages(_ command: ListCoachMessagesV1, envelope: MessageEnvelope) async throws -> CoachPageV1 {
        let user = try envelope.signedInActor()
        let limit = try NutritionRules.limit(command.limit, default: 50)
        let cursor = try PageCursor.fromRequest(command.cursor)
        let page = try await work.mapStoreErrors {
            try await DocumentCollection(CoachMessage.self, in: store).page(
                .equal("userId", .string(user)), sort: [SortKey("createdAt"), SortKey("_id")], after: cursor, limit: limit)
        }
        return CoachPageV1(messages: page.items.map(\.view), nextCursor: page.next?.description)
    }

    /// `nutrition.analyze-meal.v1`: writes the coach's analysis into the caller's meal.
    public func analyzeMeal(_ command: AnalyzeMealV1, envelope: MessageEnvelope) async throws -> MealLogV1 {
        let user = try envelope.signedInActor()
        let meal = try await work.mapStoreErrors { try await self.meal(command.mealId, of: user, in: store) }
        let analysis = try await analyze(meal)
        return try await work.once(envelope) { tx in
            var meal = try await self.meal(command.mealId, of: user, in: tx.operations)
            meal.analysis = analysis
            meal.updatedAt = tx.now
            try await tx.meals.replace(meal)
            try await tx.publish(MealChangedV1(meal: meal.view))
            return meal.view
        }
    }

    /// An analysis of `meal`: the model's when configured (and answering), the rules' otherwise.
    func analyze(_ meal: MealLog) async throws -> String {
        let profile = try await work.mapStoreErrors { try await self.profile(of: meal.userId, in: store) }
        let rules = RulesCoach.analysis(of: meal, targets: NutritionMath.targets(profile))
        guard let coachModel else { return rules }
        let foods = meal.foods.map { "\($0.name) (\($0.quantity)): \($0.calories) kcal, \($0.protein) g protein, \($0.carbs) g carbs, \($0.fat) g fat" }
        do {
            return try await coachModel.complete([
                ChatTurn(role: "system", content: "You are a nutrition coach. Analyse this \(meal.mealType.rawValue) in two sentences. Draft: \(rules)"),
                ChatTurn(role: "user", content: foods.joined(separator: "\n")),
            ])
        } catch {
            logger.warning("the coach model failed; analysing from the rules", metadata: ["error": "\(error)"])
            return rules
        }
    }
}
