import Foundation
import HTTPTypes
import SeedContracts

// Bodies of work routes whose command also takes values from the path: the path's ids are filled in
// by the route, so the body does not repeat them.

struct ReviewBody: Codable, Sendable {
    var decision: ReviewDecision
    var adminNotes: String?
    /// Required to reject.
    var rejectionReason: String?
}

struct ConfigureSprintBody: Codable, Sendable {
    var name: String?
    var description: String?
    var type: SprintType?
    var estimatedDuration: Int?
    var requiredDocuments: [DocumentRequirementV1]?
    var packageOptions: [PackageOptionInputV1]?
}

struct SprintStatusBody: Codable, Sendable {
    var status: SprintStatus
    var reason: String?
}

struct SelectPackageBody: Codable, Sendable {
    var packageId: String
}

struct ScheduleSprintBody: Codable, Sendable {
    var startDate: Date
}

struct TeamMemberBody: Codable, Sendable {
    var role: TeamRole
    /// Percent, 1 to 100.
    var allocation: Int
}

struct AddMilestoneBody: Codable, Sendable {
    var name: String
    var description: String?
    var dueDate: Date
    var deliverables: [String]?
}

struct UpdateMilestoneBody: Codable, Sendable {
    var status: MilestoneStatus?
    var dueDate: Date?
    var deliverables: [String]?
    var notes: String?
}

struct ScheduleMeetingBody: Codable, Sendable {
    var type: MeetingType
    var scheduledAt: Date
    var meetingUrl: String?
    var attendees: [String]?
}

struct UpdateMeetingBody: Codable, Sendable {
    var status: MeetingStatus?
    var notes: String?
    var recordings: [String]?
}

struct SettingValueBody: Codable, Sendable {
    var value: SettingValueV1
}

/// The work service's routes, part 1: questionnaires, service templates, sprints (status, package,
/// schedule, team, milestones, meetings) and system settings. Every route takes a user's bearer token;
/// what the caller may see and do (client, team member, admin) the work service decides.
enum WorkRoutes {
    static let security = RouteSecurity.bearer

