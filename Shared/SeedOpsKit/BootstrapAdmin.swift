public import SeedBus
public import SeedContracts

/// Registers the first super-administrator through identity (`identity.register-user.v1`).
///
/// Identity makes the account `super_admin` only when its email is identity's
/// `SEED_IDENTITY_BOOTSTRAP_ADMIN_EMAIL` and no `super_admin` exists yet; otherwise the account is
/// an ordinary one and this throws ``OpsFailure`` saying so (the account stays registered).
public func bootstrapAdmin(bus: Bus, email: String, password: String, timeout: Duration = .seconds(30)) async throws -> UserV1 {
    let user: UserV1
    do {
        user = try await bus.request(RegisterUserV1(email: email, password: password), timeout: timeout)
    } catch {
        if case .rejected(let contractError) = error {
            throw OpsFailure("identity refused the registration: \(contractError.code.rawValue): \(contractError.message)")
        }
        throw OpsFailure("identity did not answer: \(error)")
    }
    guard user.role == .superAdmin else {
        throw OpsFailure(
            "\(email) was registered as '\(user.role.rawValue)', not super_admin: identity makes only the email of "
                + "SEED_IDENTITY_BOOTSTRAP_ADMIN_EMAIL a super_admin, and only while none exists")
    }
    return user
}
