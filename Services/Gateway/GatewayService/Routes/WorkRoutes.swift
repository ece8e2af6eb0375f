import Foundation
import HTTPTypes
import Hummingbird
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
    /// Part 2 (boards, tasks, tags, teams, templates): a user's bearer token, or a tenant's backend
    /// acting for one of its end users with a key of these scopes (the tenant is the key's; decision 0042).
    static let boardsRead = RouteSecurity.bearerOrAPIKey(scope: "boards:read")
    static let boardsWrite = RouteSecurity.bearerOrAPIKey(scope: "boards:write")

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

    static let all: [APIRoute] = questionnaires + templates + sprints + settings + part2

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

// MARK: - Part 2: boards, tasks, comments, tags, teams, task templates

struct BoardMemberBody: Codable, Sendable {
    var role: BoardRole
}

struct ArchiveBody: Codable, Sendable {
    var archived: Bool
}

struct BoardColumnsBody: Codable, Sendable {
    var columns: [BoardColumnInputV1]
}

struct UpdateBoardBody: Codable, Sendable {
    var name: String?
    var description: String?
    var visibility: BoardVisibility?
    var teamId: String?
    var settings: BoardSettingsV1?
}

struct UpdateTaskBody: Codable, Sendable {
    var title: String?
    var description: String?
    var taskType: TaskType?
    var priority: TaskPriority?
    var status: TaskStatus?
    var assigneeId: String?
    var reporterId: String?
    var sprintId: String?
    var milestoneId: String?
    var dueDate: Date?
    var startDate: Date?
    var estimatedHours: Decimal?
    var clear: [ClearableTaskField]?
    var parentTaskId: String?
}

struct MoveTaskBody: Codable, Sendable {
    var columnId: String
    var position: Int?
}

struct ChecklistBody: Codable, Sendable {
    var itemId: String?
    var text: String?
    var isCompleted: Bool?
    var remove: Bool?
}

struct LogTimeBody: Codable, Sendable {
    var hours: Decimal
    var workedAt: Date?
    var note: String?
}

struct AttachmentBody: Codable, Sendable {
    var documentId: String
    var fileName: String
    var fileSize: Int?
    var mimeType: String?
}

struct ExternalLinkBody: Codable, Sendable {
    var title: String
    var url: String
    var description: String?
}

struct CommentBody: Codable, Sendable {
    var content: String
    var parentCommentId: String?
    var mentions: [String]?
    var attachments: [CommentAttachmentV1]?
}

struct EditCommentBody: Codable, Sendable {
    var content: String
    var mentions: [String]?
}

struct UpdateTagBody: Codable, Sendable {
    var name: String?
    var description: String?
    var color: String?
    var category: TagCategory?
    var isDefault: Bool?
    var isActive: Bool?
}

struct UpdateWorkTeamBody: Codable, Sendable {
    var name: String?
    var description: String?
    var department: String?
    var teamLeadId: String?
    var settings: WorkTeamSettingsV1?
    var isActive: Bool?
}

struct WorkTeamMemberBody: Codable, Sendable {
    var role: WorkTeamRole
    var isActive: Bool
}

struct UpdateTaskTemplateBody: Codable, Sendable {
    var name: String?
    var description: String?
    var template: TaskTemplateBodyV1?
    var isPublic: Bool?
    var isActive: Bool?
}

struct TaskFromTemplateBody: Codable, Sendable {
    var boardId: String
    var columnId: String?
    var fields: TemplateFieldsV1
}

extension WorkRoutes {
    static let boolean = JSONValue.object([("type", .string("boolean"))])

    /// The time report's query: scope, sprint, period.
    static let timeReportQuery = [
        QueryParameter(name: "scope", description: "sprint, milestone or person.", schema: enumeration(TimeReportScope.self)),
        QueryParameter(name: "sprintId", description: "Only this sprint (required for milestone).", schema: MessagingRoutes.idSchema),
        QueryParameter(name: "from", description: "From this instant (ISO 8601, inclusive).",
                       schema: .object([("type", .string("string")), ("format", .string("date-time"))])),
        QueryParameter(name: "to", description: "Until this instant (ISO 8601, exclusive).",
                       schema: .object([("type", .string("string")), ("format", .string("date-time"))])),
    ]

