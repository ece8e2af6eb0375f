import Foundation

// Events of the work service, published through its outbox after the change committed. Each names
// the users it concerns (`recipients`), so that notifications can be sent without asking work.

private let exampleClient = SprintV1.example.clientId
private let exampleAdmin = SprintV1.example.adminId
private let exampleDate = Date(timeIntervalSince1970: 1_767_225_600)

/// A client submitted a questionnaire for review.
public struct QuestionnaireSubmittedV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.questionnaire-submitted", version: 1)
    public static let summary = "A client submitted a questionnaire; recipients are the admins work knows."
    public static let example = QuestionnaireSubmittedV1(questionnaire: .example, recipients: [exampleAdmin])

    public var questionnaire: QuestionnaireV1
    public var recipients: [String]

    public init(questionnaire: QuestionnaireV1, recipients: [String]) {
        self.questionnaire = questionnaire
        self.recipients = recipients
    }
}

/// An admin approved or rejected a questionnaire.
public struct QuestionnaireReviewedV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.questionnaire-reviewed", version: 1)
    public static let summary = "An admin approved or rejected a questionnaire; the recipient is its client."
    public static let example = QuestionnaireReviewedV1(questionnaire: .example, recipients: [exampleClient])

    public var questionnaire: QuestionnaireV1
    public var recipients: [String]

    public init(questionnaire: QuestionnaireV1, recipients: [String]) {
        self.questionnaire = questionnaire
        self.recipients = recipients
    }
}

/// A sprint was created from an approved questionnaire.
public struct SprintCreatedV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.sprint-created", version: 1)
    public static let summary = "A sprint was created from an approved questionnaire; recipients are its client and admin."
    public static let example = SprintCreatedV1(sprint: .example, recipients: [exampleClient, exampleAdmin])

    public var sprint: SprintSummaryV1
    public var recipients: [String]

    public init(sprint: SprintSummaryV1, recipients: [String]) {
        self.sprint = sprint
        self.recipients = recipients
    }
}

/// A sprint moved in its state machine.
public struct SprintStatusChangedV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.sprint-status-changed", version: 1)
    public static let summary = "A sprint moved from one status to another (who, when, why); recipients are its client, admin and team."
    public static let example = SprintStatusChangedV1(sprintId: SprintV1.example.id, change: .example, recipients: [exampleClient, exampleAdmin])

    public var sprintId: String
    public var change: StatusChangeV1
    public var recipients: [String]

    public init(sprintId: String, change: StatusChangeV1, recipients: [String]) {
        self.sprintId = sprintId
        self.change = change
        self.recipients = recipients
    }
}

/// The client is asked for documents.
public struct DocumentsRequestedV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.documents-requested", version: 1)
    public static let summary = "A sprint asks its client for documents (entering documents_required, or after a rejection); the recipient is the client."
    public static let example = DocumentsRequestedV1(sprintId: SprintV1.example.id, requirements: [.example], recipients: [exampleClient])

    public var sprintId: String
    /// The documents still awaited.
    public var requirements: [DocumentRequirementV1]
    public var recipients: [String]

    public init(sprintId: String, requirements: [DocumentRequirementV1], recipients: [String]) {
        self.sprintId = sprintId
        self.requirements = requirements
        self.recipients = recipients
    }
}

/// A required document's place in the checklist changed.
public struct SprintChecklistChangedV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.sprint-checklist-changed", version: 1)
    public static let summary = "A required document of a sprint was uploaded, approved, rejected or sent back; recipients are the client and admin."
    public static let example = SprintChecklistChangedV1(
        sprintId: SprintV1.example.id, document: SprintV1.example.requiredDocuments[0], allApproved: true, recipients: [exampleClient, exampleAdmin])

    public var sprintId: String
    public var document: RequiredDocumentStateV1
    /// Whether every required document is now approved.
    public var allApproved: Bool
    public var recipients: [String]

    public init(sprintId: String, document: RequiredDocumentStateV1, allApproved: Bool, recipients: [String]) {
        self.sprintId = sprintId
        self.document = document
        self.allApproved = allApproved
        self.recipients = recipients
    }
}

/// Someone joined a sprint's team or changed role or allocation.
public struct TeamMemberAssignedV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.team-member-assigned", version: 1)
    public static let summary = "Someone was put on a sprint's team (or their role or allocation changed); recipients include them."
    public static let example = TeamMemberAssignedV1(sprintId: SprintV1.example.id, member: .example, recipients: [TeamMemberV1.example.userId])

    public var sprintId: String
    public var member: TeamMemberV1
    public var recipients: [String]

    public init(sprintId: String, member: TeamMemberV1, recipients: [String]) {
        self.sprintId = sprintId
        self.member = member
        self.recipients = recipients
    }
}

/// A milestone changed (status, deliverables, notes, due date); the sprint's progress with it.
public struct MilestoneUpdatedV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.milestone-updated", version: 1)
    public static let summary = "A milestone was added or changed, with the sprint's derived progress; recipients are the client, admin and team."
    public static let example = MilestoneUpdatedV1(sprintId: SprintV1.example.id, milestone: .example, progress: .example, recipients: [exampleClient])

    public var sprintId: String
    public var milestone: MilestoneV1
    public var progress: ProgressV1
    public var recipients: [String]

    public init(sprintId: String, milestone: MilestoneV1, progress: ProgressV1, recipients: [String]) {
        self.sprintId = sprintId
        self.milestone = milestone
        self.progress = progress
        self.recipients = recipients
    }
}

/// A milestone falls due soon (announced once by the sweep).
public struct MilestoneDueV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.milestone-due", version: 1)
    public static let summary = "A milestone of an active sprint is due within two days (announced once); recipients are the client, admin and team."
    public static let example = MilestoneDueV1(sprintId: SprintV1.example.id, milestone: .example, recipients: [exampleClient])

    public var sprintId: String
    public var milestone: MilestoneV1
    public var recipients: [String]

    public init(sprintId: String, milestone: MilestoneV1, recipients: [String]) {
        self.sprintId = sprintId
        self.milestone = milestone
        self.recipients = recipients
    }
}

/// The sweep found a milestone past its due date and marked it overdue.
public struct MilestoneOverdueV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.milestone-overdue", version: 1)
    public static let summary = "A milestone passed its due date unfinished and is now overdue; recipients are the client, admin and team."
    public static let example = MilestoneOverdueV1(sprintId: SprintV1.example.id, milestone: .example, recipients: [exampleClient])

    public var sprintId: String
    public var milestone: MilestoneV1
    public var recipients: [String]

    public init(sprintId: String, milestone: MilestoneV1, recipients: [String]) {
        self.sprintId = sprintId
        self.milestone = milestone
        self.recipients = recipients
    }
}

/// A meeting was scheduled.
public struct MeetingScheduledV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.meeting-scheduled", version: 1)
    public static let summary = "A sprint meeting was scheduled (time, link); recipients are its attendees."
    public static let example = MeetingScheduledV1(sprintId: SprintV1.example.id, meeting: .example, recipients: MeetingV1.example.attendees)

    public var sprintId: String
    public var meeting: MeetingV1
    public var recipients: [String]

    public init(sprintId: String, meeting: MeetingV1, recipients: [String]) {
        self.sprintId = sprintId
        self.meeting = meeting
        self.recipients = recipients
    }
}

/// A system setting was created or changed.
public struct SettingChangedV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.setting-changed", version: 1)
    public static let summary = "A system setting was created or its value changed (by whom, when)."
    public static let example = SettingChangedV1(setting: .example)

    public var setting: SettingV1

    public init(setting: SettingV1) { self.setting = setting }
}
