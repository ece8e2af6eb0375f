import Foundation
import SeedContracts

/// A client's questionnaire (seed 000 `questionnaires`): three steps filled in a draft, then a review.
struct Questionnaire: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    var userId: String
    var status: QuestionnaireStatus
    var basicInfo: BasicInfoV1?
    var requirements: RequirementsV1?
    var serviceSelection: ServiceSelectionV1?
    var adminNotes: String?
    var reviewedBy: String?
    var reviewedAt: Date?
    var rejectionReason: String?
    var sprintId: String?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, userId, status, basicInfo, requirements, serviceSelection, adminNotes, reviewedBy, reviewedAt, rejectionReason,
             sprintId, createdAt, updatedAt
    }

    var view: QuestionnaireV1 {
        QuestionnaireV1(
            id: id, userId: userId, status: status, basicInfo: basicInfo, requirements: requirements, serviceSelection: serviceSelection,
            adminNotes: adminNotes, reviewedBy: reviewedBy, reviewedAt: reviewedAt, rejectionReason: rejectionReason, sprintId: sprintId,
            createdAt: createdAt, updatedAt: updatedAt)
    }

    /// The only moves: draft → submitted → approved | rejected.
    static func canMove(from: QuestionnaireStatus, to: QuestionnaireStatus) -> Bool {
        switch (from, to) {
        case (.draft, .submitted), (.submitted, .approved), (.submitted, .rejected): true
        default: false
        }
    }

    /// Moves to `status`, or a `conflict` naming the rule when the machine forbids it.
    mutating func move(to status: QuestionnaireStatus) throws(ContractError) {
        guard Self.canMove(from: self.status, to: status) else {
            throw ContractError(
                .conflict, "a \(self.status.rawValue) questionnaire cannot become \(status.rawValue)",
                details: ["field": "status", "rule": "questionnaire_transition", "from": self.status.rawValue, "to": status.rawValue])
        }
        self.status = status
    }
}

/// The rules of each questionnaire step.
enum QuestionnaireRules {
    /// Step 1: every field present and within its length.
    static func basicInfo(_ raw: BasicInfoV1) throws(ContractError) -> BasicInfoV1 {
        let field = "basicInfo"
        guard let commitment = raw.timeCommitment else {
            throw WorkRules.invalid("'\(field).timeCommitment' is required: full-time or part-time", field: "\(field).timeCommitment", rule: "required")
        }
        return BasicInfoV1(
            startupName: try WorkRules.text(raw.startupName, field: "\(field).startupName", 1...100),
            taskType: try WorkRules.text(raw.taskType, field: "\(field).taskType", 1...100),
            taskDescription: try WorkRules.text(raw.taskDescription, field: "\(field).taskDescription", 10...5_000),
            startupStage: try WorkRules.text(raw.startupStage, field: "\(field).startupStage", 1...100),
            keyGoals: try WorkRules.text(raw.keyGoals, field: "\(field).keyGoals", 1...2_000),
            timeCommitment: commitment)
    }

    /// Step 2: 1–20 milestone types, a timeline and a budget range.
    static func requirements(_ raw: RequirementsV1) throws(ContractError) -> RequirementsV1 {
        let field = "requirements"
        guard let milestones = raw.milestones else {
            throw WorkRules.invalid("'\(field).milestones' is required", field: "\(field).milestones", rule: "required")
        }
        return RequirementsV1(
            milestones: try WorkRules.texts(milestones, field: "\(field).milestones", count: 1...20, length: 100),
            customMilestone: try WorkRules.optionalText(raw.customMilestone, field: "\(field).customMilestone", maximum: 500),
            timeline: try WorkRules.text(raw.timeline, field: "\(field).timeline", 1...100),
            budgetRange: try WorkRules.text(raw.budgetRange, field: "\(field).budgetRange", 1...100))
    }

    /// Step 3, apart from whether the template exists: a custom request, or a template id.
    static func serviceSelection(_ raw: ServiceSelectionV1) throws(ContractError) -> ServiceSelectionV1 {
        let field = "serviceSelection"
        if raw.isCustom == true {
            return ServiceSelectionV1(
                selectedService: nil, customRequest: try WorkRules.text(raw.customRequest, field: "\(field).customRequest", 10...2_000), isCustom: true)
        }
        guard let service = raw.selectedService else {
            throw WorkRules.invalid(
                "'\(field).selectedService' is required unless isCustom is true", field: "\(field).selectedService", rule: "required")
        }
        return ServiceSelectionV1(
            selectedService: try WorkRules.id(service, field: "\(field).selectedService"),
            customRequest: try WorkRules.optionalText(raw.customRequest, field: "\(field).customRequest", maximum: 2_000), isCustom: false)
    }

    /// A submitted questionnaire has all three steps.
    static func complete(_ questionnaire: Questionnaire) throws(ContractError) {
        for (step, present) in [("basicInfo", questionnaire.basicInfo != nil), ("requirements", questionnaire.requirements != nil),
                                ("serviceSelection", questionnaire.serviceSelection != nil)] where !present {
            throw WorkRules.invalid("step '\(step)' is not filled in yet", field: step, rule: "step_missing")
        }
    }
}
