import Foundation

// Commands of the work service, part 1. The caller is `envelope.actor` (set by the gateway from a
// verified token), never a field of the body; who is an admin, work learns from identity's events.

private let exampleQuestionnaire = QuestionnaireV1.example.id
private let exampleSprint = SprintV1.example.id
private let exampleTemplate = ServiceTemplateV1.example.id
private let exampleUser = "665f1a0b9b1d4a0012ab9999"
private let exampleDate = Date(timeIntervalSince1970: 1_767_225_600)

// MARK: - Questionnaires

/// Starts a draft questionnaire owned by the caller, optionally with its first step.
public struct CreateQuestionnaireV1: WorkCommand, Equatable {
    public typealias Reply = QuestionnaireV1
    public static let messageType = MessageType("work.create-questionnaire", version: 1)
    public static let summary = "Starts a draft questionnaire owned by the caller (optionally with step 1, validated)."
    public static let example = CreateQuestionnaireV1(basicInfo: .example)

    public var basicInfo: BasicInfoV1?

    public init(basicInfo: BasicInfoV1? = nil) { self.basicInfo = basicInfo }
}

/// Saves step 1 (basic information) of the caller's draft.
public struct SaveBasicInfoV1: WorkCommand, Equatable {
    public typealias Reply = QuestionnaireV1
    public static let messageType = MessageType("work.save-basic-info", version: 1)
    public static let summary = "Saves step 1, basic information, of the caller's draft (every field validated)."
    public static let example = SaveBasicInfoV1(questionnaireId: exampleQuestionnaire, basicInfo: .example)

    public var questionnaireId: String
    public var basicInfo: BasicInfoV1

    public init(questionnaireId: String, basicInfo: BasicInfoV1) {
        self.questionnaireId = questionnaireId
        self.basicInfo = basicInfo
    }
}

/// Saves step 2 (requirements and budget) of the caller's draft.
public struct SaveRequirementsV1: WorkCommand, Equatable {
    public typealias Reply = QuestionnaireV1
    public static let messageType = MessageType("work.save-requirements", version: 1)
    public static let summary = "Saves step 2, requirements and budget, of the caller's draft (every field validated)."
    public static let example = SaveRequirementsV1(questionnaireId: exampleQuestionnaire, requirements: .example)

    public var questionnaireId: String
    public var requirements: RequirementsV1

    public init(questionnaireId: String, requirements: RequirementsV1) {
        self.questionnaireId = questionnaireId
        self.requirements = requirements
    }
}

/// Saves step 3 (service selection) of the caller's draft.
public struct SaveServiceSelectionV1: WorkCommand, Equatable {
    public typealias Reply = QuestionnaireV1
    public static let messageType = MessageType("work.save-service-selection", version: 1)
    public static let summary = "Saves step 3, the service (an active template) or a custom request, of the caller's draft."
    public static let example = SaveServiceSelectionV1(questionnaireId: exampleQuestionnaire, serviceSelection: .example)

    public var questionnaireId: String
    public var serviceSelection: ServiceSelectionV1

    public init(questionnaireId: String, serviceSelection: ServiceSelectionV1) {
        self.questionnaireId = questionnaireId
        self.serviceSelection = serviceSelection
    }
}

/// Submits the caller's complete draft for review.
public struct SubmitQuestionnaireV1: WorkCommand, Equatable {
    public typealias Reply = QuestionnaireV1
    public static let messageType = MessageType("work.submit-questionnaire", version: 1)
    public static let summary = "Submits the caller's draft once its three steps are complete; the admins are told."
    public static let example = SubmitQuestionnaireV1(questionnaireId: exampleQuestionnaire)

    public var questionnaireId: String

    public init(questionnaireId: String) { self.questionnaireId = questionnaireId }
}

/// An admin approves (creating its sprint) or rejects a submitted questionnaire.
public struct ReviewQuestionnaireV1: WorkCommand, Equatable {
    public typealias Reply = QuestionnaireReviewV1
    public static let messageType = MessageType("work.review-questionnaire", version: 1)
    public static let summary = "An admin approves a submitted questionnaire (creating its one sprint) or rejects it with a reason."
    public static let example = ReviewQuestionnaireV1(questionnaireId: exampleQuestionnaire, decision: .approve, adminNotes: "Good fit", rejectionReason: nil)

    public var questionnaireId: String
    public var decision: ReviewDecision
    /// At most 2,000 characters.
    public var adminNotes: String?
    /// Required to reject, 1 to 1,000 characters.
    public var rejectionReason: String?

