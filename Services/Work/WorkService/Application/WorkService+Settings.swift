import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    /// `work.create-setting.v1`: an admin creates a setting; its key is unique and its value matches
    /// its type and rules.
    public func createSetting(_ command: CreateSettingV1, envelope: MessageEnvelope) async throws -> SettingV1 {
        let caller = try envelope.signedInActor()
        let key = try SettingRules.key(command.key)
        let rules = try SettingRules.rules(command.validationRules, for: command.validationType)
        let value = try SettingRules.value(command.value, type: command.validationType, rules: rules)
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 1_000)
        return try await work.once(envelope) { tx in
            try await requireAdmin(caller, in: tx.operations)
            let setting = SystemSetting(
                id: Self.newId(), key: key, value: value, category: command.category, description: description, isEditable: command.isEditable ?? true,
                validationType: command.validationType, validationRules: rules, lastModifiedBy: caller, lastModifiedAt: tx.now, createdAt: tx.now,
                updatedAt: tx.now)
            try await tx.settings.insert(setting)
            try await tx.publish(SettingChangedV1(setting: setting.view))
            return setting.view
        }
    }

    /// `work.update-setting.v1`: an admin changes an editable setting's value (checked against its
    /// type and rules); who and when are recorded. A non-editable setting refuses.
    public func updateSetting(_ command: UpdateSettingV1, envelope: MessageEnvelope) async throws -> SettingV1 {
        let caller = try envelope.signedInActor()
        let key = try SettingRules.key(command.key)
        return try await work.once(envelope) { tx in
            try await requireAdmin(caller, in: tx.operations)
            guard var setting = try await tx.settings.first(.equal("key", .string(key))) else {
                throw ContractError(.notFound, "no setting \(key)", details: ["field": "key"])
            }
            guard setting.isEditable else {
                throw ContractError(.conflict, "setting \(key) is not editable", details: ["field": "key", "rule": "not_editable"])
            }
            setting.value = try SettingRules.value(command.value, type: setting.validationType, rules: setting.validationRules)
            setting.lastModifiedBy = caller
            setting.lastModifiedAt = tx.now
            setting.updatedAt = tx.now
            try await tx.settings.replace(setting)
            try await tx.publish(SettingChangedV1(setting: setting.view))
            return setting.view
        }
    }

    /// `work.get-setting.v1` (admins).
    public func getSetting(_ command: GetSettingV1, envelope: MessageEnvelope) async throws -> SettingV1 {
        let caller = try envelope.signedInActor()
        let key = try SettingRules.key(command.key)
        return try await work.mapStoreErrors {
            try await requireAdmin(caller, in: store)
            guard let setting = try await DocumentCollection(SystemSetting.self, in: store).first(.equal("key", .string(key))) else {
                throw ContractError(.notFound, "no setting \(key)", details: ["field": "key"])
            }
            return setting.view
        }
    }

    /// `work.list-settings.v1` (admins): by key, optionally of one category.
    public func listSettings(_ command: ListSettingsV1, envelope: MessageEnvelope) async throws -> SettingListV1 {
        let caller = try envelope.signedInActor()
        return try await work.mapStoreErrors {
            try await requireAdmin(caller, in: store)
            let settings = try await DocumentCollection(SystemSetting.self, in: store).find(
                command.category.map { .equal("category", .string($0.rawValue)) } ?? .all, options: FindOptions(sort: [SortKey("key")], limit: 1_000))
            return SettingListV1(settings: settings.map(\.view))
        }
    }
}
