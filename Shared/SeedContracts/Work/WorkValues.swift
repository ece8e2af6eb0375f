import Foundation

// Values of the work service, part 1 (seed 000): questionnaires, sprints (team, required documents,
// packages, milestones, progress, meetings), service templates and system settings.

private let exampleSprint = "665f20009b1d4a0012ab0001"
private let exampleClient = "665f1a0b9b1d4a0012ab1234"
private let exampleAdmin = "665f1a0b9b1d4a0012ab0042"
private let exampleMember = "665f1a0b9b1d4a0012ab9999"
private let exampleDate = Date(timeIntervalSince1970: 1_767_225_600)

// MARK: - Enumerations

/// Where a questionnaire stands (seed 000 `status`): draft → submitted → approved | rejected.
public enum QuestionnaireStatus: String, Codable, Sendable, CaseIterable {
    case draft
    case submitted
    case approved
    case rejected
}

/// How much time the founder gives the startup (seed 000 `basicInfo.timeCommitment`).
public enum TimeCommitment: String, Codable, Sendable, CaseIterable {
    case fullTime = "full-time"
    case partTime = "part-time"
}

/// An admin's decision on a submitted questionnaire.
public enum ReviewDecision: String, Codable, Sendable, CaseIterable {
    case approve
    case reject
}

/// Where a sprint stands (seed 000 `status`); docs/work.md draws the machine.
public enum SprintStatus: String, Codable, Sendable, CaseIterable {
    case created
    case documentsRequired = "documents_required"
    case packageSelection = "package_selection"
    case scheduled
    case active
    case completed
    case paused
    case cancelled
}

/// What kind of sprint (seed 000 `type`).
public enum SprintType: String, Codable, Sendable, CaseIterable {
    case mvp
    case validation
    case branding
    case custom
}

/// A team member's part in a sprint (seed 000 `assignedTeam.role`).
public enum TeamRole: String, Codable, Sendable, CaseIterable {
    case lead
    case developer
    case designer
    case consultant
}

/// What a required document asks for (seed 000 `requiredDocuments.fieldType`).
public enum DocumentFieldType: String, Codable, Sendable, CaseIterable {
    case file
    case text
    case textarea
    case url
}

/// Where a required document stands in the sprint's checklist, learned from the documents service.
public enum RequirementStatus: String, Codable, Sendable, CaseIterable {
    /// Nothing uploaded yet.
    case missing
    /// Uploaded; the newest version awaits review.
    case pendingReview = "pending_review"
    case approved
    case rejected
    case needsRevision = "needs_revision"
}

/// How closely the team keeps in touch (seed 000 `packageOptions.communicationLevel`).
public enum CommunicationLevel: String, Codable, Sendable, CaseIterable {
    case basic
    case regular
    case premium
}

/// Where a milestone stands (seed 000 `milestones.status`): pending → in_progress → completed;
/// the sweep marks a late one `overdue`.
public enum MilestoneStatus: String, Codable, Sendable, CaseIterable {
    case pending
    case inProgress = "in_progress"
    case completed
    case overdue
}

/// What a meeting is for (seed 000 `meetings.type`).
public enum MeetingType: String, Codable, Sendable, CaseIterable {
    case kickoff
    case weekly
    case review
    case final
}

/// Where a meeting stands (seed 000 `meetings.status`).
public enum MeetingStatus: String, Codable, Sendable, CaseIterable {
    case scheduled
    case completed
    case cancelled
}

/// What a service template offers (seed 000 `service_templates.category`).
public enum TemplateCategory: String, Codable, Sendable, CaseIterable {
    case mvp
    case validation
    case branding
    case consulting
}

/// What a system setting configures (seed 000 `system_settings.category`).
public enum SettingCategory: String, Codable, Sendable, CaseIterable {
    case email
    case sms
    case integrations
    case limits
}

/// The type a setting's value must have (seed 000 `validationType`).
public enum SettingValidationType: String, Codable, Sendable, CaseIterable {
    case string
    case number
    case boolean
    case email
    case url
}

// MARK: - Questionnaires

