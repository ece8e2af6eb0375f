public import SeedBus
import SeedContracts

/// Connects the work service's commands and subscriptions on the bus to its use cases: one line each.
public enum WorkHandlers {
    public static func register(_ service: WorkService, on bus: Bus) {
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

        bus.subscribe(UserRegisteredV1.self) { try await service.userAnnounced($0.user, envelope: $1.envelope) }
        bus.subscribe(UserUpdatedV1.self) { try await service.userAnnounced($0.user, envelope: $1.envelope) }
        bus.subscribe(UserSuspendedV1.self) { try await service.userSuspended($0, envelope: $1.envelope) }
        bus.subscribe(UserDeletedV1.self) { try await service.userDeleted($0, envelope: $1.envelope) }
        bus.subscribe(DocumentUploadedV1.self) { try await service.documentUploaded($0.document, envelope: $1.envelope) }
        bus.subscribe(DocumentVersionAddedV1.self) { try await service.documentUploaded($0.document, envelope: $1.envelope) }
        bus.subscribe(DocumentReviewedV1.self) { try await service.documentReviewed($0, envelope: $1.envelope) }
        bus.subscribe(SprintDocumentsApprovedV1.self) { try await service.sprintDocumentsApproved($0, envelope: $1.envelope) }
    }
}