    /// `work.get-time-report` from the time report's query.
    static func timeReportCommand(_ call: RouteCall) throws -> GetTimeReportV1 {
        guard let scope = try enumQuery(call, "scope", TimeReportScope.self) else {
            throw ContractError.validation("scope is required: sprint, milestone or person", field: "scope")
        }
        return GetTimeReportV1(
            scope: scope, sprintId: call.query("sprintId"), from: try NutritionRoutes.instant(call, "from"), to: try NutritionRoutes.instant(call, "to"))
    }

    /// The time report as a CSV file (`text/csv`, an attachment named after the scope): the same
    /// query and rows as `getTimeReport`, one `key,hours,entries` line each after the header.
    static let timeReportDownload = APIRoute(
        method: .get, path: "/api/v1/tasks/time-report/csv", operationId: "downloadTimeReport",
        summary: "Hours logged per sprint, milestone (of one sprint) or person, as a CSV download (text/csv: key,hours,entries).", tag: "tasks",
        security: boardsRead, requestSchema: nil, responseSchema: { _ in .object([("type", .string("string"))]) }, successStatus: .ok,
        query: timeReportQuery, command: GetTimeReportV1.self
    ) { _, call in
        let report = try await call.ask(try timeReportCommand(call))
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"time-report-\(report.scope.rawValue).csv\"",
            .cacheControl: "private, no-store",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: report.csv)))
    }

    /// Part 2's routes: boards, tasks (with comments), tags, teams and task templates.
    static let part2: [APIRoute] = boards + tasks + taskParts + comments + tags + teams + taskTemplates

    static let boards: [APIRoute] = [
        .route(.post, "/api/v1/boards", operationId: "createBoard",
               summary: "Create a board owned by the caller: type, ordered columns (or a template's, or the standard four), visibility, settings.",
               tag: "boards", security: boardsWrite, body: CreateBoardV1.self, reply: BoardV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.get, "/api/v1/boards", operationId: "listBoards",
               summary: "The boards the caller owns or is on (or the board templates they may see), newest first.", tag: "boards",
               security: boardsRead, sends: ListBoardsV1.self, body: NoBody.self, reply: BoardPageV1.self,
               query: [QueryParameter(name: "boardType", description: "Only this type.", schema: enumeration(BoardType.self)),
                       QueryParameter(name: "templates", description: "true: board templates.", schema: boolean),
                       QueryParameter(name: "includeArchived", description: "true: archived boards too.", schema: boolean), cursor, limit]) { _, call in
            try await call.send(ListBoardsV1(
                boardType: try enumQuery(call, "boardType", BoardType.self), templates: try call.booleanQuery("templates"),
                includeArchived: try call.booleanQuery("includeArchived"), cursor: call.query("cursor"), limit: try call.integerQuery("limit")))
        },
        .route(.get, "/api/v1/boards/{boardId}", operationId: "getBoard",
               summary: "A board with its columns and each column's tasks in position order, and the caller's role.", tag: "boards",
               security: boardsRead, sends: GetBoardV1.self, body: NoBody.self, reply: BoardViewV1.self,
               query: [QueryParameter(name: "includeArchived", description: "true: archived tasks too.", schema: boolean)],
               pathParameters: ids("boardId")) { _, call in
            try await call.send(GetBoardV1(boardId: call.parameter("boardId"), includeArchived: try call.booleanQuery("includeArchived")))
        },
        .route(.patch, "/api/v1/boards/{boardId}", operationId: "updateBoard",
               summary: "Change a board's name, description, visibility, team or settings (board admins).", tag: "boards",
               security: boardsWrite, sends: UpdateBoardV1.self, body: UpdateBoardBody.self, reply: BoardV1.self, pathParameters: ids("boardId")) { body, call in
            try await call.send(UpdateBoardV1(
                boardId: call.parameter("boardId"), name: body.name, description: body.description, visibility: body.visibility, teamId: body.teamId,
                settings: body.settings))
        },
        .route(.put, "/api/v1/boards/{boardId}/columns", operationId: "setBoardColumns",
               summary: "Replace the ordered columns (ids keep columns; a column with tasks stays; board admins).", tag: "boards",
               security: boardsWrite, sends: SetBoardColumnsV1.self, body: BoardColumnsBody.self, reply: BoardV1.self, pathParameters: ids("boardId")) { body, call in
            try await call.send(SetBoardColumnsV1(boardId: call.parameter("boardId"), columns: body.columns))
        },
        .route(.put, "/api/v1/boards/{boardId}/members/{userId}", operationId: "setBoardMember",
               summary: "Put someone on the board with a role, or change it (board admins; members when the board allows).", tag: "boards",
               security: boardsWrite, sends: SetBoardMemberV1.self, body: BoardMemberBody.self, reply: BoardV1.self,
               pathParameters: ids("boardId", "userId")) { body, call in
            try await call.send(SetBoardMemberV1(boardId: call.parameter("boardId"), userId: call.parameter("userId"), role: body.role))
        },
        .route(.delete, "/api/v1/boards/{boardId}/members/{userId}", operationId: "removeBoardMember",
               summary: "Take someone off the board (board admins), or leave it.", tag: "boards",
               security: boardsWrite, sends: RemoveBoardMemberV1.self, body: NoBody.self, reply: BoardV1.self,
               pathParameters: ids("boardId", "userId")) { _, call in
            try await call.send(RemoveBoardMemberV1(boardId: call.parameter("boardId"), userId: call.parameter("userId")))
        },
        .route(.post, "/api/v1/boards/{boardId}/archive", operationId: "archiveBoard",
               summary: "Archive the board (read-only) or restore it (board admins).", tag: "boards",
               security: boardsWrite, sends: ArchiveBoardV1.self, body: ArchiveBody.self, reply: BoardV1.self, pathParameters: ids("boardId")) { body, call in
            try await call.send(ArchiveBoardV1(boardId: call.parameter("boardId"), archived: body.archived))
        },
    ]

    static let tasks: [APIRoute] = [
        .route(.post, "/api/v1/tasks", operationId: "createTask",
               summary: "Create a task in a column at a position (default column, at the end), within the WIP limit.", tag: "tasks",
               security: boardsWrite, body: CreateTaskV1.self, reply: TaskV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.get, "/api/v1/tasks", operationId: "listTasks",
               summary: "Tasks by query: mine (open, assigned to the caller), sprint, due_soon, tag, subtasks; only on boards the caller may see.",
               tag: "tasks", security: boardsRead, sends: ListTasksV1.self, body: NoBody.self, reply: TaskPageV1.self,
               query: [QueryParameter(name: "query", description: "Which tasks.", schema: enumeration(TaskQuery.self)),
                       QueryParameter(name: "status", description: "Only this status.", schema: enumeration(TaskStatus.self)),
                       QueryParameter(name: "sprintId", description: "The sprint (query=sprint).", schema: MessagingRoutes.idSchema),
                       QueryParameter(name: "tag", description: "The tag's name (query=tag).",
                                      schema: .object([("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(50))])),
                       QueryParameter(name: "parentTaskId", description: "The parent (query=subtasks).", schema: MessagingRoutes.idSchema),
                       QueryParameter(name: "withinHours", description: "1 to 720, default 24 (query=due_soon).",
                                      schema: .object([("type", .string("integer")), ("minimum", .integer(1)), ("maximum", .integer(720))])),
                       cursor, MessagingRoutes.limit(default: 50)]) { _, call in
            guard let query = try enumQuery(call, "query", TaskQuery.self) else {
                throw ContractError.validation("query is required: \(TaskQuery.allCases.map(\.rawValue).joined(separator: ", "))", field: "query")
            }
            return try await call.send(ListTasksV1(
                query: query, status: try enumQuery(call, "status", TaskStatus.self), sprintId: call.query("sprintId"), tag: call.query("tag"),
                parentTaskId: call.query("parentTaskId"), withinHours: try call.integerQuery("withinHours"), cursor: call.query("cursor"),
                limit: try call.integerQuery("limit")))
        },
        .route(.get, "/api/v1/tasks/time-report", operationId: "getTimeReport",
               summary: "Hours logged per sprint, milestone (of one sprint) or person, as rows and CSV.", tag: "tasks",
               security: boardsRead, sends: GetTimeReportV1.self, body: NoBody.self, reply: TimeReportV1.self, query: timeReportQuery) { _, call in
            try await call.send(try timeReportCommand(call))
        },
        timeReportDownload,
        .route(.get, "/api/v1/tasks/{taskId}", operationId: "getTask",
               summary: "A task on a board the caller may see.", tag: "tasks",
               security: boardsRead, sends: GetTaskV1.self, body: NoBody.self, reply: TaskV1.self, pathParameters: ids("taskId")) { _, call in
            try await call.send(GetTaskV1(taskId: call.parameter("taskId")))
        },
        .route(.patch, "/api/v1/tasks/{taskId}", operationId: "updateTask",
               summary: "Change a task (status, assignee, due date and priority changes write system comments; board members).", tag: "tasks",
               security: boardsWrite, sends: UpdateTaskV1.self, body: UpdateTaskBody.self, reply: TaskV1.self, pathParameters: ids("taskId")) { body, call in
            try await call.send(UpdateTaskV1(
                taskId: call.parameter("taskId"), title: body.title, description: body.description, taskType: body.taskType, priority: body.priority,
                status: body.status, assigneeId: body.assigneeId, reporterId: body.reporterId, sprintId: body.sprintId, milestoneId: body.milestoneId,
                dueDate: body.dueDate, startDate: body.startDate, estimatedHours: body.estimatedHours, clear: body.clear,
                parentTaskId: body.parentTaskId))
        },
        .route(.post, "/api/v1/tasks/{taskId}/move", operationId: "moveTask",
               summary: "Move a task to a position in a column in one step (positions stay dense; WIP limit; done needs dependencies done).", tag: "tasks",
               security: boardsWrite, sends: MoveTaskV1.self, body: MoveTaskBody.self, reply: TaskV1.self, pathParameters: ids("taskId")) { body, call in
            try await call.send(MoveTaskV1(taskId: call.parameter("taskId"), columnId: body.columnId, position: body.position))
        },
        .route(.post, "/api/v1/tasks/{taskId}/archive", operationId: "archiveTask",
               summary: "Archive a task (it leaves its column) or restore it at the end of its column.", tag: "tasks",
               security: boardsWrite, sends: ArchiveTaskV1.self, body: ArchiveBody.self, reply: TaskV1.self, pathParameters: ids("taskId")) { body, call in
            try await call.send(ArchiveTaskV1(taskId: call.parameter("taskId"), archived: body.archived))
        },
    ]

    static let taskParts: [APIRoute] = [
        .route(.put, "/api/v1/tasks/{taskId}/dependencies/{dependsOnTaskId}", operationId: "addTaskDependency",
               summary: "Make the task depend on another (itself or a cycle is refused).", tag: "tasks",
               security: boardsWrite, sends: AddTaskDependencyV1.self, body: NoBody.self, reply: TaskV1.self,
               pathParameters: ids("taskId", "dependsOnTaskId")) { _, call in
            try await call.send(AddTaskDependencyV1(taskId: call.parameter("taskId"), dependsOnTaskId: call.parameter("dependsOnTaskId")))
        },
        .route(.delete, "/api/v1/tasks/{taskId}/dependencies/{dependsOnTaskId}", operationId: "removeTaskDependency",
               summary: "Drop a dependency.", tag: "tasks",
               security: boardsWrite, sends: RemoveTaskDependencyV1.self, body: NoBody.self, reply: TaskV1.self,
               pathParameters: ids("taskId", "dependsOnTaskId")) { _, call in
            try await call.send(RemoveTaskDependencyV1(taskId: call.parameter("taskId"), dependsOnTaskId: call.parameter("dependsOnTaskId")))
        },
        .route(.post, "/api/v1/tasks/{taskId}/checklist", operationId: "changeChecklist",
               summary: "Add a checklist item (no itemId), or rename, complete, reopen or remove one; progress follows.", tag: "tasks",
               security: boardsWrite, sends: ChangeChecklistV1.self, body: ChecklistBody.self, reply: TaskV1.self, pathParameters: ids("taskId")) { body, call in
            try await call.send(ChangeChecklistV1(
                taskId: call.parameter("taskId"), itemId: body.itemId, text: body.text, isCompleted: body.isCompleted, remove: body.remove))
        },
        .route(.post, "/api/v1/tasks/{taskId}/worklog", operationId: "logTime",
               summary: "Log hours on a task (0 < hours ≤ 24) when the board tracks time.", tag: "tasks",
               security: boardsWrite, sends: LogTimeV1.self, body: LogTimeBody.self, reply: TaskV1.self, status: .created,
               pathParameters: ids("taskId")) { body, call in
            try await call.send(LogTimeV1(taskId: call.parameter("taskId"), hours: body.hours, workedAt: body.workedAt, note: body.note))
        },
        .route(.post, "/api/v1/tasks/{taskId}/attachments", operationId: "attachDocument",
               summary: "Attach a document (by its id in the documents service) to a task.", tag: "tasks",
               security: boardsWrite, sends: SetTaskAttachmentV1.self, body: AttachmentBody.self, reply: TaskV1.self, status: .created,
               pathParameters: ids("taskId")) { body, call in
            try await call.send(SetTaskAttachmentV1(
                taskId: call.parameter("taskId"), documentId: body.documentId, fileName: body.fileName, fileSize: body.fileSize, mimeType: body.mimeType))
        },
        .route(.delete, "/api/v1/tasks/{taskId}/attachments/{documentId}", operationId: "detachDocument",
               summary: "Detach a document from a task.", tag: "tasks",
               security: boardsWrite, sends: SetTaskAttachmentV1.self, body: NoBody.self, reply: TaskV1.self,
               pathParameters: ids("taskId", "documentId")) { _, call in
            try await call.send(SetTaskAttachmentV1(taskId: call.parameter("taskId"), documentId: call.parameter("documentId"), remove: true))
        },
        .route(.post, "/api/v1/tasks/{taskId}/links", operationId: "addExternalLink",
               summary: "Add an http(s) link to a task.", tag: "tasks",
               security: boardsWrite, sends: SetExternalLinkV1.self, body: ExternalLinkBody.self, reply: TaskV1.self, status: .created,
               pathParameters: ids("taskId")) { body, call in
            try await call.send(SetExternalLinkV1(taskId: call.parameter("taskId"), title: body.title, url: body.url, description: body.description))
        },
        .route(.delete, "/api/v1/tasks/{taskId}/links/{linkId}", operationId: "removeExternalLink",
               summary: "Remove a link from a task.", tag: "tasks",
               security: boardsWrite, sends: SetExternalLinkV1.self, body: NoBody.self, reply: TaskV1.self,
               pathParameters: ids("taskId", "linkId")) { _, call in
            try await call.send(SetExternalLinkV1(taskId: call.parameter("taskId"), linkId: call.parameter("linkId"), remove: true))
        },
        .route(.put, "/api/v1/tasks/{taskId}/tags/{tagId}", operationId: "addTaskTag",
               summary: "Put a tag on a task (its usage count follows).", tag: "tasks",
               security: boardsWrite, sends: SetTaskTagV1.self, body: NoBody.self, reply: TaskV1.self, pathParameters: ids("taskId", "tagId")) { _, call in
            try await call.send(SetTaskTagV1(taskId: call.parameter("taskId"), tagId: call.parameter("tagId")))
        },
        .route(.delete, "/api/v1/tasks/{taskId}/tags/{tagId}", operationId: "removeTaskTag",
               summary: "Take a tag off a task (its usage count follows).", tag: "tasks",
               security: boardsWrite, sends: SetTaskTagV1.self, body: NoBody.self, reply: TaskV1.self, pathParameters: ids("taskId", "tagId")) { _, call in
            try await call.send(SetTaskTagV1(taskId: call.parameter("taskId"), tagId: call.parameter("tagId"), remove: true))
        },
    ]

    static let comments: [APIRoute] = [
        .route(.post, "/api/v1/tasks/{taskId}/comments", operationId: "addComment",
               summary: "Comment on a task or reply to a comment; mentioned people are told (board members).", tag: "tasks",
               security: boardsWrite, sends: AddCommentV1.self, body: CommentBody.self, reply: TaskCommentV1.self, status: .created,
               pathParameters: ids("taskId")) { body, call in
            try await call.send(AddCommentV1(
                taskId: call.parameter("taskId"), content: body.content, parentCommentId: body.parentCommentId, mentions: body.mentions,
                attachments: body.attachments))
        },
        .route(.get, "/api/v1/tasks/{taskId}/comments", operationId: "listComments",
               summary: "A task's comments (people's and system ones), newest first.", tag: "tasks",
               security: boardsRead, sends: ListCommentsV1.self, body: NoBody.self, reply: TaskCommentPageV1.self,
               query: [cursor, MessagingRoutes.limit(default: 50)], pathParameters: ids("taskId")) { _, call in
            try await call.send(ListCommentsV1(taskId: call.parameter("taskId"), cursor: call.query("cursor"), limit: try call.integerQuery("limit")))
        },
        .route(.patch, "/api/v1/tasks/{taskId}/comments/{commentId}", operationId: "editComment",
               summary: "Edit one's comment; newly mentioned people are told.", tag: "tasks",
               security: boardsWrite, sends: EditCommentV1.self, body: EditCommentBody.self, reply: TaskCommentV1.self,
               pathParameters: ids("taskId", "commentId")) { body, call in
            try await call.send(EditCommentV1(commentId: call.parameter("commentId"), content: body.content, mentions: body.mentions))
        },
        .route(.delete, "/api/v1/tasks/{taskId}/comments/{commentId}", operationId: "deleteComment",
               summary: "Delete a comment softly (its author or a board admin).", tag: "tasks",
               security: boardsWrite, sends: DeleteCommentV1.self, body: NoBody.self, reply: TaskCommentV1.self,
               pathParameters: ids("taskId", "commentId")) { _, call in
            try await call.send(DeleteCommentV1(commentId: call.parameter("commentId")))
        },
    ]

    static let tags: [APIRoute] = [
        .route(.post, "/api/v1/tags", operationId: "createTag",
               summary: "Create a tag with a unique name: global (admins) or for boards the caller administers.", tag: "tags",
               security: boardsWrite, body: CreateTagV1.self, reply: TagV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.get, "/api/v1/tags", operationId: "listTags",
               summary: "Active tags: global ones and a board's, by name.", tag: "tags",
               security: boardsRead, sends: ListTagsV1.self, body: NoBody.self, reply: TagListV1.self,
               query: [QueryParameter(name: "boardId", description: "Also this board's tags.", schema: MessagingRoutes.idSchema),
                       QueryParameter(name: "category", description: "Only this category.", schema: enumeration(TagCategory.self))]) { _, call in
            try await call.send(ListTagsV1(boardId: call.query("boardId"), category: try enumQuery(call, "category", TagCategory.self)))
        },
        .route(.get, "/api/v1/tags/{tagId}", operationId: "getTag",
               summary: "A tag with its usage count.", tag: "tags",
               security: boardsRead, sends: GetTagV1.self, body: NoBody.self, reply: TagV1.self, pathParameters: ids("tagId")) { _, call in
            try await call.send(GetTagV1(tagId: call.parameter("tagId")))
        },
        .route(.patch, "/api/v1/tags/{tagId}", operationId: "updateTag",
               summary: "Rename (still unique), recolour, recategorise or (de)activate a tag (its creator or admins).", tag: "tags",
               security: boardsWrite, sends: UpdateTagV1.self, body: UpdateTagBody.self, reply: TagV1.self, pathParameters: ids("tagId")) { body, call in
            try await call.send(UpdateTagV1(
                tagId: call.parameter("tagId"), name: body.name, description: body.description, color: body.color, category: body.category,
                isDefault: body.isDefault, isActive: body.isActive))
        },
    ]

    static let teams: [APIRoute] = [
        .route(.post, "/api/v1/teams", operationId: "createWorkTeam",
               summary: "Create a team with a lead and settings (admins).", tag: "teams",
               security: boardsWrite, sends: CreateWorkTeamV1.self, body: CreateWorkTeamV1.self, reply: WorkTeamV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.get, "/api/v1/teams", operationId: "listWorkTeams",
               summary: "The teams the caller is in (all for admins), with metrics derived from their boards' tasks.", tag: "teams",
               security: boardsRead, sends: ListWorkTeamsV1.self, body: NoBody.self, reply: WorkTeamListV1.self,
               query: [QueryParameter(name: "department", description: "Only this department.",
                                      schema: .object([("type", .string("string")), ("maxLength", .integer(100))]))]) { _, call in
            try await call.send(ListWorkTeamsV1(department: call.query("department")))
        },
        .route(.get, "/api/v1/teams/{teamId}", operationId: "getWorkTeam",
               summary: "A team with metrics derived from its boards' tasks.", tag: "teams",
               security: boardsRead, sends: GetWorkTeamV1.self, body: NoBody.self, reply: WorkTeamV1.self, pathParameters: ids("teamId")) { _, call in
            try await call.send(GetWorkTeamV1(teamId: call.parameter("teamId")))
        },
        .route(.patch, "/api/v1/teams/{teamId}", operationId: "updateWorkTeam",
               summary: "Change a team's name, department, lead, settings or active flag (admins and its lead).", tag: "teams",
               security: boardsWrite, sends: UpdateWorkTeamV1.self, body: UpdateWorkTeamBody.self, reply: WorkTeamV1.self,
               pathParameters: ids("teamId")) { body, call in
            try await call.send(UpdateWorkTeamV1(
                teamId: call.parameter("teamId"), name: body.name, description: body.description, department: body.department,
                teamLeadId: body.teamLeadId, settings: body.settings, isActive: body.isActive))
        },
        .route(.put, "/api/v1/teams/{teamId}/members/{userId}", operationId: "setWorkTeamMember",
               summary: "Put someone in the team with a role, or change role or active flag (admins and its lead).", tag: "teams",
               security: boardsWrite, sends: SetWorkTeamMemberV1.self, body: WorkTeamMemberBody.self, reply: WorkTeamV1.self,
               pathParameters: ids("teamId", "userId")) { body, call in
            try await call.send(SetWorkTeamMemberV1(teamId: call.parameter("teamId"), userId: call.parameter("userId"), role: body.role, isActive: body.isActive))
        },
    ]

    static let taskTemplates: [APIRoute] = [
        .route(.post, "/api/v1/task-templates", operationId: "createTaskTemplate",
               summary: "Create a task template: own, public, a team's, or global (admins).", tag: "task-templates",
               security: boardsWrite, body: CreateTaskTemplateV1.self, reply: TaskTemplateV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.get, "/api/v1/task-templates", operationId: "listTaskTemplates",
               summary: "The task templates the caller may use, most used first.", tag: "task-templates",
               security: boardsRead, sends: ListTaskTemplatesV1.self, body: NoBody.self, reply: TaskTemplateListV1.self,
               query: [QueryParameter(name: "category", description: "Only this category.", schema: enumeration(TaskTemplateCategory.self))]) { _, call in
            try await call.send(ListTaskTemplatesV1(category: try enumQuery(call, "category", TaskTemplateCategory.self)))
        },
        .route(.patch, "/api/v1/task-templates/{templateId}", operationId: "updateTaskTemplate",
               summary: "Change a task template (its creator or admins).", tag: "task-templates",
               security: boardsWrite, sends: UpdateTaskTemplateV1.self, body: UpdateTaskTemplateBody.self, reply: TaskTemplateV1.self,
               pathParameters: ids("templateId")) { body, call in
            try await call.send(UpdateTaskTemplateV1(
                templateId: call.parameter("templateId"), name: body.name, description: body.description, template: body.template,
                isPublic: body.isPublic, isActive: body.isActive))
        },
        .route(.post, "/api/v1/task-templates/{templateId}/tasks", operationId: "createTaskFromTemplate",
               summary: "Create a task from a template: required fields enforced, checklist and tags copied, usage counted.", tag: "task-templates",
               security: boardsWrite, sends: CreateTaskFromTemplateV1.self, body: TaskFromTemplateBody.self, reply: TaskV1.self, status: .created,
               pathParameters: ids("templateId")) { body, call in
            try await call.send(CreateTaskFromTemplateV1(
                templateId: call.parameter("templateId"), boardId: body.boardId, columnId: body.columnId, fields: body.fields))
        },
    ]
}

extension BoardType: OpenAPIEnumeration {}
extension ColumnType: OpenAPIEnumeration {}
extension BoardRole: OpenAPIEnumeration {}
extension BoardVisibility: OpenAPIEnumeration {}
extension TaskType: OpenAPIEnumeration {}
extension TaskPriority: OpenAPIEnumeration {}
extension TaskStatus: OpenAPIEnumeration {}
extension CommentType: OpenAPIEnumeration {}
extension ActivityType: OpenAPIEnumeration {}
extension TagCategory: OpenAPIEnumeration {}
extension WorkTeamRole: OpenAPIEnumeration {}
extension TaskTemplateCategory: OpenAPIEnumeration {}
extension TimeReportScope: OpenAPIEnumeration {}
extension TemplateField: OpenAPIEnumeration {}
extension ClearableTaskField: OpenAPIEnumeration {}
extension TaskQuery: OpenAPIEnumeration {}