/// Step 1: basic information (seed 000 `basicInfo`).
public struct BasicInfoV1: Codable, Sendable, Equatable {
    /// 1 to 100 characters.
    public var startupName: String?
    /// 1 to 100 characters.
    public var taskType: String?
    /// 10 to 5,000 characters.
    public var taskDescription: String?
    /// 1 to 100 characters (idea, pre-seed, …).
    public var startupStage: String?
    /// 1 to 2,000 characters.
    public var keyGoals: String?
    public var timeCommitment: TimeCommitment?

    public static let example = BasicInfoV1(
        startupName: "Fernway", taskType: "Build an MVP", taskDescription: "A booking app for independent ferry operators.",
        startupStage: "idea", keyGoals: "Ten paying operators by summer", timeCommitment: .fullTime)

    public init(
        startupName: String?, taskType: String?, taskDescription: String?, startupStage: String?, keyGoals: String?, timeCommitment: TimeCommitment?
    ) {
        self.startupName = startupName
        self.taskType = taskType
        self.taskDescription = taskDescription
        self.startupStage = startupStage
        self.keyGoals = keyGoals
        self.timeCommitment = timeCommitment
    }
}

/// Step 2: requirements and budget (seed 000 `requirements`).
public struct RequirementsV1: Codable, Sendable, Equatable {
    /// The milestone types wanted: 1 to 20, each 1 to 100 characters.
    public var milestones: [String]?
    /// At most 500 characters.
    public var customMilestone: String?
    /// 1 to 100 characters.
    public var timeline: String?
    /// 1 to 100 characters.
    public var budgetRange: String?

    public static let example = RequirementsV1(
        milestones: ["prototype", "launch"], customMilestone: nil, timeline: "8 weeks", budgetRange: "$10k-$25k")

    public init(milestones: [String]?, customMilestone: String?, timeline: String?, budgetRange: String?) {
        self.milestones = milestones
        self.customMilestone = customMilestone
        self.timeline = timeline
        self.budgetRange = budgetRange
    }
}

/// Step 3: the service chosen (seed 000 `serviceSelection`): an active template's id, or a custom
/// request.
public struct ServiceSelectionV1: Codable, Sendable, Equatable {
    /// The id of an active service template (required unless `isCustom`).
    public var selectedService: String?
    /// What the client asks for, 10 to 2,000 characters (required when `isCustom`).
    public var customRequest: String?
    public var isCustom: Bool?

    public static let example = ServiceSelectionV1(selectedService: "665f10009b1d4a0012ab0001", customRequest: nil, isCustom: false)

    public init(selectedService: String?, customRequest: String?, isCustom: Bool?) {
        self.selectedService = selectedService
        self.customRequest = customRequest
        self.isCustom = isCustom
    }
}

/// A questionnaire as its owner and the admins see it.
public struct QuestionnaireV1: Message, Equatable {
    public static let messageType = MessageType("work.questionnaire", version: 1)
    public static let summary = "A client's questionnaire: its three steps, status and the admin's review."
    public static let example = QuestionnaireV1(
        id: "665f15009b1d4a0012ab0001", userId: exampleClient, status: .submitted, basicInfo: .example, requirements: .example,
        serviceSelection: .example, adminNotes: nil, reviewedBy: nil, reviewedAt: nil, rejectionReason: nil, sprintId: nil,
        createdAt: exampleDate, updatedAt: exampleDate)

    public var id: String
    /// The client who owns it.
    public var userId: String
    public var status: QuestionnaireStatus
    public var basicInfo: BasicInfoV1?
    public var requirements: RequirementsV1?
    public var serviceSelection: ServiceSelectionV1?
    public var adminNotes: String?
    public var reviewedBy: String?
    public var reviewedAt: Date?
    public var rejectionReason: String?
    /// The sprint its approval created.
    public var sprintId: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, userId: String, status: QuestionnaireStatus, basicInfo: BasicInfoV1?, requirements: RequirementsV1?,
        serviceSelection: ServiceSelectionV1?, adminNotes: String?, reviewedBy: String?, reviewedAt: Date?, rejectionReason: String?,
        sprintId: String?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.userId = userId
        self.status = status
        self.basicInfo = basicInfo
        self.requirements = requirements
        self.serviceSelection = serviceSelection
        self.adminNotes = adminNotes
        self.reviewedBy = reviewedBy
        self.reviewedAt = reviewedAt
        self.rejectionReason = rejectionReason
        self.sprintId = sprintId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A page of questionnaires, newest first.
public struct QuestionnairePageV1: Message, Equatable {
    public static let messageType = MessageType("work.questionnaire-page", version: 1)
    public static let summary = "Questionnaires the caller may see, newest first, with the cursor of the next page."
    public static let example = QuestionnairePageV1(questionnaires: [.example], nextCursor: nil)

