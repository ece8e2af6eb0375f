import Foundation
import SeedContracts
import SeedServiceTesting
import Testing

@testable import WorkService

@Suite("Settings and templates")
struct SettingsAndTemplatesTests {
    func create(_ h: WorkHarness, _ command: CreateSettingV1) async throws -> SettingV1 {
        try await h.service.createSetting(command, envelope: h.envelope(CreateSettingV1.self, WorkHarness.admin))
    }

    @Test("a setting's value must match its validationType and rules; who changed it and when are recorded")
    func typedSettings() async throws {
        let h = try await WorkHarness.make()
        var example = CreateSettingV1.example
        example.validationRules = SettingRulesV1(min: 1, max: 100, integer: true)
        let setting = try await create(h, example)
        #expect(setting.value == .integer(8) && setting.lastModifiedBy == WorkHarness.admin)
        let before = try await h.snapshot()
        for (value, rule) in [(SettingValueV1.string("eight"), "validationType"), (.number(8.5), "integer"), (.integer(101), "max"), (.boolean(true), "validationType")] {
            let error = await expectContractError(.validation, field: "value") {
                _ = try await h.service.updateSetting(UpdateSettingV1(key: setting.key, value: value), envelope: h.envelope(UpdateSettingV1.self, WorkHarness.admin))
            }
            #expect(error?.details["rule"] == rule)
        }
        await expectContractError(.validation, field: "value") {
            _ = try await create(h, CreateSettingV1(key: "email.from", value: .string("not an address"), category: .email, validationType: .email))
        }
        await expectContractError(.validation, field: "value") {
            _ = try await create(h, CreateSettingV1(key: "integrations.hook", value: .string("ftp://x"), category: .integrations, validationType: .url))
        }
        await expectContractError(.conflict, field: "key") { _ = try await create(h, .example) }
        await expectContractError(.forbidden) {
            _ = try await h.service.updateSetting(UpdateSettingV1(key: setting.key, value: .integer(9)), envelope: h.envelope(UpdateSettingV1.self, WorkHarness.client))
        }
        #expect(try await h.snapshot() == before)
        h.fixture.clock.advance(by: 60)
        let changed = try await h.service.updateSetting(UpdateSettingV1(key: setting.key, value: .integer(10)), envelope: h.envelope(UpdateSettingV1.self, WorkHarness.admin))
        #expect(changed.value == .integer(10) && changed.lastModifiedAt == h.fixture.clock.now)
    }

    @Test("a non-editable setting refuses changes")
    func nonEditable() async throws {
        let h = try await WorkHarness.make()
        let fixed = try await create(h, CreateSettingV1(key: "sms.sender", value: .string("SEED"), category: .sms, isEditable: false, validationType: .string,
                                                         validationRules: SettingRulesV1(minLength: 1, maxLength: 11)))
        let error = await expectContractError(.conflict, field: "key") {
            _ = try await h.service.updateSetting(UpdateSettingV1(key: fixed.key, value: .string("OTHER")), envelope: h.envelope(UpdateSettingV1.self, WorkHarness.admin))
        }
        #expect(error?.details["rule"] == "not_editable")
        let list = try await h.service.listSettings(ListSettingsV1(category: .sms), envelope: h.envelope(ListSettingsV1.self, WorkHarness.admin))
        #expect(list.settings.map(\.value) == [.string("SEED")])
    }

    @Test("templates are created by admins; clients see only active ones; bad configuration names its field")
    func templates() async throws {
        let h = try await WorkHarness.make()
        let template = try await h.createTemplate()
        var inactive = WorkHarness.template
        inactive.name = "Old branding"
        inactive.category = .branding
        inactive.isActive = false
        let old = try await h.createTemplate(inactive)
        let forClients = try await h.service.listServiceTemplates(ListServiceTemplatesV1(), envelope: h.envelope(ListServiceTemplatesV1.self, WorkHarness.client))
        #expect(forClients.templates.map(\.id) == [template.id])
        let all = try await h.service.listServiceTemplates(ListServiceTemplatesV1(includeInactive: true), envelope: h.envelope(ListServiceTemplatesV1.self, WorkHarness.admin))
        #expect(all.templates.map(\.id) == [template.id, old.id])
        await expectContractError(.notFound) {
            _ = try await h.service.getServiceTemplate(GetServiceTemplateV1(templateId: old.id), envelope: h.envelope(GetServiceTemplateV1.self, WorkHarness.client))
        }
        await expectContractError(.forbidden) {
            _ = try await h.service.createServiceTemplate(CreateServiceTemplateV1(template: WorkHarness.template), envelope: h.envelope(CreateServiceTemplateV1.self, WorkHarness.client))
        }
        var bad = WorkHarness.template
        bad.defaultMilestones[1].dayOffset = -1
        await expectContractError(.validation, field: "template.defaultMilestones.1.dayOffset") { _ = try await h.createTemplate(bad) }
        bad = WorkHarness.template
        bad.requiredDocuments[1].fieldName = "brand_guide"
        await expectContractError(.validation, field: "template.requiredDocuments.1.fieldName") { _ = try await h.createTemplate(bad) }
        #expect(try await h.fixture.count(ServiceTemplate.self) == 2)
    }
}
