import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    /// `work.create-questionnaire.v1`: a draft owned by the caller, with step 1 when given (validated).
    public func createQuestionnaire(_ command: CreateQuestionnaireV1, envelope: MessageEnvelope) async throws -> QuestionnaireV1 {
        let caller = try envelope.signedInActor()
        let basicInfo = try command.basicInfo.map { raw throws(ContractError) in try QuestionnaireRules.basicInfo(raw) }
        let tenant = Self.tenant(of: envelope)
        return try await work.once(envelope) { tx in
            let questionnaire = Questionnaire(
                id: Self.newId(), tenantId: tenant, userId: caller, status: .draft, basicInfo: basicInfo, requirements: nil, serviceSelection: nil,
                adminNotes: nil, reviewedBy: nil, reviewedAt: nil, rejectionReason: nil, sprintId: nil, createdAt: tx.now, updatedAt: tx.now)
            try await tx.questionnaires.insert(questionnaire)
            return questionnaire.view
        }
    }

    /// `work.save-basic-info.v1`: step 1 of the caller's draft.
    public func saveBasicInfo(_ command: SaveBasicInfoV1, envelope: MessageEnvelope) async throws -> QuestionnaireV1 {
        let step = try QuestionnaireRules.basicInfo(command.basicInfo)
        return try await editDraft(command.questionnaireId, envelope: envelope) { questionnaire, _ in questionnaire.basicInfo = step }
    }

    /// `work.save-requirements.v1`: step 2 of the caller's draft.
    public func saveRequirements(_ command: SaveRequirementsV1, envelope: MessageEnvelope) async throws -> QuestionnaireV1 {
        let step = try QuestionnaireRules.requirements(command.requirements)
        return try await editDraft(command.questionnaireId, envelope: envelope) { questionnaire, _ in questionnaire.requirements = step }
    }

    /// `work.save-service-selection.v1`: step 3 of the caller's draft; a chosen service must be an
    /// active template.
    public func saveServiceSelection(_ command: SaveServiceSelectionV1, envelope: MessageEnvelope) async throws -> QuestionnaireV1 {
        let step = try QuestionnaireRules.serviceSelection(command.serviceSelection)
        return try await editDraft(command.questionnaireId, envelope: envelope) { questionnaire, tx in
            if let service = step.selectedService {
                guard let template = try await tx.templates.first(.equal("_id", .string(service))), template.isActive else {
                    throw WorkRules.invalid("no active service \(service)", field: "serviceSelection.selectedService", rule: "unknown_service")
                }
            }
            questionnaire.serviceSelection = step
        }
    }

    /// `work.submit-questionnaire.v1`: draft → submitted once its three steps are filled; the admins are told.
    public func submitQuestionnaire(_ command: SubmitQuestionnaireV1, envelope: MessageEnvelope) async throws -> QuestionnaireV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.questionnaireId, field: "questionnaireId")
        return try await work.once(envelope) { tx in
            var questionnaire = try await ownDraft(id, of: caller, in: tx)
            try QuestionnaireRules.complete(questionnaire)
            try questionnaire.move(to: .submitted)
            questionnaire.updatedAt = tx.now
            try await tx.questionnaires.replace(questionnaire)
            try await tx.publish(QuestionnaireSubmittedV1(questionnaire: questionnaire.view, recipients: try await adminIds(in: tx.operations)))
            return questionnaire.view
        }
    }

    /// `work.review-questionnaire.v1`: an admin approves a submitted questionnaire, which creates its one
    /// sprint (from the selected template when there is one), or rejects it with a reason.
    public func reviewQuestionnaire(_ command: ReviewQuestionnaireV1, envelope: MessageEnvelope) async throws -> QuestionnaireReviewV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.questionnaireId, field: "questionnaireId")
        let notes = try WorkRules.optionalText(command.adminNotes, field: "adminNotes", maximum: 2_000)
        var reason: String?
        if command.decision == .reject {
            reason = try WorkRules.text(command.rejectionReason, field: "rejectionReason", 1...1_000)
        } else if command.rejectionReason != nil {
            throw WorkRules.invalid("an approval has no rejection reason", field: "rejectionReason", rule: "approve_without_reason")
        }
        let rejection = reason
        return try await work.once(envelope) { tx in
            try await requireAdmin(caller, in: tx.operations)
            guard var questionnaire = try await tx.questionnaires.first(Self.inTenant(id, of: envelope)) else {
                throw ContractError(.notFound, "no questionnaire \(id)", details: ["field": "questionnaireId"])
            }
            try questionnaire.move(to: command.decision == .approve ? .approved : .rejected)
            questionnaire.adminNotes = notes
            questionnaire.reviewedBy = caller
            questionnaire.reviewedAt = tx.now
            questionnaire.rejectionReason = rejection
            questionnaire.updatedAt = tx.now
            var created: Sprint?
            if command.decision == .approve {
                let sprint = try await openSprint(for: questionnaire, admin: caller, in: tx)
                questionnaire.sprintId = sprint.id
                created = sprint
            }
            try await tx.questionnaires.replace(questionnaire)
            try await tx.publish(QuestionnaireReviewedV1(questionnaire: questionnaire.view, recipients: [questionnaire.userId]))
            return QuestionnaireReviewV1(questionnaire: questionnaire.view, sprint: created?.view)
        }
    }

    /// `work.get-questionnaire.v1`: the caller's own, or any of the tenant's for an admin.
    public func getQuestionnaire(_ command: GetQuestionnaireV1, envelope: MessageEnvelope) async throws -> QuestionnaireV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.questionnaireId, field: "questionnaireId")
        return try await work.mapStoreErrors {
            let found = try await DocumentCollection(Questionnaire.self, in: store).first(Self.inTenant(id, of: envelope))
            let admin = try await isAdmin(caller, in: store)
            guard let questionnaire = found, questionnaire.userId == caller || admin else { throw ContractError(.notFound, "no questionnaire \(id)", details: ["field": "questionnaireId"]) }
            return questionnaire.view
        }
    }

    /// `work.list-questionnaires.v1`: the caller's (everyone's in the tenant for an admin), newest first.
    public func listQuestionnaires(_ command: ListQuestionnairesV1, envelope: MessageEnvelope) async throws -> QuestionnairePageV1 {
        let caller = try envelope.signedInActor()
        let limit = try WorkRules.limit(command.limit, default: 20)
        let cursor = try PageCursor.fromRequest(command.cursor)
        return try await work.mapStoreErrors {
            var filters: [Filter] = [.equal("tenantId", .string(Self.tenant(of: envelope)))]
            if !(try await isAdmin(caller, in: store)) { filters.append(.equal("userId", .string(caller))) }
            if let status = command.status { filters.append(.equal("status", .string(status.rawValue))) }
            let page = try await DocumentCollection(Questionnaire.self, in: store).page(
                .and(filters), sort: [SortKey("createdAt", .descending)], after: cursor, limit: limit)
            return QuestionnairePageV1(questionnaires: page.items.map(\.view), nextCursor: page.next?.description)
        }
    }

    // MARK: - Shared steps

    /// The caller's own draft, for editing: `not_found` for someone else's, `conflict` once submitted.
    func ownDraft(_ id: String, of caller: String, in tx: Transaction) async throws -> Questionnaire {
        guard let questionnaire = try await tx.questionnaires.first(Self.inTenant(id, of: tx.envelope)), questionnaire.userId == caller else {
            throw ContractError(.notFound, "no questionnaire \(id)", details: ["field": "questionnaireId"])
        }
        guard questionnaire.status == .draft else {
            throw ContractError(
                .conflict, "a \(questionnaire.status.rawValue) questionnaire is no longer edited",
                details: ["field": "status", "rule": "draft_only", "from": questionnaire.status.rawValue])
        }
        return questionnaire
    }

    private func editDraft(
        _ rawId: String, envelope: MessageEnvelope, _ edit: @escaping @Sendable (inout Questionnaire, Transaction) async throws -> Void
    ) async throws -> QuestionnaireV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(rawId, field: "questionnaireId")
        return try await work.once(envelope) { tx in
            var questionnaire = try await ownDraft(id, of: caller, in: tx)
            try await edit(&questionnaire, tx)
            questionnaire.updatedAt = tx.now
            try await tx.questionnaires.replace(questionnaire)
            return questionnaire.view
        }
    }
}