    public var questionnaires: [QuestionnaireV1]
    public var nextCursor: String?

    public init(questionnaires: [QuestionnaireV1], nextCursor: String?) {
        self.questionnaires = questionnaires
        self.nextCursor = nextCursor
    }
}

/// What reviewing a questionnaire did: the questionnaire, and the sprint an approval created.
public struct QuestionnaireReviewV1: Message, Equatable {
    public static let messageType = MessageType("work.questionnaire-review", version: 1)
    public static let summary = "The reviewed questionnaire and, when approved, the sprint it created."
    public static let example = QuestionnaireReviewV1(questionnaire: .example, sprint: .example)

    public var questionnaire: QuestionnaireV1
    public var sprint: SprintV1?

    public init(questionnaire: QuestionnaireV1, sprint: SprintV1?) {
        self.questionnaire = questionnaire
        self.sprint = sprint
    }
}

// MARK: - Service templates and sprint configuration

/// A document a sprint asks its client for (seed 000 `requiredDocuments`).
public struct DocumentRequirementV1: Codable, Sendable, Equatable {
    /// 1 to 64 letters, digits, `_` or `-`; unique in the sprint.
    public var fieldName: String
    public var fieldType: DocumentFieldType
    /// 1 to 100 characters.
    public var label: String
    public var description: String?
    public var isRequired: Bool
    /// Allowed file types (`pdf`, `png`, …) for file fields; empty: any.
    public var fileTypes: [String]
    /// Largest file in bytes (1 to 104,857,600); nil: the documents service's default.
    public var maxFileSize: Int?

    public static let example = DocumentRequirementV1(
        fieldName: "brand_guide", fieldType: .file, label: "Brand guide", description: "Logo and colour rules", isRequired: true,
        fileTypes: ["pdf"], maxFileSize: 10_485_760)

    public init(
        fieldName: String, fieldType: DocumentFieldType, label: String, description: String? = nil, isRequired: Bool = true,
        fileTypes: [String] = [], maxFileSize: Int? = nil
    ) {
        self.fieldName = fieldName
        self.fieldType = fieldType
        self.label = label
        self.description = description
        self.isRequired = isRequired
        self.fileTypes = fileTypes
        self.maxFileSize = maxFileSize
    }
}

/// A package a template offers (seed 000 `service_templates.packages`).
public struct TemplatePackageV1: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    /// In the currency's minor unit (cents), 0 or more.
    public var basePrice: Int
    /// Three upper-case letters (ISO 4217).
    public var currency: String
    /// Hours per week, 1 to 168.
    public var engagementHours: Int
    public var features: [String]

    public static let example = TemplatePackageV1(
        name: "Standard", description: "Two engineers, weekly demo", basePrice: 1_200_000, currency: "USD", engagementHours: 20,
        features: ["Weekly demo", "Slack channel"])

    public init(name: String, description: String?, basePrice: Int, currency: String, engagementHours: Int, features: [String]) {
        self.name = name
        self.description = description
        self.basePrice = basePrice
        self.currency = currency
        self.engagementHours = engagementHours
        self.features = features
    }
}

/// A milestone a template plans, `dayOffset` days after the sprint's start (seed 000 `defaultMilestones`).
public struct TemplateMilestoneV1: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Days from the start date, 0 to 3,650.
    public var dayOffset: Int
    public var deliverables: [String]

    public static let example = TemplateMilestoneV1(name: "Prototype", description: "Clickable prototype", dayOffset: 14, deliverables: ["Figma file"])

    public init(name: String, description: String?, dayOffset: Int, deliverables: [String]) {
        self.name = name
        self.description = description
        self.dayOffset = dayOffset
        self.deliverables = deliverables
    }
}

