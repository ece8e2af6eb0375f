/// A command the businessAI service handles.
public protocol BusinessAICommand: Command {}

extension BusinessAICommand {
    public static var destination: CommandDestination { .service(.businessAI) }
}

/// An event the businessAI service publishes.
public protocol BusinessAIEvent: Event {}

extension BusinessAIEvent {
    public static var source: ServiceName { .businessAI }
}

/// The businessAI service's messages.
public enum BusinessAIContracts: ServiceContracts {
    public static let owner: ServiceName? = .businessAI
    public static let commands: [any Command.Type] = [
        CreateBusinessV1.self, UpdateBusinessV1.self, DeactivateBusinessV1.self, DeleteBusinessV1.self, GetBusinessV1.self, ListMyBusinessesV1.self,
        SetBusinessSubscriptionV1.self, InviteBusinessMemberV1.self, AcceptBusinessInvitationV1.self, ListBusinessMembersV1.self,
        ChangeBusinessMemberRoleV1.self, RemoveBusinessMemberV1.self, CreateBusinessRoleV1.self, ListBusinessRolesV1.self,
        IngestBusinessDocumentV1.self, ListBusinessDocumentsV1.self, RemoveBusinessDocumentV1.self, ReindexBusinessV1.self, GetPublicAssistantV1.self,
        AskPublicAssistantV1.self, RatePublicAnswerV1.self, GetBusinessAnalyticsV1.self,
    ] + TenantDataOwners.commands(of: .businessAI)
    public static let replies: [any Message.Type] = [
        BusinessV1.self, MyBusinessesV1.self, BusinessMemberV1.self, BusinessMembersV1.self, BusinessCustomRoleV1.self, BusinessCustomRolesV1.self,
        BusinessDocumentV1.self, BusinessDocumentsV1.self, PublicAssistantV1.self, PublicAnswerV1.self, BusinessAnalyticsV1.self,
    ]
    public static let events: [any Event.Type] = [
        BusinessCreatedV1.self, BusinessUpdatedV1.self, BusinessDeletedV1.self, BusinessMemberInvitedV1.self, BusinessMemberChangedV1.self,
        BusinessDocumentIngestedV1.self,
    ] + TenantDataOwners.events(of: .businessAI)
}
