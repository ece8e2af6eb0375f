public import SeedBus
import SeedContracts
import SeedServiceKit

/// Connects the nutrition service's commands on the bus to its use cases: one line each.
public enum NutritionHandlers {
    public static func register(_ service: NutritionService, on bus: Bus) {
        // A tenant's data export and erasure (seed-ops tenants; decision 0039), over the declared collections.
        TenantData(service: .nutrition, work: service.work, collections: NutritionCollections.all).register(on: bus)
        bus.handle(GetNutritionProfileV1.self) { try await service.getProfile($0, envelope: $1.envelope) }
        bus.handle(UpdateNutritionProfileV1.self) { try await service.updateProfile($0, envelope: $1.envelope) }
        bus.handle(LogMealV1.self) { try await service.logMeal($0, envelope: $1.envelope) }
        bus.handle(UpdateMealV1.self) { try await service.updateMeal($0, envelope: $1.envelope) }
        bus.handle(DeleteMealV1.self) { try await service.deleteMeal($0, envelope: $1.envelope) }
        bus.handle(GetMealV1.self) { try await service.getMeal($0, envelope: $1.envelope) }
        bus.handle(ListMealsV1.self) { try await service.listMeals($0, envelope: $1.envelope) }
        bus.handle(GetTodayStatsV1.self) { try await service.todayStats($0, envelope: $1.envelope) }
        bus.handle(GetDailyTotalsV1.self) { try await service.dailyTotals($0, envelope: $1.envelope) }
        bus.handle(GetWeeklyStatsV1.self) { try await service.weeklyStats($0, envelope: $1.envelope) }
        bus.handle(GetMacroBreakdownV1.self) { try await service.macroBreakdown($0, envelope: $1.envelope) }
        bus.handle(AskCoachV1.self) { try await service.askCoach($0, envelope: $1.envelope) }
        bus.handle(ListCoachMessagesV1.self) { try await service.listCoachMessages($0, envelope: $1.envelope) }
        bus.handle(AnalyzeMealV1.self) { try await service.analyzeMeal($0, envelope: $1.envelope) }
        bus.handle(ConnectFitnessV1.self) { try await service.connectFitness($0, envelope: $1.envelope) }
        bus.handle(DisconnectFitnessV1.self) { try await service.disconnectFitness($0, envelope: $1.envelope) }
        bus.handle(SyncFitnessV1.self) { try await service.syncFitness($0, envelope: $1.envelope) }
    }
}