    public init(questionnaireId: String, decision: ReviewDecision, adminNotes: String? = nil, rejectionReason: String? = nil) {
        self.questionnaireId = questionnaireId
        self.decision = decision
        self.adminNotes = adminNotes
        self.rejectionReason = rejectionReason
    }
}

/// One questionnaire the caller may see.
public struct GetQuestionnaireV1: WorkCommand, Equatable {
    public typealias Reply = QuestionnaireV1
    public static let messageType = MessageType("work.get-questionnaire", version: 1)
    public static let summary = "A questionnaire of the caller's own, or any for an admin (not_found otherwise)."
    public static let example = GetQuestionnaireV1(questionnaireId: exampleQuestionnaire)

    public var questionnaireId: String

    public init(questionnaireId: String) { self.questionnaireId = questionnaireId }
}

/// A page of the questionnaires the caller may see.
public struct ListQuestionnairesV1: WorkCommand, Equatable {
    public typealias Reply = QuestionnairePageV1
    public static let messageType = MessageType("work.list-questionnaires", version: 1)
    public static let summary = "The caller's questionnaires (all of them for an admin), newest first, optionally of one status."
    public static let example = ListQuestionnairesV1(status: .submitted, cursor: nil, limit: 20)

    public var status: QuestionnaireStatus?
    public var cursor: String?
    /// 1 to 100, default 20.
    public var limit: Int?

    public init(status: QuestionnaireStatus? = nil, cursor: String? = nil, limit: Int? = nil) {
        self.status = status
        self.cursor = cursor
        self.limit = limit
    }
}

// MARK: - Service templates

/// What an admin gives a service template (create and update).
public struct ServiceTemplateInputV1: Codable, Sendable, Equatable {
    /// 1 to 100 characters.
    public var name: String
    /// At most 2,000 characters.
    public var description: String?
    public var category: TemplateCategory
    /// Days, 1 to 3,650.
    public var defaultDuration: Int
    /// 1 to 100.
    public var recommendedTeamSize: Int
    public var packages: [TemplatePackageV1]
    public var requiredDocuments: [DocumentRequirementV1]
    public var defaultMilestones: [TemplateMilestoneV1]
    /// Default true.
    public var isActive: Bool?

    public static let example = ServiceTemplateInputV1(
        name: "MVP in 8 weeks", description: "From idea to a working product", category: .mvp, defaultDuration: 56, recommendedTeamSize: 3,
        packages: [.example], requiredDocuments: [.example], defaultMilestones: [.example], isActive: true)

    public init(
        name: String, description: String?, category: TemplateCategory, defaultDuration: Int, recommendedTeamSize: Int,
        packages: [TemplatePackageV1], requiredDocuments: [DocumentRequirementV1], defaultMilestones: [TemplateMilestoneV1], isActive: Bool?
    ) {
        self.name = name
        self.description = description
        self.category = category
        self.defaultDuration = defaultDuration
        self.recommendedTeamSize = recommendedTeamSize
        self.packages = packages
        self.requiredDocuments = requiredDocuments
        self.defaultMilestones = defaultMilestones
        self.isActive = isActive
    }
}

/// An admin creates a service template.
public struct CreateServiceTemplateV1: WorkCommand, Equatable {
    public typealias Reply = ServiceTemplateV1
    public static let messageType = MessageType("work.create-service-template", version: 1)
    public static let summary = "An admin creates a service template with packages, required documents and milestones by day offset."
    public static let example = CreateServiceTemplateV1(template: .example)

    public var template: ServiceTemplateInputV1

    public init(template: ServiceTemplateInputV1) { self.template = template }
}

/// An admin replaces a service template's configuration (sprints made from it keep theirs).
public struct UpdateServiceTemplateV1: WorkCommand, Equatable {
    public typealias Reply = ServiceTemplateV1
    public static let messageType = MessageType("work.update-service-template", version: 1)
    public static let summary = "An admin replaces a template's configuration or (de)activates it; existing sprints keep theirs."
    public static let example = UpdateServiceTemplateV1(templateId: exampleTemplate, template: .example)

    public var templateId: String
    public var template: ServiceTemplateInputV1

    public init(templateId: String, template: ServiceTemplateInputV1) {
        self.templateId = templateId
        self.template = template
    }
}

/// One service template.
public struct GetServiceTemplateV1: WorkCommand, Equatable {
    public typealias Reply = ServiceTemplateV1
    public static let messageType = MessageType("work.get-service-template", version: 1)
    public static let summary = "A service template (clients see active ones only)."
    public static let example = GetServiceTemplateV1(templateId: exampleTemplate)

