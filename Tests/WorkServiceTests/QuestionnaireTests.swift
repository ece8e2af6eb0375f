import Foundation
import SeedContracts
import SeedServiceTesting
import Testing

@testable import WorkService

@Suite("Questionnaires")
struct QuestionnaireTests {
    @Test("a draft is filled in three validated steps, submitted, and the admins are told")
    func draftToSubmitted() async throws {
        let h = try await WorkHarness.make()
        let template = try await h.createTemplate()
        let submitted = try await h.submittedQuestionnaire(templateId: template.id)
        #expect(submitted.status == .submitted && submitted.basicInfo == .example && submitted.requirements == .example)
        #expect(submitted.serviceSelection?.selectedService == template.id)
        let told = try await h.fixture.events(QuestionnaireSubmittedV1.self)
        #expect(told.count == 1 && told[0].recipients == [WorkHarness.admin])
    }

    @Test("a step with missing or out-of-range fields, or an unknown service, is refused naming the field, and changes nothing")
    func badStepsChangeNothing() async throws {
        let h = try await WorkHarness.make()
        let draft = try await h.service.createQuestionnaire(CreateQuestionnaireV1(), envelope: h.envelope(CreateQuestionnaireV1.self, WorkHarness.client))
        let before = try await h.snapshot()
        var missing = BasicInfoV1.example
        missing.startupName = nil
        await expectContractError(.validation, field: "basicInfo.startupName") {
            _ = try await h.service.saveBasicInfo(SaveBasicInfoV1(questionnaireId: draft.id, basicInfo: missing), envelope: h.envelope(SaveBasicInfoV1.self, WorkHarness.client))
        }
        var short = BasicInfoV1.example
        short.taskDescription = "short"
        await expectContractError(.validation, field: "basicInfo.taskDescription") {
            _ = try await h.service.saveBasicInfo(SaveBasicInfoV1(questionnaireId: draft.id, basicInfo: short), envelope: h.envelope(SaveBasicInfoV1.self, WorkHarness.client))
        }
        var tooMany = RequirementsV1.example
        tooMany.milestones = Array(repeating: "m", count: 21)
        await expectContractError(.validation, field: "requirements.milestones") {
            _ = try await h.service.saveRequirements(SaveRequirementsV1(questionnaireId: draft.id, requirements: tooMany), envelope: h.envelope(SaveRequirementsV1.self, WorkHarness.client))
        }
        let unknown = await expectContractError(.validation, field: "serviceSelection.selectedService") {
            _ = try await h.service.saveServiceSelection(
                SaveServiceSelectionV1(questionnaireId: draft.id, serviceSelection: ServiceSelectionV1(selectedService: "nope", customRequest: nil, isCustom: false)),
                envelope: h.envelope(SaveServiceSelectionV1.self, WorkHarness.client))
        }
        #expect(unknown?.details["rule"] == "unknown_service")
        await expectContractError(.validation, field: "basicInfo") {
            _ = try await h.service.submitQuestionnaire(SubmitQuestionnaireV1(questionnaireId: draft.id), envelope: h.envelope(SubmitQuestionnaireV1.self, WorkHarness.client))
        }
        #expect(try await h.snapshot() == before)
        let stored = try await h.service.getQuestionnaire(GetQuestionnaireV1(questionnaireId: draft.id), envelope: h.envelope(GetQuestionnaireV1.self, WorkHarness.client))
        #expect(stored.basicInfo == nil && stored.status == .draft)
    }

