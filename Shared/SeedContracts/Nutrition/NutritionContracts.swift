/// A command the nutrition service handles.
public protocol NutritionCommand: Command {}

extension NutritionCommand {
    public static var destination: CommandDestination { .service(.nutrition) }
}

/// An event the nutrition service publishes.
public protocol NutritionEvent: Event {}

extension NutritionEvent {
    public static var source: ServiceName { .nutrition }
}

/// The nutrition service's messages.
public enum NutritionContracts: ServiceContracts {
    public static let owner: ServiceName? = .nutrition
    public static let commands: [any Command.Type] = [
        GetNutritionProfileV1.self, UpdateNutritionProfileV1.self, LogMealV1.self, UpdateMealV1.self, DeleteMealV1.self, GetMealV1.self,
        ListMealsV1.self, GetTodayStatsV1.self, GetDailyTotalsV1.self, GetWeeklyStatsV1.self, GetMacroBreakdownV1.self, AskCoachV1.self,
        ListCoachMessagesV1.self, AnalyzeMealV1.self, ConnectFitnessV1.self, DisconnectFitnessV1.self, SyncFitnessV1.self,
    ] + TenantDataOwners.commands(of: .nutrition)
    public static let replies: [any Message.Type] = [
        NutritionProfileV1.self, FitnessLinkV1.self, MealLogV1.self, MealPageV1.self, TodayStatsV1.self, DailyTotalsV1.self, WeeklyStatsV1.self,
        MacroBreakdownV1.self, CoachMessageV1.self, CoachPageV1.self, CoachExchangeV1.self, FitnessActivityV1.self,
    ]
    public static let events: [any Event.Type] = [
        NutritionProfileUpdatedV1.self, MealLoggedV1.self, MealChangedV1.self, MealDeletedV1.self, DailyGoalReachedV1.self,
    ] + TenantDataOwners.events(of: .nutrition)
}