    public var templateId: String

    public init(templateId: String) { self.templateId = templateId }
}

/// The service templates, by name.
public struct ListServiceTemplatesV1: WorkCommand, Equatable {
    public typealias Reply = ServiceTemplateListV1
    public static let messageType = MessageType("work.list-service-templates", version: 1)
    public static let summary = "Service templates by name, optionally of one category; clients see active ones, admins may ask for inactive ones too."
    public static let example = ListServiceTemplatesV1(category: .mvp, includeInactive: false)

    public var category: TemplateCategory?
    /// Admins only.
    public var includeInactive: Bool?

    public init(category: TemplateCategory? = nil, includeInactive: Bool? = nil) {
        self.category = category
        self.includeInactive = includeInactive
    }
}

// MARK: - Sprints

/// One sprint the caller may see.
public struct GetSprintV1: WorkCommand, Equatable {
    public typealias Reply = SprintV1
    public static let messageType = MessageType("work.get-sprint", version: 1)
    public static let summary = "A sprint of the caller's (as client or team member), or any for an admin (not_found otherwise)."
    public static let example = GetSprintV1(sprintId: exampleSprint)

    public var sprintId: String

    public init(sprintId: String) { self.sprintId = sprintId }
}

/// A page of the sprints the caller may see.
public struct ListSprintsV1: WorkCommand, Equatable {
    public typealias Reply = SprintPageV1
    public static let messageType = MessageType("work.list-sprints", version: 1)
    public static let summary = "The caller's sprints (as client or team member; all for an admin), newest first, optionally of one status."
    public static let example = ListSprintsV1(status: .active, cursor: nil, limit: 20)

    public var status: SprintStatus?
    public var cursor: String?
    /// 1 to 100, default 20.
    public var limit: Int?

    public init(status: SprintStatus? = nil, cursor: String? = nil, limit: Int? = nil) {
        self.status = status
        self.cursor = cursor
        self.limit = limit
    }
}

/// An admin configures a sprint before it is scheduled (what a template would have given it).
public struct ConfigureSprintV1: WorkCommand, Equatable {
    public typealias Reply = SprintV1
    public static let messageType = MessageType("work.configure-sprint", version: 1)
    public static let summary = "An admin sets a sprint's name, description, type, duration, required documents or packages before it is scheduled."
    public static let example = ConfigureSprintV1(
        sprintId: exampleSprint, name: "Fernway MVP", description: nil, type: .mvp, estimatedDuration: 56, requiredDocuments: [.example],
        packageOptions: [.example])

    public var sprintId: String
    public var name: String?
    public var description: String?
    public var type: SprintType?
    /// Days, 1 to 3,650.
    public var estimatedDuration: Int?
    /// Replaces the list (documents already answered keep their state).
    public var requiredDocuments: [DocumentRequirementV1]?
    /// Replaces the list; clears the selection when the selected package is gone.
    public var packageOptions: [PackageOptionInputV1]?

    public init(
        sprintId: String, name: String? = nil, description: String? = nil, type: SprintType? = nil, estimatedDuration: Int? = nil,
        requiredDocuments: [DocumentRequirementV1]? = nil, packageOptions: [PackageOptionInputV1]? = nil
    ) {
        self.sprintId = sprintId
        self.name = name
        self.description = description
        self.type = type
        self.estimatedDuration = estimatedDuration
        self.requiredDocuments = requiredDocuments
        self.packageOptions = packageOptions
    }
}

/// Moves a sprint through its state machine (every move is checked).
public struct ChangeSprintStatusV1: WorkCommand, Equatable {
    public typealias Reply = SprintV1
    public static let messageType = MessageType("work.change-sprint-status", version: 1)
    public static let summary = "An admin moves a sprint to another status; the machine and its rules (documents, package, start date, kickoff, milestones) are checked."
    public static let example = ChangeSprintStatusV1(sprintId: exampleSprint, status: .active, reason: nil)

    public var sprintId: String
    public var status: SprintStatus
    /// At most 1,000 characters.
    public var reason: String?

    public init(sprintId: String, status: SprintStatus, reason: String? = nil) {
        self.sprintId = sprintId
        self.status = status
        self.reason = reason
    }
}

/// The client (or an admin) picks one of the sprint's packages.
public struct SelectPackageV1: WorkCommand, Equatable {
    public typealias Reply = SprintV1
    public static let messageType = MessageType("work.select-package", version: 1)
    public static let summary = "The sprint's client (or an admin) picks one of its package options while it is in package_selection."
    public static let example = SelectPackageV1(sprintId: exampleSprint, packageId: PackageOptionV1.example.id)