    static func ids(_ names: String...) -> [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, MessagingRoutes.idSchema) })
    }

    static func enumeration<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> JSONValue where E.RawValue == String {
        .object([("type", .string("string")), ("enum", .array(E.allCases.map { .string($0.rawValue) }))])
    }

    /// An enumeration's value from the query: `nil` when absent, a validation error naming it otherwise.
    static func enumQuery<E: CaseIterable & RawRepresentable>(_ call: RouteCall, _ name: String, _ type: E.Type) throws(ContractError) -> E?
    where E.RawValue == String {
        guard let raw = call.query(name) else { return nil }
        guard let value = E(rawValue: raw) else {
            throw ContractError.validation("\(name) must be one of \(E.allCases.map(\.rawValue).joined(separator: ", "))", field: name)
        }
        return value
    }

    static let cursor = MessagingRoutes.cursor
    static let limit = MessagingRoutes.limit(default: 20)

    static let all: [APIRoute] = questionnaires + templates + sprints + settings

    static let questionnaires: [APIRoute] = [
        .route(.post, "/api/v1/questionnaires", operationId: "createQuestionnaire",
               summary: "Start a draft questionnaire (optionally with step 1, basic information).", tag: "questionnaires",
               security: security, body: CreateQuestionnaireV1.self, reply: QuestionnaireV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.get, "/api/v1/questionnaires", operationId: "listQuestionnaires",
               summary: "The caller's questionnaires (every one for an admin), newest first.", tag: "questionnaires",
               security: security, sends: ListQuestionnairesV1.self, body: NoBody.self, reply: QuestionnairePageV1.self,
               query: [QueryParameter(name: "status", description: "Only questionnaires in this status.", schema: enumeration(QuestionnaireStatus.self)),
                       cursor, limit]) { _, call in
            try await call.send(ListQuestionnairesV1(
                status: try enumQuery(call, "status", QuestionnaireStatus.self), cursor: call.query("cursor"), limit: try call.integerQuery("limit")))
        },
        .route(.get, "/api/v1/questionnaires/{questionnaireId}", operationId: "getQuestionnaire",
               summary: "A questionnaire of the caller's (any for an admin).", tag: "questionnaires",
               security: security, sends: GetQuestionnaireV1.self, body: NoBody.self, reply: QuestionnaireV1.self,
               pathParameters: ids("questionnaireId")) { _, call in
            try await call.send(GetQuestionnaireV1(questionnaireId: call.parameter("questionnaireId")))
        },
        .route(.put, "/api/v1/questionnaires/{questionnaireId}/basic-info", operationId: "saveBasicInfo",
               summary: "Save step 1 (basic information) of the caller's draft.", tag: "questionnaires",
               security: security, sends: SaveBasicInfoV1.self, body: BasicInfoV1.self, reply: QuestionnaireV1.self,
               pathParameters: ids("questionnaireId")) { body, call in
            try await call.send(SaveBasicInfoV1(questionnaireId: call.parameter("questionnaireId"), basicInfo: body))
        },
        .route(.put, "/api/v1/questionnaires/{questionnaireId}/requirements", operationId: "saveRequirements",
               summary: "Save step 2 (requirements and budget) of the caller's draft.", tag: "questionnaires",
               security: security, sends: SaveRequirementsV1.self, body: RequirementsV1.self, reply: QuestionnaireV1.self,
               pathParameters: ids("questionnaireId")) { body, call in
            try await call.send(SaveRequirementsV1(questionnaireId: call.parameter("questionnaireId"), requirements: body))
        },
        .route(.put, "/api/v1/questionnaires/{questionnaireId}/service-selection", operationId: "saveServiceSelection",
               summary: "Save step 3 (an active service template, or a custom request) of the caller's draft.", tag: "questionnaires",
               security: security, sends: SaveServiceSelectionV1.self, body: ServiceSelectionV1.self, reply: QuestionnaireV1.self,
               pathParameters: ids("questionnaireId")) { body, call in
            try await call.send(SaveServiceSelectionV1(questionnaireId: call.parameter("questionnaireId"), serviceSelection: body))
        },
        .route(.post, "/api/v1/questionnaires/{questionnaireId}/submit", operationId: "submitQuestionnaire",
               summary: "Submit the caller's complete draft for review.", tag: "questionnaires",
               security: security, sends: SubmitQuestionnaireV1.self, body: NoBody.self, reply: QuestionnaireV1.self,
               pathParameters: ids("questionnaireId")) { _, call in
            try await call.send(SubmitQuestionnaireV1(questionnaireId: call.parameter("questionnaireId")))
        },
        .route(.post, "/api/v1/questionnaires/{questionnaireId}/review", operationId: "reviewQuestionnaire",
               summary: "Approve a submitted questionnaire, creating its sprint, or reject it with a reason (admins).", tag: "questionnaires",
               security: security, sends: ReviewQuestionnaireV1.self, body: ReviewBody.self, reply: QuestionnaireReviewV1.self,
               pathParameters: ids("questionnaireId")) { body, call in
            try await call.send(ReviewQuestionnaireV1(
                questionnaireId: call.parameter("questionnaireId"), decision: body.decision, adminNotes: body.adminNotes,
                rejectionReason: body.rejectionReason))
        },
    ]

    static let templates: [APIRoute] = [
        .route(.post, "/api/v1/service-templates", operationId: "createServiceTemplate",
               summary: "Create a service template (admins).", tag: "service-templates",
               security: security, sends: CreateServiceTemplateV1.self, body: ServiceTemplateInputV1.self, reply: ServiceTemplateV1.self,
               status: .created) { body, call in
            try await call.send(CreateServiceTemplateV1(template: body))
        },
        .route(.get, "/api/v1/service-templates", operationId: "listServiceTemplates",
               summary: "Service templates by name (active ones; admins may include inactive ones).", tag: "service-templates",
               security: security, sends: ListServiceTemplatesV1.self, body: NoBody.self, reply: ServiceTemplateListV1.self,
               query: [QueryParameter(name: "category", description: "Only this category.", schema: enumeration(TemplateCategory.self)),
                       QueryParameter(name: "includeInactive", description: "true: inactive ones too (admins).", schema: .object([("type", .string("boolean"))]))]) { _, call in
            try await call.send(ListServiceTemplatesV1(
                category: try enumQuery(call, "category", TemplateCategory.self), includeInactive: try call.booleanQuery("includeInactive")))
        },
        .route(.get, "/api/v1/service-templates/{templateId}", operationId: "getServiceTemplate",
               summary: "A service template.", tag: "service-templates",
               security: security, sends: GetServiceTemplateV1.self, body: NoBody.self, reply: ServiceTemplateV1.self,
               pathParameters: ids("templateId")) { _, call in
            try await call.send(GetServiceTemplateV1(templateId: call.parameter("templateId")))
        },
        .route(.put, "/api/v1/service-templates/{templateId}", operationId: "updateServiceTemplate",
               summary: "Replace a template's configuration or (de)activate it (admins).", tag: "service-templates",
               security: security, sends: UpdateServiceTemplateV1.self, body: ServiceTemplateInputV1.self, reply: ServiceTemplateV1.self,
               pathParameters: ids("templateId")) { body, call in
            try await call.send(UpdateServiceTemplateV1(templateId: call.parameter("templateId"), template: body))
        },
    ]

    static let sprints: [APIRoute] = [
        .route(.get, "/api/v1/sprints", operationId: "listSprints",
               summary: "The caller's sprints (as client or team member; all for an admin), newest first.", tag: "sprints",
               security: security, sends: ListSprintsV1.self, body: NoBody.self, reply: SprintPageV1.self,
               query: [QueryParameter(name: "status", description: "Only sprints in this status.", schema: enumeration(SprintStatus.self)),
                       cursor, limit]) { _, call in
            try await call.send(ListSprintsV1(
                status: try enumQuery(call, "status", SprintStatus.self), cursor: call.query("cursor"), limit: try call.integerQuery("limit")))
        },
        .route(.get, "/api/v1/sprints/{sprintId}", operationId: "getSprint",
               summary: "A sprint with its team, documents checklist, packages, milestones, progress, meetings and history.", tag: "sprints",
               security: security, sends: GetSprintV1.self, body: NoBody.self, reply: SprintV1.self, pathParameters: ids("sprintId")) { _, call in
            try await call.send(GetSprintV1(sprintId: call.parameter("sprintId")))
        },
        .route(.patch, "/api/v1/sprints/{sprintId}", operationId: "configureSprint",
               summary: "Set name, description, type, duration, required documents or packages before scheduling (admins).", tag: "sprints",
               security: security, sends: ConfigureSprintV1.self, body: ConfigureSprintBody.self, reply: SprintV1.self,
               pathParameters: ids("sprintId")) { body, call in
            try await call.send(ConfigureSprintV1(
                sprintId: call.parameter("sprintId"), name: body.name, description: body.description, type: body.type,
                estimatedDuration: body.estimatedDuration, requiredDocuments: body.requiredDocuments, packageOptions: body.packageOptions))
        },
        .route(.post, "/api/v1/sprints/{sprintId}/status", operationId: "changeSprintStatus",
               summary: "Move a sprint in its state machine; each move's rules are checked (admins).", tag: "sprints",
               security: security, sends: ChangeSprintStatusV1.self, body: SprintStatusBody.self, reply: SprintV1.self,
               pathParameters: ids("sprintId")) { body, call in
            try await call.send(ChangeSprintStatusV1(sprintId: call.parameter("sprintId"), status: body.status, reason: body.reason))
        },
        .route(.post, "/api/v1/sprints/{sprintId}/package", operationId: "selectPackage",
               summary: "Pick one of the sprint's packages (its client or an admin).", tag: "sprints",
               security: security, sends: SelectPackageV1.self, body: SelectPackageBody.self, reply: SprintV1.self,
               pathParameters: ids("sprintId")) { body, call in
            try await call.send(SelectPackageV1(sprintId: call.parameter("sprintId"), packageId: body.packageId))
        },
        .route(.post, "/api/v1/sprints/{sprintId}/schedule", operationId: "scheduleSprint",
               summary: "Set the start date (placing template milestones) and schedule the sprint (admins).", tag: "sprints",
               security: security, sends: ScheduleSprintV1.self, body: ScheduleSprintBody.self, reply: SprintV1.self,
               pathParameters: ids("sprintId")) { body, call in
            try await call.send(ScheduleSprintV1(sprintId: call.parameter("sprintId"), startDate: body.startDate))
        },
        .route(.put, "/api/v1/sprints/{sprintId}/team/{userId}", operationId: "assignTeamMember",
               summary: "Put someone on the team with a role and an allocation (≤ 100 % over overlapping sprints; admins).", tag: "sprints",
               security: security, sends: AssignTeamMemberV1.self, body: TeamMemberBody.self, reply: SprintV1.self,
               pathParameters: ids("sprintId", "userId")) { body, call in
            try await call.send(AssignTeamMemberV1(
                sprintId: call.parameter("sprintId"), userId: call.parameter("userId"), role: body.role, allocation: body.allocation))
        },
        .route(.delete, "/api/v1/sprints/{sprintId}/team/{userId}", operationId: "removeTeamMember",
               summary: "Take someone off the team (admins).", tag: "sprints",
               security: security, sends: RemoveTeamMemberV1.self, body: NoBody.self, reply: SprintV1.self,
               pathParameters: ids("sprintId", "userId")) { _, call in
            try await call.send(RemoveTeamMemberV1(sprintId: call.parameter("sprintId"), userId: call.parameter("userId")))
        },
        .route(.post, "/api/v1/sprints/{sprintId}/milestones", operationId: "addMilestone",
               summary: "Add a milestone due on or after the start date (admins).", tag: "sprints",
               security: security, sends: AddMilestoneV1.self, body: AddMilestoneBody.self, reply: SprintV1.self, status: .created,
               pathParameters: ids("sprintId")) { body, call in
            try await call.send(AddMilestoneV1(
                sprintId: call.parameter("sprintId"), name: body.name, description: body.description, dueDate: body.dueDate,
                deliverables: body.deliverables ?? []))
        },
        .route(.patch, "/api/v1/sprints/{sprintId}/milestones/{milestoneId}", operationId: "updateMilestone",
               summary: "Move a milestone on (pending → in_progress → completed) or change deliverables, notes, due date (team and admins).",
               tag: "sprints", security: security, sends: UpdateMilestoneV1.self, body: UpdateMilestoneBody.self, reply: SprintV1.self,
               pathParameters: ids("sprintId", "milestoneId")) { body, call in
            try await call.send(UpdateMilestoneV1(
                sprintId: call.parameter("sprintId"), milestoneId: call.parameter("milestoneId"), status: body.status, dueDate: body.dueDate,
                deliverables: body.deliverables, notes: body.notes))
        },
        .route(.post, "/api/v1/sprints/{sprintId}/meetings", operationId: "scheduleMeeting",
               summary: "Schedule a kickoff, weekly, review or final meeting; its attendees are told (admins).", tag: "sprints",
               security: security, sends: ScheduleMeetingV1.self, body: ScheduleMeetingBody.self, reply: SprintV1.self, status: .created,
               pathParameters: ids("sprintId")) { body, call in
            try await call.send(ScheduleMeetingV1(
                sprintId: call.parameter("sprintId"), type: body.type, scheduledAt: body.scheduledAt, meetingUrl: body.meetingUrl,
                attendees: body.attendees))
        },
        .route(.patch, "/api/v1/sprints/{sprintId}/meetings/{meetingId}", operationId: "updateMeeting",
               summary: "Mark a meeting completed or cancelled, with notes and recordings (admins).", tag: "sprints",
               security: security, sends: UpdateMeetingV1.self, body: UpdateMeetingBody.self, reply: SprintV1.self,
               pathParameters: ids("sprintId", "meetingId")) { body, call in
            try await call.send(UpdateMeetingV1(
                sprintId: call.parameter("sprintId"), meetingId: call.parameter("meetingId"), status: body.status, notes: body.notes,
                recordings: body.recordings))
        },
    ]

    static let keySchema = JSONValue.object([("type", .string("string")), ("pattern", .string("^[A-Za-z0-9._-]{1,100}$"))])

    static let settings: [APIRoute] = [
        .route(.post, "/api/v1/settings", operationId: "createSetting",
               summary: "Create a system setting with a unique key and a value of its type (admins).", tag: "settings",
               security: security, body: CreateSettingV1.self, reply: SettingV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.get, "/api/v1/settings", operationId: "listSettings",
               summary: "System settings by key (admins).", tag: "settings",
               security: security, sends: ListSettingsV1.self, body: NoBody.self, reply: SettingListV1.self,
               query: [QueryParameter(name: "category", description: "Only this category.", schema: enumeration(SettingCategory.self))]) { _, call in
            try await call.send(ListSettingsV1(category: try enumQuery(call, "category", SettingCategory.self)))
        },
        .route(.get, "/api/v1/settings/{key}", operationId: "getSetting",
               summary: "A system setting (admins).", tag: "settings",
               security: security, sends: GetSettingV1.self, body: NoBody.self, reply: SettingV1.self, pathParameters: ["key": keySchema]) { _, call in
            try await call.send(GetSettingV1(key: call.parameter("key")))
        },
        .route(.put, "/api/v1/settings/{key}", operationId: "updateSetting",
               summary: "Change an editable setting's value, checked against its type and rules (admins).", tag: "settings",
               security: security, sends: UpdateSettingV1.self, body: SettingValueBody.self, reply: SettingV1.self,
               pathParameters: ["key": keySchema]) { body, call in
            try await call.send(UpdateSettingV1(key: call.parameter("key"), value: body.value))
        },
    ]
}

// The enumerations the document lists.
extension QuestionnaireStatus: OpenAPIEnumeration {}
extension TimeCommitment: OpenAPIEnumeration {}
extension ReviewDecision: OpenAPIEnumeration {}
extension SprintStatus: OpenAPIEnumeration {}
extension SprintType: OpenAPIEnumeration {}
extension TeamRole: OpenAPIEnumeration {}
extension DocumentFieldType: OpenAPIEnumeration {}
extension RequirementStatus: OpenAPIEnumeration {}
extension CommunicationLevel: OpenAPIEnumeration {}
extension MilestoneStatus: OpenAPIEnumeration {}
extension MeetingType: OpenAPIEnumeration {}
extension MeetingStatus: OpenAPIEnumeration {}
extension TemplateCategory: OpenAPIEnumeration {}
extension SettingCategory: OpenAPIEnumeration {}
extension SettingValidationType: OpenAPIEnumeration {}

extension SettingValueV1: OpenAPIAnyValue {
    static var openAPISample: SettingValueV1 { .null }
}
