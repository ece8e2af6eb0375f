/// A command the identity service handles.
public protocol IdentityCommand: Command {}

extension IdentityCommand {
    public static var destination: CommandDestination { .service(.identity) }
}

/// An event the identity service publishes.
public protocol IdentityEvent: Event {}

extension IdentityEvent {
    public static var source: ServiceName { .identity }
}

/// Identity's messages: accounts, sessions, verification, administration, tenancy and API keys.
public enum IdentityContracts: ServiceContracts {
    public static let owner: ServiceName? = .identity
    public static let commands: [any Command.Type] = [
        RegisterUserV1.self, LoginV1.self, LoginWithGoogleV1.self, RefreshSessionV1.self, LogoutV1.self,
        VerifyEmailV1.self, RequestPhoneVerificationV1.self, VerifyPhoneV1.self, GetUserV1.self, UpdateProfileV1.self,
        ChangeUserRolesV1.self, ChangeUserStatusV1.self, DeleteUserV1.self, GetSigningKeysV1.self, ListAuditLogV1.self,
        CreateTenantV1.self, CreateApplicationV1.self, CreateAPIKeyV1.self, ListAPIKeysV1.self, RevokeAPIKeyV1.self,
        AuthenticateAPIKeyV1.self, UpsertTenantUserV1.self, GetTenantUserV1.self,
        SendFriendRequestV1.self, RespondToFriendRequestV1.self, RemoveFriendV1.self, BlockUserV1.self, UnblockUserV1.self,
        SetMuteV1.self, ListRelationshipsV1.self, GetPrivacySettingsV1.self, UpdatePrivacySettingsV1.self,
        ListSessionsV1.self, RequestPasswordResetV1.self, ResetPasswordV1.self, ChangePasswordV1.self, ResendVerificationEmailV1.self,
        PublishDeviceKeyV1.self, GetUserKeysV1.self, ListTenantsV1.self, GetTenantV1.self, UpdateTenantV1.self, SetTenantStatusV1.self,
        ListApplicationsV1.self, ReportQuotaExceededV1.self, GetTenantUsageV1.self, RotateAPIKeyV1.self, RecordAPIKeyUseV1.self,
        RecordLastSeenV1.self,
    ] + TenantDataOwners.commands(of: .identity)

    public static let replies: [any Message.Type] = [
        UserV1.self, SessionTokensV1.self, SigningKeysV1.self, AuditLogPageV1.self, TenantV1.self, ApplicationV1.self,
        CreatedAPIKeyV1.self, APIKeyV1.self, APIKeyListV1.self, APIKeyPrincipalV1.self,
        RelationshipV1.self, RelationshipListV1.self, PrivacySettingsV1.self, SessionListV1.self, DeviceKeyV1.self, UserKeysV1.self, TenantListV1.self, ApplicationListV1.self,
        TenantUsageV1.self,
    ]

    public static let events: [any Event.Type] = [
        UserRegisteredV1.self, UserUpdatedV1.self, UserVerifiedV1.self, UserSuspendedV1.self, UserDeletedV1.self,
        SessionRevokedV1.self, EmailVerificationRequestedV1.self, PhoneVerificationRequestedV1.self,
        RelationshipChangedV1.self, PrivacySettingsChangedV1.self, PasswordResetRequestedV1.self, PasswordChangedV1.self, DeviceKeyPublishedV1.self, TenantStatusChangedV1.self,
        TenantQuotasChangedV1.self, TenantQuotaExceededV1.self,
    ] + TenantDataOwners.events(of: .identity)
}
