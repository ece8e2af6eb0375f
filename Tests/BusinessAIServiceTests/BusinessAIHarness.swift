import BusinessAIService
import Foundation
import SeedContracts
import SeedServiceKit
import SeedServiceTesting
import Testing

/// The business-ai service over a fresh embedded store on a test clock.
struct BusinessAIHarness {
    let fixture: ServiceFixture
    let service: BusinessAIService

    static func make() async throws -> BusinessAIHarness {
        let fixture = try await ServiceFixture.make(.businessAI, collections: BusinessAICollections.all)
        return BusinessAIHarness(fixture: fixture, service: BusinessAIService(work: fixture.work))
    }

    func env<C: Command>(_ type: C.Type, _ user: String?) -> MessageEnvelope { fixture.envelope(type, actor: user) }

    /// Identity announces an account with `email`.
    func account(_ id: String, email: String) async throws {
        var user = UserV1.example
        user.id = id
        user.email = email
        try await service.userAnnounced(user, envelope: env(CreateBusinessV1.self, nil))
    }

    @discardableResult
    func create(_ name: String, by user: String) async throws -> BusinessV1 {
        try await service.createBusiness(CreateBusinessV1(businessName: name), envelope: env(CreateBusinessV1.self, user))
    }

    @discardableResult
    func invite(_ email: String, to business: String, role: BusinessRole? = nil, custom: String? = nil, by user: String) async throws -> BusinessMemberV1 {
        try await service.inviteMember(
            InviteBusinessMemberV1(businessId: business, email: email, role: role, customRoleSlug: custom), envelope: env(InviteBusinessMemberV1.self, user))
    }

    @discardableResult
    func accept(_ business: String, by user: String) async throws -> BusinessMemberV1 {
        try await service.acceptInvitation(AcceptBusinessInvitationV1(businessId: business), envelope: env(AcceptBusinessInvitationV1.self, user))
    }

    /// `email`'s account `user` invited with `role` and accepted.
    @discardableResult
    func join(_ user: String, email: String, to business: String, role: BusinessRole, by owner: String) async throws -> BusinessMemberV1 {
        try await account(user, email: email)
        try await invite(email, to: business, role: role, by: owner)
        return try await accept(business, by: user)
    }

    func members(_ business: String, by user: String) async throws -> [BusinessMemberV1] {
        try await service.listMembers(ListBusinessMembersV1(businessId: business), envelope: env(ListBusinessMembersV1.self, user)).members
    }

    func count(_ collection: String) async throws -> Int {
        try await fixture.store.count(in: collection, where: .all)
    }
}