/// A service template (seed 000 `service_templates`).
public struct ServiceTemplateV1: Message, Equatable {
    public static let messageType = MessageType("work.service-template", version: 1)
    public static let summary = "A service template: category, default duration and team size, packages, required documents and milestones."
    public static let example = ServiceTemplateV1(
        id: "665f10009b1d4a0012ab0001", name: "MVP in 8 weeks", description: "From idea to a working product", category: .mvp,
        defaultDuration: 56, recommendedTeamSize: 3, packages: [.example], requiredDocuments: [.example], defaultMilestones: [.example],
        isActive: true, createdBy: exampleAdmin, createdAt: exampleDate, updatedAt: exampleDate)

    public var id: String
    public var name: String
    public var description: String?
    public var category: TemplateCategory
    /// Days.
    public var defaultDuration: Int
    public var recommendedTeamSize: Int
    public var packages: [TemplatePackageV1]
    public var requiredDocuments: [DocumentRequirementV1]
    public var defaultMilestones: [TemplateMilestoneV1]
    public var isActive: Bool
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, name: String, description: String?, category: TemplateCategory, defaultDuration: Int, recommendedTeamSize: Int,
        packages: [TemplatePackageV1], requiredDocuments: [DocumentRequirementV1], defaultMilestones: [TemplateMilestoneV1], isActive: Bool,
        createdBy: String, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.category = category
        self.defaultDuration = defaultDuration
        self.recommendedTeamSize = recommendedTeamSize
        self.packages = packages
        self.requiredDocuments = requiredDocuments
        self.defaultMilestones = defaultMilestones
        self.isActive = isActive
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Service templates, by name.
public struct ServiceTemplateListV1: Message, Equatable {
    public static let messageType = MessageType("work.service-template-list", version: 1)
    public static let summary = "Service templates by name (clients see the active ones)."
    public static let example = ServiceTemplateListV1(templates: [.example])

    public var templates: [ServiceTemplateV1]

    public init(templates: [ServiceTemplateV1]) { self.templates = templates }
}

/// A package an admin offers for one sprint (seed 000 `packageOptions`).
public struct PackageOptionInputV1: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    /// In the currency's minor unit (cents), 0 or more.
    public var price: Int
    /// Three upper-case letters (ISO 4217).
    public var currency: String
    /// Hours per week, 1 to 168.
    public var engagementHours: Int
    /// Weeks, 1 to 520.
    public var duration: Int
    public var features: [String]
    /// 1 to 100.
    public var teamSize: Int
    public var communicationLevel: CommunicationLevel

    public static let example = PackageOptionInputV1(
        name: "Standard", description: "Two engineers", price: 1_200_000, currency: "USD", engagementHours: 20, duration: 8,
        features: ["Weekly demo"], teamSize: 2, communicationLevel: .regular)

    public init(
        name: String, description: String?, price: Int, currency: String, engagementHours: Int, duration: Int, features: [String],
        teamSize: Int, communicationLevel: CommunicationLevel
    ) {
        self.name = name
        self.description = description
        self.price = price
        self.currency = currency
        self.engagementHours = engagementHours
        self.duration = duration
        self.features = features
        self.teamSize = teamSize
        self.communicationLevel = communicationLevel
    }
}

// MARK: - Sprints

/// A required document with where it stands in the checklist.
public struct RequiredDocumentStateV1: Codable, Sendable, Equatable {
    public var requirement: DocumentRequirementV1
    public var status: RequirementStatus
    /// The documents service's document answering it.
    public var documentId: String?
    public var updatedAt: Date?

    public init(requirement: DocumentRequirementV1, status: RequirementStatus, documentId: String?, updatedAt: Date?) {
        self.requirement = requirement
        self.status = status
        self.documentId = documentId
        self.updatedAt = updatedAt
    }
}

/// A package offered for a sprint (seed 000 `packageOptions`).
public struct PackageOptionV1: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String?
    /// In the currency's minor unit (cents).
    public var price: Int
    public var currency: String
    public var engagementHours: Int
    /// Weeks.
    public var duration: Int
    public var features: [String]
    public var teamSize: Int
    public var communicationLevel: CommunicationLevel

    public static let example = PackageOptionV1(
        id: "665f20009b1d4a0012ab0101", name: "Standard", description: "Two engineers", price: 1_200_000, currency: "USD", engagementHours: 20,
        duration: 8, features: ["Weekly demo"], teamSize: 2, communicationLevel: .regular)

    public init(
        id: String, name: String, description: String?, price: Int, currency: String, engagementHours: Int, duration: Int,
        features: [String], teamSize: Int, communicationLevel: CommunicationLevel
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.price = price
        self.currency = currency
        self.engagementHours = engagementHours
        self.duration = duration
        self.features = features
        self.teamSize = teamSize
        self.communicationLevel = communicationLevel
    }
}

