public import SeedBus
import SeedContracts
import SeedServiceKit
import SeedServiceKit

/// Connects the work service's commands and subscriptions on the bus to its use cases: one line each.
public enum WorkHandlers {
    public static func register(_ service: WorkService, on bus: Bus) {
        // A tenant's data export and erasure (seed-ops tenants; decision 0039), over the declared collections.
        TenantData(service: .work, work: service.work, collections: WorkCollections.all).register(on: bus)
        // A tenant's data export and erasure (seed-ops tenants; decision 0039), over the declared collections.
        TenantData(service: .work, work: service.work, collections: WorkCollections.all).register(on: bus)
        bus.handle(CreateQuestionnaireV1.self) { try await service.createQuestionnaire($0, envelope: $1.envelope) }
        bus.handle(SaveBasicInfoV1.self) { try await service.saveBasicInfo($0, envelope: $1.envelope) }
        bus.handle(SaveRequirementsV1.self) { try await service.saveRequirements($0, envelope: $1.envelope) }
        bus.handle(SaveServiceSelectionV1.self) { try await service.saveServiceSelection($0, envelope: $1.envelope) }
        bus.handle(SubmitQuestionnaireV1.self) { try await service.submitQuestionnaire($0, envelope: $1.envelope) }
        bus.handle(ReviewQuestionnaireV1.self) { try await service.reviewQuestionnaire($0, envelope: $1.envelope) }
        bus.handle(GetQuestionnaireV1.self) { try await service.getQuestionnaire($0, envelope: $1.envelope) }
        bus.handle(ListQuestionnairesV1.self) { try await service.listQuestionnaires($0, envelope: $1.envelope) }
        bus.handle(CreateServiceTemplateV1.self) { try await service.createServiceTemplate($0, envelope: $1.envelope) }
        bus.handle(UpdateServiceTemplateV1.self) { try await service.updateServiceTemplate($0, envelope: $1.envelope) }
        bus.handle(GetServiceTemplateV1.self) { try await service.getServiceTemplate($0, envelope: $1.envelope) }
        bus.handle(ListServiceTemplatesV1.self) { try await service.listServiceTemplates($0, envelope: $1.envelope) }
        bus.handle(GetSprintV1.self) { try await service.getSprint($0, envelope: $1.envelope) }
        bus.handle(ListSprintsV1.self) { try await service.listSprints($0, envelope: $1.envelope) }
        bus.handle(ConfigureSprintV1.self) { try await service.configureSprint($0, envelope: $1.envelope) }
        bus.handle(ChangeSprintStatusV1.self) { try await service.changeSprintStatus($0, envelope: $1.envelope) }
        bus.handle(SelectPackageV1.self) { try await service.selectPackage($0, envelope: $1.envelope) }
        bus.handle(ScheduleSprintV1.self) { try await service.scheduleSprint($0, envelope: $1.envelope) }
        bus.handle(AssignTeamMemberV1.self) { try await service.assignTeamMember($0, envelope: $1.envelope) }
        bus.handle(RemoveTeamMemberV1.self) { try await service.removeTeamMember($0, envelope: $1.envelope) }
        bus.handle(AddMilestoneV1.self) { try await service.addMilestone($0, envelope: $1.envelope) }
        bus.handle(UpdateMilestoneV1.self) { try await service.updateMilestone($0, envelope: $1.envelope) }
        bus.handle(ScheduleMeetingV1.self) { try await service.scheduleMeeting($0, envelope: $1.envelope) }
        bus.handle(UpdateMeetingV1.self) { try await service.updateMeeting($0, envelope: $1.envelope) }
        bus.handle(CreateSettingV1.self) { try await service.createSetting($0, envelope: $1.envelope) }
        bus.handle(UpdateSettingV1.self) { try await service.updateSetting($0, envelope: $1.envelope) }
        bus.handle(GetSettingV1.self) { try await service.getSetting($0, envelope: $1.envelope) }
        bus.handle(ListSettingsV1.self) { try await service.listSettings($0, envelope: $1.envelope) }
        bus.handle(CreateBoardV1.self) { try await service.createBoard($0, envelope: $1.envelope) }
        bus.handle(UpdateBoardV1.self) { try await service.updateBoard($0, envelope: $1.envelope) }
        bus.handle(SetBoardColumnsV1.self) { try await service.setBoardColumns($0, envelope: $1.envelope) }
        bus.handle(SetBoardMemberV1.self) { try await service.setBoardMember($0, envelope: $1.envelope) }
        bus.handle(RemoveBoardMemberV1.self) { try await service.removeBoardMember($0, envelope: $1.envelope) }
        bus.handle(ArchiveBoardV1.self) { try await service.archiveBoard($0, envelope: $1.envelope) }
        bus.handleEncoded(GetBoardV1.self) { try await service.getBoardEncoded($0, envelope: $1.envelope) }
        bus.handle(ListBoardsV1.self) { try await service.listBoards($0, envelope: $1.envelope) }
        bus.handle(CreateTaskV1.self) { try await service.createTask($0, envelope: $1.envelope) }
        bus.handle(UpdateTaskV1.self) { try await service.updateTask($0, envelope: $1.envelope) }
        bus.handle(MoveTaskV1.self) { try await service.moveTask($0, envelope: $1.envelope) }
        bus.handle(AddTaskDependencyV1.self) { try await service.addTaskDependency($0, envelope: $1.envelope) }
        bus.handle(RemoveTaskDependencyV1.self) { try await service.removeTaskDependency($0, envelope: $1.envelope) }
        bus.handle(ChangeChecklistV1.self) { try await service.changeChecklist($0, envelope: $1.envelope) }
        bus.handle(LogTimeV1.self) { try await service.logTime($0, envelope: $1.envelope) }
        bus.handle(SetTaskAttachmentV1.self) { try await service.setTaskAttachment($0, envelope: $1.envelope) }
        bus.handle(SetExternalLinkV1.self) { try await service.setExternalLink($0, envelope: $1.envelope) }
        bus.handle(SetTaskTagV1.self) { try await service.setTaskTag($0, envelope: $1.envelope) }
        bus.handle(ArchiveTaskV1.self) { try await service.archiveTask($0, envelope: $1.envelope) }
        bus.handle(GetTaskV1.self) { try await service.getTask($0, envelope: $1.envelope) }
        bus.handle(ListTasksV1.self) { try await service.listTasks($0, envelope: $1.envelope) }
        bus.handle(GetTimeReportV1.self) { try await service.getTimeReport($0, envelope: $1.envelope) }
        bus.handle(AddCommentV1.self) { try await service.addComment($0, envelope: $1.envelope) }
        bus.handle(EditCommentV1.self) { try await service.editComment($0, envelope: $1.envelope) }
        bus.handle(DeleteCommentV1.self) { try await service.deleteComment($0, envelope: $1.envelope) }
        bus.handle(ListCommentsV1.self) { try await service.listComments($0, envelope: $1.envelope) }
        bus.handle(CreateTagV1.self) { try await service.createTag($0, envelope: $1.envelope) }
        bus.handle(UpdateTagV1.self) { try await service.updateTag($0, envelope: $1.envelope) }
        bus.handle(ListTagsV1.self) { try await service.listTags($0, envelope: $1.envelope) }
        bus.handle(GetTagV1.self) { try await service.getTag($0, envelope: $1.envelope) }
        bus.handle(CreateWorkTeamV1.self) { try await service.createWorkTeam($0, envelope: $1.envelope) }
        bus.handle(UpdateWorkTeamV1.self) { try await service.updateWorkTeam($0, envelope: $1.envelope) }
        bus.handle(SetWorkTeamMemberV1.self) { try await service.setWorkTeamMember($0, envelope: $1.envelope) }
        bus.handle(GetWorkTeamV1.self) { try await service.getWorkTeam($0, envelope: $1.envelope) }
        bus.handle(ListWorkTeamsV1.self) { try await service.listWorkTeams($0, envelope: $1.envelope) }
        bus.handle(CreateTaskTemplateV1.self) { try await service.createTaskTemplate($0, envelope: $1.envelope) }
        bus.handle(UpdateTaskTemplateV1.self) { try await service.updateTaskTemplate($0, envelope: $1.envelope) }
        bus.handle(ListTaskTemplatesV1.self) { try await service.listTaskTemplates($0, envelope: $1.envelope) }
        bus.handle(CreateTaskFromTemplateV1.self) { try await service.createTaskFromTemplate($0, envelope: $1.envelope) }

        bus.subscribe(UserRegisteredV1.self) { try await service.userAnnounced($0.user, envelope: $1.envelope) }
        bus.subscribe(UserUpdatedV1.self) { try await service.userAnnounced($0.user, envelope: $1.envelope) }
        bus.subscribe(UserSuspendedV1.self) { try await service.userSuspended($0, envelope: $1.envelope) }
        bus.subscribe(UserDeletedV1.self) { try await service.userDeleted($0, envelope: $1.envelope) }
        bus.subscribe(DocumentUploadedV1.self) { try await service.documentUploaded($0.document, envelope: $1.envelope) }
        bus.subscribe(DocumentVersionAddedV1.self) { try await service.documentUploaded($0.document, envelope: $1.envelope) }
        bus.subscribe(DocumentReviewedV1.self) { try await service.documentReviewed($0, envelope: $1.envelope) }
        bus.subscribe(SprintDocumentsApprovedV1.self) { try await service.sprintDocumentsApproved($0, envelope: $1.envelope) }
        bus.subscribe(DocumentDeletedV1.self) { try await service.documentDeleted($0, envelope: $1.envelope) }
    }
}
