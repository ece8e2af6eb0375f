import BusinessAIService
import Foundation
import SeedContracts
import SeedServiceTesting
import Testing

@Suite("Business-AI teams and roles")
struct TeamTests {
    typealias H = BusinessAIHarness

    @Test("an invitation by email becomes active when the account with that email accepts, even if it registered after the invitation")
    func inviteThenAccept() async throws {
        let h = try await H.make()
        let business = try await h.create("Shop", by: "owner")
        let invited = try await h.invite("Sam@Example.com", to: business.id, role: .manager, by: "owner")
        #expect(invited.status == .invited && invited.userId == nil && invited.email == "sam@example.com")
        await expectContractError(.notFound, field: "businessId") { try await h.accept(business.id, by: "sam") }
        try await h.account("sam", email: "sam@example.com")
        let joined = try await h.accept(business.id, by: "sam")
        #expect(joined.status == .active && joined.userId == "sam" && joined.permissions == BusinessRole.manager.permissions)
        let refreshed = try await h.service.getBusiness(GetBusinessV1(businessId: business.id), envelope: h.env(GetBusinessV1.self, "sam"))
        #expect(refreshed.stats.totalTeamMembers == 2)
        #expect(try await h.fixture.events(BusinessMemberChangedV1.self).map(\.change) == ["joined"])
    }

    @Test("another account cannot accept an invitation addressed to someone else's email")
    func wrongAccount() async throws {
        let h = try await H.make()
        let business = try await h.create("Shop", by: "owner")
        try await h.account("sam", email: "sam@example.com")
        try await h.account("eve", email: "eve@example.com")
        try await h.invite("sam@example.com", to: business.id, by: "owner")
        await expectContractError(.notFound, field: "businessId") { try await h.accept(business.id, by: "eve") }
    }

    @Test("only canManageTeam invites: staff and managers are forbidden; the same email twice is a conflict")
    func invitePermission() async throws {
        let h = try await H.make()
        let business = try await h.create("Shop", by: "owner")
        try await h.join("staff", email: "staff@example.com", to: business.id, role: .staff, by: "owner")
        try await h.join("mgr", email: "mgr@example.com", to: business.id, role: .manager, by: "owner")
        for user in ["staff", "mgr"] {
            await expectContractError(.forbidden, field: "canManageTeam") { try await h.invite("new@example.com", to: business.id, by: user) }
        }
        await expectContractError(.conflict, field: "email") { try await h.invite("STAFF@example.com", to: business.id, by: "owner") }
        await expectContractError(.validation, field: "email") { try await h.invite("not-an-email", to: business.id, by: "owner") }
        #expect(try await h.count("business_members") == 3)
    }

    @Test("maxTeamMembers counts active and invited members")
    func teamLimit() async throws {
        let h = try await H.make()
        let business = try await h.create("Shop", by: "owner")
        for index in 1...4 { try await h.invite("p\(index)@example.com", to: business.id, by: "owner") }
        await expectContractError(.conflict, field: "subscription.maxTeamMembers") { try await h.invite("p5@example.com", to: business.id, by: "owner") }
    }

    @Test("the last owner can be neither removed nor demoted, nor leave; with a second owner they can")
    func lastOwner() async throws {
        let h = try await H.make()
        let business = try await h.create("Shop", by: "owner")
        let ownerMember = try await h.members(business.id, by: "owner")[0]
        await expectContractError(.conflict, field: "memberId") {
            try await h.service.removeMember(RemoveBusinessMemberV1(businessId: business.id, memberId: ownerMember.id), envelope: h.env(RemoveBusinessMemberV1.self, "owner"))
        }
        await expectContractError(.conflict, field: "memberId") {
            try await h.service.changeMemberRole(
                ChangeBusinessMemberRoleV1(businessId: business.id, memberId: ownerMember.id, role: .admin), envelope: h.env(ChangeBusinessMemberRoleV1.self, "owner"))
        }
        try await h.join("second", email: "second@example.com", to: business.id, role: .owner, by: "owner")
        _ = try await h.service.removeMember(RemoveBusinessMemberV1(businessId: business.id, memberId: ownerMember.id), envelope: h.env(RemoveBusinessMemberV1.self, "owner"))
        #expect(try await h.members(business.id, by: "second").map(\.userId) == ["second"])
    }