/// A member of a sprint's team (seed 000 `assignedTeam`).
public struct TeamMemberV1: Codable, Sendable, Equatable {
    public var userId: String
    public var role: TeamRole
    /// Percent of the person's time, 1 to 100; over overlapping open sprints at most 100 in all.
    public var allocation: Int

    public static let example = TeamMemberV1(userId: exampleMember, role: .developer, allocation: 50)

    public init(userId: String, role: TeamRole, allocation: Int) {
        self.userId = userId
        self.role = role
        self.allocation = allocation
    }
}

/// A milestone of a sprint (seed 000 `milestones`).
public struct MilestoneV1: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String?
    /// Nil until the sprint has a start date when the milestone was planned by day offset.
    public var dueDate: Date?
    /// Days after the start date, for milestones that came from a template.
    public var dayOffset: Int?
    public var status: MilestoneStatus
    public var deliverables: [String]
    public var completedAt: Date?
    public var notes: String?

    public static let example = MilestoneV1(
        id: "665f20009b1d4a0012ab0201", name: "Prototype", description: "Clickable prototype", dueDate: exampleDate, dayOffset: 14,
        status: .inProgress, deliverables: ["Figma file"], completedAt: nil, notes: nil)

    public init(
        id: String, name: String, description: String?, dueDate: Date?, dayOffset: Int?, status: MilestoneStatus, deliverables: [String],
        completedAt: Date?, notes: String?
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.dueDate = dueDate
        self.dayOffset = dayOffset
        self.status = status
        self.deliverables = deliverables
        self.completedAt = completedAt
        self.notes = notes
    }
}

/// A sprint's progress, always derived from its milestones (seed 000 `progress`).
public struct ProgressV1: Codable, Sendable, Equatable {
    /// 0 to 100.
    public var percentage: Int
    /// The first milestone not yet completed, or the sprint's status when there is none.
    public var currentPhase: String
    public var lastUpdated: Date
    public var completedMilestones: Int
    public var totalMilestones: Int

    public static let example = ProgressV1(percentage: 50, currentPhase: "Prototype", lastUpdated: exampleDate, completedMilestones: 1, totalMilestones: 2)

    public init(percentage: Int, currentPhase: String, lastUpdated: Date, completedMilestones: Int, totalMilestones: Int) {
        self.percentage = percentage
        self.currentPhase = currentPhase
        self.lastUpdated = lastUpdated
        self.completedMilestones = completedMilestones
        self.totalMilestones = totalMilestones
    }
}

/// A meeting of a sprint (seed 000 `meetings`).
public struct MeetingV1: Codable, Sendable, Equatable {
    public var id: String
    public var type: MeetingType
    public var scheduledAt: Date
    /// An http(s) link (Calendly, a video call).
    public var meetingUrl: String?
    public var attendees: [String]
    public var status: MeetingStatus
    public var notes: String?
    /// Links to recordings.
    public var recordings: [String]

    public static let example = MeetingV1(
        id: "665f20009b1d4a0012ab0301", type: .kickoff, scheduledAt: exampleDate, meetingUrl: "https://meet.example.com/fernway",
        attendees: [exampleClient, exampleAdmin], status: .scheduled, notes: nil, recordings: [])

    public init(
        id: String, type: MeetingType, scheduledAt: Date, meetingUrl: String?, attendees: [String], status: MeetingStatus, notes: String?,
        recordings: [String]
    ) {
        self.id = id
        self.type = type
        self.scheduledAt = scheduledAt
        self.meetingUrl = meetingUrl
        self.attendees = attendees
        self.status = status
        self.notes = notes
        self.recordings = recordings
    }
}

/// One recorded move of a sprint's state machine.
public struct StatusChangeV1: Codable, Sendable, Equatable {
    public var from: SprintStatus
    public var to: SprintStatus
    /// Who moved it (a user id, or `work` for moves the service makes itself).
    public var by: String
    public var at: Date
    public var reason: String?

    public static let example = StatusChangeV1(from: .scheduled, to: .active, by: exampleAdmin, at: exampleDate, reason: nil)

