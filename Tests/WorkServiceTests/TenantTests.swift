import Foundation
import SeedContracts
import SeedServiceTesting
import Testing

@testable import WorkService

/// Questionnaires and sprints belong to the tenant they were created in (the envelope's, or the
/// platform's own users' when it names none): every read and every change is scoped to the caller's
/// tenant, so another tenant's records do not exist for them, even for an admin.
@Suite("Tenants")
struct TenantTests {
    @Test("another tenant's client and admin see none of a tenant's questionnaires and sprints, and cannot change them")
    func otherTenantSeesNothing() async throws {
        let h = try await WorkHarness.make()
        // A sprint in the platform's tenant (the harness's envelopes name none).
        let sprint = try await h.sprint()
        let questionnaire = try #require(try await h.service.listQuestionnaires(
            ListQuestionnairesV1(), envelope: h.envelope(ListQuestionnairesV1.self, WorkHarness.admin)).questionnaires.first)
        func acme<C: Command>(_ type: C.Type, _ actor: String) -> MessageEnvelope { h.fixture.envelope(type, actor: actor, tenant: "acme") }

        // Lists: empty for acme's admin and for the same client acting in acme.
        for actor in [WorkHarness.admin, WorkHarness.client] {
            #expect(try await h.service.listSprints(ListSprintsV1(), envelope: acme(ListSprintsV1.self, actor)).sprints.isEmpty)
            #expect(try await h.service.listQuestionnaires(ListQuestionnairesV1(), envelope: acme(ListQuestionnairesV1.self, actor)).questionnaires.isEmpty)
        }
        // Reads by id: not_found.
        await expectContractError(.notFound, field: "sprintId") {
            _ = try await h.service.getSprint(GetSprintV1(sprintId: sprint.id), envelope: acme(GetSprintV1.self, WorkHarness.admin))
        }
        await expectContractError(.notFound, field: "questionnaireId") {
            _ = try await h.service.getQuestionnaire(GetQuestionnaireV1(questionnaireId: questionnaire.id), envelope: acme(GetQuestionnaireV1.self, WorkHarness.admin))
        }
        // Changes: not_found, and nothing changed.
        let before = try await h.snapshot()
        await expectContractError(.notFound, field: "sprintId") {
            _ = try await h.service.changeSprintStatus(
                ChangeSprintStatusV1(sprintId: sprint.id, status: .documentsRequired), envelope: acme(ChangeSprintStatusV1.self, WorkHarness.admin))
        }
        await expectContractError(.notFound, field: "sprintId") {
            _ = try await h.service.configureSprint(ConfigureSprintV1(sprintId: sprint.id, name: "Taken over"), envelope: acme(ConfigureSprintV1.self, WorkHarness.admin))
        }
        await expectContractError(.notFound, field: "questionnaireId") {
            _ = try await h.service.reviewQuestionnaire(
                ReviewQuestionnaireV1(questionnaireId: questionnaire.id, decision: .reject, rejectionReason: "Not ours"),
                envelope: acme(ReviewQuestionnaireV1.self, WorkHarness.admin))
        }
        #expect(try await h.snapshot() == before)

        // acme's own questionnaire and sprint: acme sees them, the platform's tenant does not.
        let draft = try await h.service.createQuestionnaire(CreateQuestionnaireV1(basicInfo: .example), envelope: acme(CreateQuestionnaireV1.self, WorkHarness.otherClient))
        await expectContractError(.notFound, field: "questionnaireId") {
            _ = try await h.service.saveRequirements(
                SaveRequirementsV1(questionnaireId: draft.id, requirements: .example), envelope: h.envelope(SaveRequirementsV1.self, WorkHarness.otherClient))
        }
        _ = try await h.service.saveRequirements(SaveRequirementsV1(questionnaireId: draft.id, requirements: .example), envelope: acme(SaveRequirementsV1.self, WorkHarness.otherClient))
        _ = try await h.service.saveServiceSelection(
            SaveServiceSelectionV1(questionnaireId: draft.id, serviceSelection: ServiceSelectionV1(selectedService: nil, customRequest: "A pricing study for ferries", isCustom: true)),
            envelope: acme(SaveServiceSelectionV1.self, WorkHarness.otherClient))
        _ = try await h.service.submitQuestionnaire(SubmitQuestionnaireV1(questionnaireId: draft.id), envelope: acme(SubmitQuestionnaireV1.self, WorkHarness.otherClient))
        let acmeSprint = try #require(try await h.service.reviewQuestionnaire(
            ReviewQuestionnaireV1(questionnaireId: draft.id, decision: .approve), envelope: acme(ReviewQuestionnaireV1.self, WorkHarness.admin)).sprint)
        #expect(try await h.service.listSprints(ListSprintsV1(), envelope: acme(ListSprintsV1.self, WorkHarness.admin)).sprints.map(\.id) == [acmeSprint.id])
        #expect(try await h.service.listSprints(ListSprintsV1(), envelope: acme(ListSprintsV1.self, WorkHarness.otherClient)).sprints.map(\.id) == [acmeSprint.id])
        #expect(try await h.service.listSprints(ListSprintsV1(), envelope: h.envelope(ListSprintsV1.self, WorkHarness.admin)).sprints.map(\.id) == [sprint.id])
        #expect(try await h.service.listSprints(ListSprintsV1(), envelope: h.envelope(ListSprintsV1.self, WorkHarness.otherClient)).sprints.isEmpty)
        #expect(try await h.service.listQuestionnaires(ListQuestionnairesV1(), envelope: h.envelope(ListQuestionnairesV1.self, WorkHarness.admin)).questionnaires.map(\.id) == [questionnaire.id])
        await expectContractError(.notFound, field: "sprintId") {
            _ = try await h.service.getSprint(GetSprintV1(sprintId: acmeSprint.id), envelope: h.envelope(GetSprintV1.self, WorkHarness.otherClient))
        }
        #expect(try await h.service.getSprint(GetSprintV1(sprintId: acmeSprint.id), envelope: acme(GetSprintV1.self, WorkHarness.otherClient)).id == acmeSprint.id)
        let (acmeStored, platformStored) = (try await h.stored(acmeSprint.id), try await h.stored(sprint.id))
        #expect(acmeStored.tenantId == "acme" && platformStored.tenantId == "platform")
    }
}
