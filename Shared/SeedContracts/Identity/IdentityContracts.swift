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
    ]

    public static let replies: [any Message.Type] = [
        UserV1.self, SessionTokensV1.self, SigningKeysV1.self, AuditLogPageV1.self, TenantV1.self, ApplicationV1.self,
        CreatedAPIKeyV1.self, APIKeyV1.self, APIKeyListV1.self, APIKeyPrincipalV1.self,
    ]

    public static let events: [any Event.Type] = [
        UserRegisteredV1.self, UserUpdatedV1.self, UserVerifiedV1.self, UserSuspendedV1.self, UserDeletedV1.self,
        SessionRevokedV1.self, EmailVerificationRequestedV1.self, PhoneVerificationRequestedV1.self,
    ]
}