    @Test("only the owner edits a draft; once submitted nobody does")
    func onlyOwnerEditsDraft() async throws {
        let h = try await WorkHarness.make()
        let draft = try await h.service.createQuestionnaire(CreateQuestionnaireV1(), envelope: h.envelope(CreateQuestionnaireV1.self, WorkHarness.client))
        await expectContractError(.notFound, field: "questionnaireId") {
            _ = try await h.service.saveBasicInfo(SaveBasicInfoV1(questionnaireId: draft.id, basicInfo: .example), envelope: h.envelope(SaveBasicInfoV1.self, WorkHarness.otherClient))
        }
        await expectContractError(.notFound) {
            _ = try await h.service.getQuestionnaire(GetQuestionnaireV1(questionnaireId: draft.id), envelope: h.envelope(GetQuestionnaireV1.self, WorkHarness.otherClient))
        }
        let submitted = try await h.submittedQuestionnaire(templateId: nil)
        let error = await expectContractError(.conflict, field: "status") {
            _ = try await h.service.saveBasicInfo(SaveBasicInfoV1(questionnaireId: submitted.id, basicInfo: .example), envelope: h.envelope(SaveBasicInfoV1.self, WorkHarness.client))
        }
        #expect(error?.details["rule"] == "draft_only")
    }

    @Test("draft → submitted → approved | rejected, nothing else: a draft is not reviewed, a reviewed one not again; rejecting needs a reason")
    func reviewMachine() async throws {
        let h = try await WorkHarness.make()
        let draft = try await h.service.createQuestionnaire(CreateQuestionnaireV1(basicInfo: .example), envelope: h.envelope(CreateQuestionnaireV1.self, WorkHarness.client))
        let review = { (id: String, decision: ReviewDecision, reason: String?, actor: String) in
            try await h.service.reviewQuestionnaire(
                ReviewQuestionnaireV1(questionnaireId: id, decision: decision, rejectionReason: reason), envelope: h.envelope(ReviewQuestionnaireV1.self, actor))
        }
        let refused = await expectContractError(.conflict, field: "status") { _ = try await review(draft.id, .approve, nil, WorkHarness.admin) }
        #expect(refused?.details["rule"] == "questionnaire_transition")
        let submitted = try await h.submittedQuestionnaire(templateId: nil)
        await expectContractError(.forbidden) { _ = try await review(submitted.id, .approve, nil, WorkHarness.client) }
        await expectContractError(.validation, field: "rejectionReason") { _ = try await review(submitted.id, .reject, nil, WorkHarness.admin) }
        let rejected = try await review(submitted.id, .reject, "Out of scope", WorkHarness.admin)
        #expect(rejected.questionnaire.status == .rejected && rejected.questionnaire.reviewedBy == WorkHarness.admin)
        #expect(rejected.questionnaire.reviewedAt == h.fixture.clock.now && rejected.questionnaire.rejectionReason == "Out of scope" && rejected.sprint == nil)
        await expectContractError(.conflict, field: "status") { _ = try await review(submitted.id, .approve, nil, WorkHarness.admin) }
        #expect(try await h.fixture.count(Sprint.self) == 0)
        #expect(try await h.fixture.events(QuestionnaireReviewedV1.self).map(\.recipients) == [[WorkHarness.client]])
    }

    @Test("clients list their own questionnaires, admins all, a page at a time")
    func listsAreScoped() async throws {
        let h = try await WorkHarness.make()
        for client in [WorkHarness.client, WorkHarness.client, WorkHarness.otherClient] {
            _ = try await h.service.createQuestionnaire(CreateQuestionnaireV1(), envelope: h.envelope(CreateQuestionnaireV1.self, client))
            h.fixture.clock.advance(by: 1)
        }
        let own = try await h.service.listQuestionnaires(ListQuestionnairesV1(), envelope: h.envelope(ListQuestionnairesV1.self, WorkHarness.client))
        #expect(own.questionnaires.count == 2 && own.questionnaires.allSatisfy { $0.userId == WorkHarness.client })
        let first = try await h.service.listQuestionnaires(ListQuestionnairesV1(limit: 2), envelope: h.envelope(ListQuestionnairesV1.self, WorkHarness.admin))
        #expect(first.questionnaires.count == 2 && first.questionnaires[0].userId == WorkHarness.otherClient)
        let second = try await h.service.listQuestionnaires(
            ListQuestionnairesV1(cursor: first.nextCursor, limit: 2), envelope: h.envelope(ListQuestionnairesV1.self, WorkHarness.admin))
        #expect(second.questionnaires.count == 1 && second.nextCursor == nil)
    }
}