    public init(from: SprintStatus, to: SprintStatus, by: String, at: Date, reason: String?) {
        self.from = from
        self.to = to
        self.by = by
        self.at = at
        self.reason = reason
    }
}

/// A sprint as its client, its team and the admins see it.
public struct SprintV1: Message, Equatable {
    public static let messageType = MessageType("work.sprint", version: 1)
    public static let summary = "A sprint: client, admin, team, status and its history, required documents, packages, milestones, progress, meetings."
    public static let example = SprintV1(
        id: exampleSprint, clientId: exampleClient, questionnaireId: QuestionnaireV1.example.id, adminId: exampleAdmin,
        templateId: ServiceTemplateV1.example.id, name: "Fernway: MVP in 8 weeks", description: "A booking app for ferry operators.", type: .mvp,
        startDate: exampleDate, endDate: exampleDate.addingTimeInterval(56 * 86_400), estimatedDuration: 56, actualDuration: nil,
        assignedTeam: [.example], status: .active, pausedFrom: nil, statusHistory: [.example],
        requiredDocuments: [RequiredDocumentStateV1(requirement: .example, status: .approved, documentId: "665f30009b1d4a0012ab0001", updatedAt: exampleDate)],
        packageOptions: [.example], selectedPackage: PackageOptionV1.example.id, milestones: [.example], progress: .example,
        meetings: [.example], createdAt: exampleDate, updatedAt: exampleDate)

    public var id: String
    public var clientId: String
    public var questionnaireId: String
    /// The admin who approved it and administers it.
    public var adminId: String
    /// The service template it was made from.
    public var templateId: String?
    public var name: String
    public var description: String?
    public var type: SprintType
    public var startDate: Date?
    public var endDate: Date?
    /// Days.
    public var estimatedDuration: Int?
    /// Days, once completed.
    public var actualDuration: Int?
    public var assignedTeam: [TeamMemberV1]
    public var status: SprintStatus
    /// While paused: the status it returns to.
    public var pausedFrom: SprintStatus?
    public var statusHistory: [StatusChangeV1]
    public var requiredDocuments: [RequiredDocumentStateV1]
    public var packageOptions: [PackageOptionV1]
    /// The id of the chosen package option.
    public var selectedPackage: String?
    public var milestones: [MilestoneV1]
    public var progress: ProgressV1
    public var meetings: [MeetingV1]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, clientId: String, questionnaireId: String, adminId: String, templateId: String?, name: String, description: String?,
        type: SprintType, startDate: Date?, endDate: Date?, estimatedDuration: Int?, actualDuration: Int?, assignedTeam: [TeamMemberV1],
        status: SprintStatus, pausedFrom: SprintStatus?, statusHistory: [StatusChangeV1], requiredDocuments: [RequiredDocumentStateV1],
        packageOptions: [PackageOptionV1], selectedPackage: String?, milestones: [MilestoneV1], progress: ProgressV1, meetings: [MeetingV1],
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.clientId = clientId
        self.questionnaireId = questionnaireId
        self.adminId = adminId
        self.templateId = templateId
        self.name = name
        self.description = description
        self.type = type
        self.startDate = startDate
        self.endDate = endDate
        self.estimatedDuration = estimatedDuration
        self.actualDuration = actualDuration
        self.assignedTeam = assignedTeam
        self.status = status
        self.pausedFrom = pausedFrom
        self.statusHistory = statusHistory
        self.requiredDocuments = requiredDocuments
        self.packageOptions = packageOptions
        self.selectedPackage = selectedPackage
        self.milestones = milestones
        self.progress = progress
        self.meetings = meetings
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A sprint in a list: what a list shows without milestones, meetings and history.
public struct SprintSummaryV1: Codable, Sendable, Equatable {
    public var id: String
    public var clientId: String
    public var adminId: String
    public var name: String
    public var type: SprintType
    public var status: SprintStatus
    public var startDate: Date?
    public var endDate: Date?
    public var teamSize: Int
    public var progress: ProgressV1
    public var createdAt: Date
    public var updatedAt: Date

    public static let example = SprintSummaryV1(
        id: exampleSprint, clientId: exampleClient, adminId: exampleAdmin, name: "Fernway: MVP in 8 weeks", type: .mvp, status: .active,
        startDate: exampleDate, endDate: nil, teamSize: 1, progress: .example, createdAt: exampleDate, updatedAt: exampleDate)

