import Foundation
import SeedBus
import SeedContracts
import SeedOpsKit
import Synchronization
import Testing

/// `seed-ops bootstrap-admin` against the real broker. Identity is a stand-in bus that answers
/// `identity.register-user.v1` the way identity does (only the configured email becomes
/// `super_admin`; identity's own rule is tested in IdentityServiceTests): what is checked here is what
/// the command sends and how it reports each answer.
@Suite("seed-ops bootstrap-admin", .serialized)
struct BootstrapAdminCommandTests {
    static let adminEmail = "root@example.com"

    @Test("the configured email becomes super_admin and exits 0; another email is reported as not an administrator and exits 1; a refusal names its code")
    func bootstrapAdminReportsIdentitysAnswer() async throws {
        let broker = try OpsBroker()
        let identity = try broker.bus(.identity)
        let received = Mutex<[RegisterUserV1]>([])
        identity.handle(RegisterUserV1.self) { command, _ in
            received.withLock { $0.append(command) }
            guard command.password.count >= 8 else {
                throw ContractError.validation("the password needs at least 8 characters", field: "password")
            }
            var user = UserV1.example
            user.email = command.email
            user.role = command.email == Self.adminEmail ? .superAdmin : .client
            return user
        }
        try await whileRunning(identity) {
            setenv("SEED_OPS_ADMIN_PASSWORD", "correct horse battery", 1)
            defer { unsetenv("SEED_OPS_ADMIN_PASSWORD") }
            #expect(await runSeedOps(["bootstrap-admin"] + broker.arguments + ["--email", Self.adminEmail]) == 0)
            #expect(received.withLock { $0.last } == RegisterUserV1(email: Self.adminEmail, password: "correct horse battery"))

            #expect(await runSeedOps(["bootstrap-admin"] + broker.arguments + ["--email", "someone@example.com"]) == 1,
                    "an account that identity did not make super_admin is a failure")

            let refusal = await #expect(throws: OpsFailure.self) {
                _ = try await bootstrapAdmin(bus: identity, email: Self.adminEmail, password: "short", timeout: .seconds(20))
            }
            #expect(refusal?.description.contains("identity refused the registration: validation") == true, "\(String(describing: refusal))")
            #expect(received.withLock { $0.count } == 3)
        }
    }
}
