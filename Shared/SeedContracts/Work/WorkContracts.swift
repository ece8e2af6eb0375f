/// A command the work service handles.
public protocol WorkCommand: Command {}

extension WorkCommand {
    public static var destination: CommandDestination { .service(.work) }
}

/// An event the work service publishes.
public protocol WorkEvent: Event {}

extension WorkEvent {
    public static var source: ServiceName { .work }
}

/// The work service's messages: part 1, questionnaires, service templates, sprints (state machine,
/// team, documents checklist, packages, milestones, meetings) and system settings; part 2, kanban
/// boards, tasks, task comments, tags, teams and task templates.
public enum WorkContracts: ServiceContracts {
    public static let owner: ServiceName? = .work

    public static let commands: [any Command.Type] = [
        CreateQuestionnaireV1.self, SaveBasicInfoV1.self, SaveRequirementsV1.self, SaveServiceSelectionV1.self, SubmitQuestionnaireV1.self,
        ReviewQuestionnaireV1.self, GetQuestionnaireV1.self, ListQuestionnairesV1.self,
        CreateServiceTemplateV1.self, UpdateServiceTemplateV1.self, GetServiceTemplateV1.self, ListServiceTemplatesV1.self,
        GetSprintV1.self, ListSprintsV1.self, ConfigureSprintV1.self, ChangeSprintStatusV1.self, SelectPackageV1.self, ScheduleSprintV1.self,
        AssignTeamMemberV1.self, RemoveTeamMemberV1.self, AddMilestoneV1.self, UpdateMilestoneV1.self, ScheduleMeetingV1.self,
        UpdateMeetingV1.self,
        CreateSettingV1.self, UpdateSettingV1.self, GetSettingV1.self, ListSettingsV1.self,
        CreateBoardV1.self, UpdateBoardV1.self, SetBoardColumnsV1.self, SetBoardMemberV1.self, RemoveBoardMemberV1.self, ArchiveBoardV1.self,
        GetBoardV1.self, ListBoardsV1.self, CreateTaskV1.self, UpdateTaskV1.self, MoveTaskV1.self, AddTaskDependencyV1.self,
        RemoveTaskDependencyV1.self, ChangeChecklistV1.self, LogTimeV1.self, SetTaskAttachmentV1.self, SetExternalLinkV1.self, SetTaskTagV1.self,
        ArchiveTaskV1.self, GetTaskV1.self, ListTasksV1.self, GetTimeReportV1.self, AddCommentV1.self, EditCommentV1.self,
        DeleteCommentV1.self, ListCommentsV1.self, CreateTagV1.self, UpdateTagV1.self, ListTagsV1.self, GetTagV1.self,
        CreateWorkTeamV1.self, UpdateWorkTeamV1.self, SetWorkTeamMemberV1.self, GetWorkTeamV1.self, ListWorkTeamsV1.self, CreateTaskTemplateV1.self,
        UpdateTaskTemplateV1.self, ListTaskTemplatesV1.self, CreateTaskFromTemplateV1.self,
    ] + TenantDataOwners.commands(of: .work)

    public static let replies: [any Message.Type] = [
        QuestionnaireV1.self, QuestionnairePageV1.self, QuestionnaireReviewV1.self, ServiceTemplateV1.self, ServiceTemplateListV1.self,
        SprintV1.self, SprintPageV1.self, SettingV1.self, SettingListV1.self,
        BoardV1.self, BoardPageV1.self, BoardViewV1.self, TaskV1.self, TaskPageV1.self, TimeReportV1.self, TaskCommentV1.self,
        TaskCommentPageV1.self, TagV1.self, TagListV1.self, WorkTeamV1.self, WorkTeamListV1.self, TaskTemplateV1.self, TaskTemplateListV1.self,
    ]

    public static let events: [any Event.Type] = [
        QuestionnaireSubmittedV1.self, QuestionnaireReviewedV1.self, SprintCreatedV1.self, SprintStatusChangedV1.self,
        DocumentsRequestedV1.self, SprintChecklistChangedV1.self, TeamMemberAssignedV1.self, MilestoneUpdatedV1.self, MilestoneDueV1.self,
        MilestoneOverdueV1.self, MeetingScheduledV1.self, SettingChangedV1.self,
        TaskAssignedV1.self, TaskMentionedV1.self, TaskDueSoonV1.self, TaskOverdueV1.self,
    ] + TenantDataOwners.events(of: .work)
}