    public init(
        id: String, clientId: String, adminId: String, name: String, type: SprintType, status: SprintStatus, startDate: Date?, endDate: Date?,
        teamSize: Int, progress: ProgressV1, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.clientId = clientId
        self.adminId = adminId
        self.name = name
        self.type = type
        self.status = status
        self.startDate = startDate
        self.endDate = endDate
        self.teamSize = teamSize
        self.progress = progress
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A page of sprints, newest first.
public struct SprintPageV1: Message, Equatable {
    public static let messageType = MessageType("work.sprint-page", version: 1)
    public static let summary = "Sprints the caller may see (their own, those they work on, or all for admins), newest first."
    public static let example = SprintPageV1(sprints: [.example], nextCursor: nil)

    public var sprints: [SprintSummaryV1]
    public var nextCursor: String?

    public init(sprints: [SprintSummaryV1], nextCursor: String?) {
        self.sprints = sprints
        self.nextCursor = nextCursor
    }
}

// MARK: - System settings

/// A setting's value: any JSON value (seed 000 `value: Mixed`).
public indirect enum SettingValueV1: Codable, Sendable, Equatable {
    case string(String)
    /// A whole number (what most settings hold).
    case integer(Int)
    /// A number with a fraction.
    case number(Double)
    case boolean(Bool)
    case array([SettingValueV1])
    case object([String: SettingValueV1])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .boolean(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([SettingValueV1].self) { self = .array(value) }
        else if let value = try? container.decode([String: SettingValueV1].self) { self = .object(value) }
        else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value") }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .boolean(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}

/// Extra rules a setting's value must follow (seed 000 `validationRules`).
public struct SettingRulesV1: Codable, Sendable, Equatable {
    /// For strings, emails and URLs.
    public var minLength: Int?
    public var maxLength: Int?
    /// A regular expression the whole string must match.
    public var pattern: String?
    /// For numbers.
    public var min: Double?
    public var max: Double?
    /// For numbers: only whole numbers.
    public var integer: Bool?
    /// The only strings allowed.
    public var allowedValues: [String]?

    public static let example = SettingRulesV1(minLength: nil, maxLength: nil, pattern: nil, min: nil, max: nil, integer: true, allowedValues: nil)

    public init(
        minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, min: Double? = nil, max: Double? = nil, integer: Bool? = nil,
        allowedValues: [String]? = nil
    ) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.min = min
        self.max = max
        self.integer = integer
        self.allowedValues = allowedValues
    }
}

/// A system setting (seed 000 `system_settings`).
public struct SettingV1: Message, Equatable {
    public static let messageType = MessageType("work.setting", version: 1)
    public static let summary = "A system setting: unique key, typed value, category, rules, editability and its last change."
    public static let example = SettingV1(
        id: "665f50009b1d4a0012ab0001", key: "limits.max_team_size", value: .integer(8), category: .limits,
        description: "Largest team one sprint may have", isEditable: true, validationType: .number, validationRules: .example,
        lastModifiedBy: exampleAdmin, lastModifiedAt: exampleDate, createdAt: exampleDate, updatedAt: exampleDate)

    public var id: String
    public var key: String
    public var value: SettingValueV1
    public var category: SettingCategory
    public var description: String?
    public var isEditable: Bool
    public var validationType: SettingValidationType
    public var validationRules: SettingRulesV1?
    public var lastModifiedBy: String?
    public var lastModifiedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, key: String, value: SettingValueV1, category: SettingCategory, description: String?, isEditable: Bool,
        validationType: SettingValidationType, validationRules: SettingRulesV1?, lastModifiedBy: String?, lastModifiedAt: Date?,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.key = key
        self.value = value
        self.category = category
        self.description = description
        self.isEditable = isEditable
        self.validationType = validationType
        self.validationRules = validationRules
        self.lastModifiedBy = lastModifiedBy
        self.lastModifiedAt = lastModifiedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// System settings by key.
public struct SettingListV1: Message, Equatable {
    public static let messageType = MessageType("work.setting-list", version: 1)
    public static let summary = "System settings by key, optionally of one category."
    public static let example = SettingListV1(settings: [.example])

    public var settings: [SettingV1]

    public init(settings: [SettingV1]) { self.settings = settings }
}