    @Test("admins cannot make, unmake or remove owners; they manage other roles")
    func ownersOnlyByOwners() async throws {
        let h = try await H.make()
        let business = try await h.create("Shop", by: "owner")
        let admin = try await h.join("admin", email: "admin@example.com", to: business.id, role: .admin, by: "owner")
        let staff = try await h.join("staff", email: "staff@example.com", to: business.id, role: .staff, by: "owner")
        await expectContractError(.forbidden, field: "role") { try await h.invite("o2@example.com", to: business.id, role: .owner, by: "admin") }
        await expectContractError(.forbidden, field: "role") {
            try await h.service.changeMemberRole(
                ChangeBusinessMemberRoleV1(businessId: business.id, memberId: staff.id, role: .owner), envelope: h.env(ChangeBusinessMemberRoleV1.self, "admin"))
        }
        let promoted = try await h.service.changeMemberRole(
            ChangeBusinessMemberRoleV1(businessId: business.id, memberId: staff.id, role: .manager), envelope: h.env(ChangeBusinessMemberRoleV1.self, "admin"))
        #expect(promoted.role == .manager && promoted.permissions.canViewAnalytics)
        _ = admin
    }

    @Test("a custom role gives its own permission flags; its slug is unique per business, not across businesses")
    func customRoles() async throws {
        let h = try await H.make()
        let shop = try await h.create("Shop", by: "owner")
        let other = try await h.create("Other", by: "owner")
        let flags = BusinessPermissionsV1(
            canUploadDocuments: true, canDeleteDocuments: false, canManageTeam: true, canViewAnalytics: true, canManageSettings: false, canChat: true,
            custom: ["canExportReports"])
        let role = try await h.service.createRole(
            CreateBusinessRoleV1(businessId: shop.id, roleName: "Sales Manager", baseRole: .manager, permissions: flags), envelope: h.env(CreateBusinessRoleV1.self, "owner"))
        #expect(role.roleSlug == "sales-manager" && !role.isSystemRole)
        await expectContractError(.conflict, field: "roleName") {
            try await h.service.createRole(CreateBusinessRoleV1(businessId: shop.id, roleName: "sales manager", permissions: flags), envelope: h.env(CreateBusinessRoleV1.self, "owner"))
        }
        _ = try await h.service.createRole(CreateBusinessRoleV1(businessId: other.id, roleName: "Sales Manager", permissions: flags), envelope: h.env(CreateBusinessRoleV1.self, "owner"))
        await expectContractError(.validation, field: "baseRole") {
            try await h.service.createRole(CreateBusinessRoleV1(businessId: shop.id, roleName: "Boss", baseRole: .owner, permissions: flags), envelope: h.env(CreateBusinessRoleV1.self, "owner"))
        }
        try await h.account("sal", email: "sal@example.com")
        try await h.invite("sal@example.com", to: shop.id, custom: "sales-manager", by: "owner")
        let sal = try await h.accept(shop.id, by: "sal")
        #expect(sal.role == .manager && sal.customRoleName == "Sales Manager" && sal.permissions == flags)
        // The custom role's canManageTeam lets Sal invite.
        try await h.invite("new@example.com", to: shop.id, by: "sal")
        await expectContractError(.notFound, field: "customRoleSlug") { try await h.invite("n2@example.com", to: shop.id, custom: "nope", by: "owner") }
    }

    @Test("a user belongs to many businesses with one role in each")
    func manyBusinesses() async throws {
        let h = try await H.make()
        let a = try await h.create("Alpha", by: "oa")
        let b = try await h.create("Beta", by: "ob")
        try await h.join("u", email: "u@example.com", to: a.id, role: .staff, by: "oa")
        try await h.invite("u@example.com", to: b.id, role: .admin, by: "ob")
        try await h.accept(b.id, by: "u")
        let mine = try await h.service.listMyBusinesses(ListMyBusinessesV1(), envelope: h.env(ListMyBusinessesV1.self, "u"))
        #expect(mine.businesses.map(\.business.businessName) == ["Alpha", "Beta"] && mine.businesses.map(\.role) == [.staff, .admin])
    }
}
