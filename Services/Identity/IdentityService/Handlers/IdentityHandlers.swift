public import SeedBus
import SeedContracts
import SeedServiceKit

/// Connects the identity service's commands on the bus to its use cases: one line per command, no
/// logic of its own. Typed ``ContractError``s thrown by a use case go back to the sender as the reply.
public enum IdentityHandlers {
    public static func register(_ service: IdentityService, on bus: Bus) {
        // A tenant's data export and erasure (seed-ops tenants; decision 0039), over the declared collections.
        TenantData(service: .identity, work: service.work, collections: IdentityCollections.all).register(on: bus)
        bus.handle(RegisterUserV1.self) { try await service.register($0, envelope: $1.envelope) }
        bus.handle(LoginV1.self) { try await service.login($0, envelope: $1.envelope) }
        bus.handle(LoginWithGoogleV1.self) { try await service.loginWithGoogle($0, envelope: $1.envelope) }
        bus.handle(RefreshSessionV1.self) { try await service.refresh($0, envelope: $1.envelope) }
        bus.handle(LogoutV1.self) { try await service.logout($0, envelope: $1.envelope) }
        bus.handle(VerifyEmailV1.self) { try await service.verifyEmail($0, envelope: $1.envelope) }
        bus.handle(RequestPhoneVerificationV1.self) { try await service.requestPhoneVerification($0, envelope: $1.envelope) }
        bus.handle(VerifyPhoneV1.self) { try await service.verifyPhone($0, envelope: $1.envelope) }
        bus.handle(GetUserV1.self) { try await service.user($0, envelope: $1.envelope) }
        bus.handle(UpdateProfileV1.self) { try await service.updateProfile($0, envelope: $1.envelope) }
        bus.handle(ChangeUserRolesV1.self) { try await service.changeRoles($0, envelope: $1.envelope) }
        bus.handle(ChangeUserStatusV1.self) { try await service.changeStatus($0, envelope: $1.envelope) }
        bus.handle(DeleteUserV1.self) { try await service.delete($0, envelope: $1.envelope) }
        bus.handle(GetSigningKeysV1.self) { _, _ in service.signingKeySet() }
        bus.handle(ListAuditLogV1.self) { try await service.auditLog($0, envelope: $1.envelope) }
        bus.handle(CreateTenantV1.self) { try await service.createTenant($0, envelope: $1.envelope) }
        bus.handle(CreateApplicationV1.self) { try await service.createApplication($0, envelope: $1.envelope) }
        bus.handle(CreateAPIKeyV1.self) { try await service.createAPIKey($0, envelope: $1.envelope) }
        bus.handle(ListAPIKeysV1.self) { try await service.listAPIKeys($0, envelope: $1.envelope) }
        bus.handle(RevokeAPIKeyV1.self) { try await service.revokeAPIKey($0, envelope: $1.envelope) }
        bus.handle(AuthenticateAPIKeyV1.self) { try await service.authenticateAPIKey($0, envelope: $1.envelope) }
        bus.handle(UpsertTenantUserV1.self) { try await service.upsertTenantUser($0, envelope: $1.envelope) }
        bus.handle(GetTenantUserV1.self) { try await service.tenantUser($0, envelope: $1.envelope) }
        bus.handle(SendFriendRequestV1.self) { try await service.sendFriendRequest($0, envelope: $1.envelope) }
        bus.handle(RespondToFriendRequestV1.self) { try await service.respondToFriendRequest($0, envelope: $1.envelope) }
        bus.handle(RemoveFriendV1.self) { try await service.removeFriend($0, envelope: $1.envelope) }
        bus.handle(BlockUserV1.self) { try await service.blockUser($0, envelope: $1.envelope) }
        bus.handle(UnblockUserV1.self) { try await service.unblockUser($0, envelope: $1.envelope) }
        bus.handle(SetMuteV1.self) { try await service.setMute($0, envelope: $1.envelope) }
        bus.handle(ListRelationshipsV1.self) { try await service.listRelationships($0, envelope: $1.envelope) }
        bus.handle(GetPrivacySettingsV1.self) { try await service.privacySettings($0, envelope: $1.envelope) }
        bus.handle(UpdatePrivacySettingsV1.self) { try await service.updatePrivacySettings($0, envelope: $1.envelope) }
        bus.handle(ListSessionsV1.self) { try await service.listSessions($0, envelope: $1.envelope) }
        bus.handle(RequestPasswordResetV1.self) { try await service.requestPasswordReset($0, envelope: $1.envelope) }
        bus.handle(ResetPasswordV1.self) { try await service.resetPassword($0, envelope: $1.envelope) }
        bus.handle(ChangePasswordV1.self) { try await service.changePassword($0, envelope: $1.envelope) }
        bus.handle(ResendVerificationEmailV1.self) { try await service.resendVerificationEmail($0, envelope: $1.envelope) }
        bus.handle(PublishDeviceKeyV1.self) { try await service.publishDeviceKey($0, envelope: $1.envelope) }
        bus.handle(GetUserKeysV1.self) { try await service.userKeys($0, envelope: $1.envelope) }
        bus.handle(ListTenantsV1.self) { try await service.listTenants($0, envelope: $1.envelope) }
        bus.handle(GetTenantV1.self) { try await service.tenant($0, envelope: $1.envelope) }
        bus.handle(UpdateTenantV1.self) { try await service.updateTenant($0, envelope: $1.envelope) }
        bus.handle(SetTenantStatusV1.self) { try await service.setTenantStatus($0, envelope: $1.envelope) }
        bus.handle(ListApplicationsV1.self) { try await service.listApplications($0, envelope: $1.envelope) }
        bus.handle(ReportQuotaExceededV1.self) { try await service.reportQuotaExceeded($0, envelope: $1.envelope) }
        bus.handle(GetTenantUsageV1.self) { try await service.tenantUsage($0, envelope: $1.envelope) }
        bus.handle(RotateAPIKeyV1.self) { try await service.rotateAPIKey($0, envelope: $1.envelope) }
        bus.handle(RecordAPIKeyUseV1.self) { try await service.recordAPIKeyUse($0, envelope: $1.envelope) }
        bus.handle(RecordLastSeenV1.self) { try await service.recordLastSeen($0, envelope: $1.envelope) }
        // The monthly usage record (decision 0035).
        bus.subscribe(MessageSentV1.self) { try await service.messageSent($0, envelope: $1.envelope) }
        bus.subscribe(DocumentUploadedV1.self) { try await service.documentStored($0.document, envelope: $1.envelope) }
        bus.subscribe(DocumentVersionAddedV1.self) { try await service.documentStored($0.document, envelope: $1.envelope) }
        bus.subscribe(DocumentDeletedV1.self) { try await service.documentDeleted($0, envelope: $1.envelope) }
    }
}