    public var sprintId: String
    public var packageId: String

    public init(sprintId: String, packageId: String) {
        self.sprintId = sprintId
        self.packageId = packageId
    }
}

/// An admin gives the sprint its start date and schedules it.
public struct ScheduleSprintV1: WorkCommand, Equatable {
    public typealias Reply = SprintV1
    public static let messageType = MessageType("work.schedule-sprint", version: 1)
    public static let summary = "An admin sets the start date (placing template milestones by day offset) and moves package_selection to scheduled."
    public static let example = ScheduleSprintV1(sprintId: exampleSprint, startDate: exampleDate)

    public var sprintId: String
    public var startDate: Date

    public init(sprintId: String, startDate: Date) {
        self.sprintId = sprintId
        self.startDate = startDate
    }
}

/// An admin adds or changes a team member (allocations over overlapping open sprints stay ≤ 100 %).
public struct AssignTeamMemberV1: WorkCommand, Equatable {
    public typealias Reply = SprintV1
    public static let messageType = MessageType("work.assign-team-member", version: 1)
    public static let summary = "An admin puts someone on a sprint's team with a role and an allocation; one person's overlapping open sprints never exceed 100 %."
    public static let example = AssignTeamMemberV1(sprintId: exampleSprint, userId: exampleUser, role: .developer, allocation: 50)

    public var sprintId: String
    public var userId: String
    public var role: TeamRole
    /// Percent, 1 to 100.
    public var allocation: Int

    public init(sprintId: String, userId: String, role: TeamRole, allocation: Int) {
        self.sprintId = sprintId
        self.userId = userId
        self.role = role
        self.allocation = allocation
    }
}

/// An admin takes someone off a sprint's team.
public struct RemoveTeamMemberV1: WorkCommand, Equatable {
    public typealias Reply = SprintV1
    public static let messageType = MessageType("work.remove-team-member", version: 1)
    public static let summary = "An admin takes someone off a sprint's team."
    public static let example = RemoveTeamMemberV1(sprintId: exampleSprint, userId: exampleUser)

    public var sprintId: String
    public var userId: String

    public init(sprintId: String, userId: String) {
        self.sprintId = sprintId
        self.userId = userId
    }
}

/// An admin adds a milestone.
public struct AddMilestoneV1: WorkCommand, Equatable {
    public typealias Reply = SprintV1
    public static let messageType = MessageType("work.add-milestone", version: 1)
    public static let summary = "An admin adds a milestone with a due date on or after the sprint's start, and deliverables."
    public static let example = AddMilestoneV1(
        sprintId: exampleSprint, name: "Launch", description: "Public launch", dueDate: exampleDate.addingTimeInterval(40 * 86_400),
        deliverables: ["App store listing"])

    public var sprintId: String
    /// 1 to 100 characters.
    public var name: String
    public var description: String?
    /// On or after the sprint's start date.
    public var dueDate: Date
    public var deliverables: [String]

    public init(sprintId: String, name: String, description: String? = nil, dueDate: Date, deliverables: [String] = []) {
        self.sprintId = sprintId
        self.name = name
        self.description = description
        self.dueDate = dueDate
        self.deliverables = deliverables
    }
}

/// An admin or a team member moves a milestone on, with deliverables and notes.
public struct UpdateMilestoneV1: WorkCommand, Equatable {
    public typealias Reply = SprintV1
    public static let messageType = MessageType("work.update-milestone", version: 1)
    public static let summary = "An admin or team member moves a milestone (pending → in_progress → completed) or changes its deliverables, notes or due date."
    public static let example = UpdateMilestoneV1(
        sprintId: exampleSprint, milestoneId: MilestoneV1.example.id, status: .completed, dueDate: nil, deliverables: ["Figma file"], notes: "Signed off")

    public var sprintId: String
    public var milestoneId: String
    public var status: MilestoneStatus?
    public var dueDate: Date?
    public var deliverables: [String]?
    /// At most 2,000 characters.
    public var notes: String?

    public init(
        sprintId: String, milestoneId: String, status: MilestoneStatus? = nil, dueDate: Date? = nil, deliverables: [String]? = nil,
        notes: String? = nil
    ) {
        self.sprintId = sprintId
        self.milestoneId = milestoneId
        self.status = status
        self.dueDate = dueDate
        self.deliverables = deliverables
        self.notes = notes
    }
}

