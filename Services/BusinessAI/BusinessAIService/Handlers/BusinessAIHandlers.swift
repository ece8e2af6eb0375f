public import SeedBus
import SeedContracts
import SeedServiceKit

/// Connects the business-ai service's commands and subscriptions on the bus to its use cases: one line each.
public enum BusinessAIHandlers {
    public static func register(_ service: BusinessAIService, on bus: Bus) {
        // A tenant's data export and erasure (seed-ops tenants; decision 0039), over the declared collections.
        TenantData(service: .businessAI, work: service.work, collections: BusinessAICollections.all).register(on: bus)
        bus.handle(CreateBusinessV1.self) { try await service.createBusiness($0, envelope: $1.envelope) }
        bus.handle(UpdateBusinessV1.self) { try await service.updateBusiness($0, envelope: $1.envelope) }
        bus.handle(DeactivateBusinessV1.self) { try await service.deactivateBusiness($0, envelope: $1.envelope) }
        bus.handle(DeleteBusinessV1.self) { try await service.deleteBusiness($0, envelope: $1.envelope) }
        bus.handle(GetBusinessV1.self) { try await service.getBusiness($0, envelope: $1.envelope) }
        bus.handle(ListMyBusinessesV1.self) { try await service.listMyBusinesses($0, envelope: $1.envelope) }
        bus.handle(SetBusinessSubscriptionV1.self) { try await service.setSubscription($0, envelope: $1.envelope) }
        bus.handle(InviteBusinessMemberV1.self) { try await service.inviteMember($0, envelope: $1.envelope) }
        bus.handle(AcceptBusinessInvitationV1.self) { try await service.acceptInvitation($0, envelope: $1.envelope) }
        bus.handle(ListBusinessMembersV1.self) { try await service.listMembers($0, envelope: $1.envelope) }
        bus.handle(ChangeBusinessMemberRoleV1.self) { try await service.changeMemberRole($0, envelope: $1.envelope) }
        bus.handle(RemoveBusinessMemberV1.self) { try await service.removeMember($0, envelope: $1.envelope) }
        bus.handle(CreateBusinessRoleV1.self) { try await service.createRole($0, envelope: $1.envelope) }
        bus.handle(ListBusinessRolesV1.self) { try await service.listRoles($0, envelope: $1.envelope) }
        bus.handle(IngestBusinessDocumentV1.self) { try await service.ingestDocument($0, envelope: $1.envelope) }
        bus.handle(ListBusinessDocumentsV1.self) { try await service.listDocuments($0, envelope: $1.envelope) }
        bus.handle(RemoveBusinessDocumentV1.self) { try await service.removeDocument($0, envelope: $1.envelope) }
        bus.handle(ReindexBusinessV1.self) { try await service.reindexBusiness($0, envelope: $1.envelope) }
        bus.handle(GetPublicAssistantV1.self) { try await service.getPublicAssistant($0, envelope: $1.envelope) }
        bus.handle(AskPublicAssistantV1.self) { try await service.askPublicAssistant($0, envelope: $1.envelope) }
        bus.handle(RatePublicAnswerV1.self) { try await service.ratePublicAnswer($0, envelope: $1.envelope) }
        bus.handle(GetBusinessAnalyticsV1.self) { try await service.getAnalytics($0, envelope: $1.envelope) }

        bus.subscribe(UserRegisteredV1.self) { try await service.userAnnounced($0.user, envelope: $1.envelope) }
        bus.subscribe(UserUpdatedV1.self) { try await service.userAnnounced($0.user, envelope: $1.envelope) }
        bus.subscribe(UserDeletedV1.self) { try await service.userDeleted($0, envelope: $1.envelope) }
        bus.subscribe(DocumentUploadedV1.self) { try await service.documentAnnounced($0.document, envelope: $1.envelope) }
        bus.subscribe(DocumentVersionAddedV1.self) { try await service.documentAnnounced($0.document, envelope: $1.envelope) }
        bus.subscribe(DocumentProcessedV1.self) { try await service.documentProcessed($0, envelope: $1.envelope) }
        bus.subscribe(DocumentDeletedV1.self) { try await service.documentDeleted($0, envelope: $1.envelope) }
    }
}