/// An admin schedules a meeting of the sprint.
public struct ScheduleMeetingV1: WorkCommand, Equatable {
    public typealias Reply = SprintV1
    public static let messageType = MessageType("work.schedule-meeting", version: 1)
    public static let summary = "An admin schedules a kickoff, weekly, review or final meeting with a link and attendees; the attendees are told."
    public static let example = ScheduleMeetingV1(
        sprintId: exampleSprint, type: .kickoff, scheduledAt: exampleDate, meetingUrl: "https://meet.example.com/fernway", attendees: nil)

    public var sprintId: String
    public var type: MeetingType
    public var scheduledAt: Date
    /// An http(s) link.
    public var meetingUrl: String?
    /// Default: the client, the admin and the team.
    public var attendees: [String]?

    public init(sprintId: String, type: MeetingType, scheduledAt: Date, meetingUrl: String? = nil, attendees: [String]? = nil) {
        self.sprintId = sprintId
        self.type = type
        self.scheduledAt = scheduledAt
        self.meetingUrl = meetingUrl
        self.attendees = attendees
    }
}

/// An admin records how a meeting went (or cancels it).
public struct UpdateMeetingV1: WorkCommand, Equatable {
    public typealias Reply = SprintV1
    public static let messageType = MessageType("work.update-meeting", version: 1)
    public static let summary = "An admin marks a scheduled meeting completed or cancelled, with notes and recording links."
    public static let example = UpdateMeetingV1(
        sprintId: exampleSprint, meetingId: MeetingV1.example.id, status: .completed, notes: "Scope agreed", recordings: ["https://rec.example.com/1"])

    public var sprintId: String
    public var meetingId: String
    public var status: MeetingStatus?
    public var notes: String?
    public var recordings: [String]?

    public init(sprintId: String, meetingId: String, status: MeetingStatus? = nil, notes: String? = nil, recordings: [String]? = nil) {
        self.sprintId = sprintId
        self.meetingId = meetingId
        self.status = status
        self.notes = notes
        self.recordings = recordings
    }
}

// MARK: - System settings

/// An admin creates a system setting.
public struct CreateSettingV1: WorkCommand, Equatable {
    public typealias Reply = SettingV1
    public static let messageType = MessageType("work.create-setting", version: 1)
    public static let summary = "An admin creates a setting with a unique key; its value must match validationType and validationRules."
    public static let example = CreateSettingV1(
        key: "limits.max_team_size", value: .integer(8), category: .limits, description: "Largest team one sprint may have", isEditable: true,
        validationType: .number, validationRules: .example)

    /// 1 to 100 characters: letters, digits, `.`, `_`, `-`.
    public var key: String
    public var value: SettingValueV1
    public var category: SettingCategory
    public var description: String?
    /// Default true.
    public var isEditable: Bool?
    public var validationType: SettingValidationType
    public var validationRules: SettingRulesV1?

    public init(
        key: String, value: SettingValueV1, category: SettingCategory, description: String? = nil, isEditable: Bool? = nil,
        validationType: SettingValidationType, validationRules: SettingRulesV1? = nil
    ) {
        self.key = key
        self.value = value
        self.category = category
        self.description = description
        self.isEditable = isEditable
        self.validationType = validationType
        self.validationRules = validationRules
    }
}

/// An admin changes an editable setting's value.
public struct UpdateSettingV1: WorkCommand, Equatable {
    public typealias Reply = SettingV1
    public static let messageType = MessageType("work.update-setting", version: 1)
    public static let summary = "An admin changes an editable setting's value (validated by its type and rules); who and when are recorded."
    public static let example = UpdateSettingV1(key: "limits.max_team_size", value: .integer(10))

    public var key: String
    public var value: SettingValueV1

    public init(key: String, value: SettingValueV1) {
        self.key = key
        self.value = value
    }
}

/// One system setting.
public struct GetSettingV1: WorkCommand, Equatable {
    public typealias Reply = SettingV1
    public static let messageType = MessageType("work.get-setting", version: 1)
    public static let summary = "A system setting by key (admins)."
    public static let example = GetSettingV1(key: "limits.max_team_size")

    public var key: String

    public init(key: String) { self.key = key }
}

/// The system settings.
public struct ListSettingsV1: WorkCommand, Equatable {
    public typealias Reply = SettingListV1
    public static let messageType = MessageType("work.list-settings", version: 1)
    public static let summary = "System settings by key, optionally of one category (admins)."
    public static let example = ListSettingsV1(category: .limits)

    public var category: SettingCategory?

    public init(category: SettingCategory? = nil) { self.category = category }
}
