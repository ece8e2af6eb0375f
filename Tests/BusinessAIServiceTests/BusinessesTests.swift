import BusinessAIService
import Foundation
import SeedContracts
import SeedServiceTesting
import Testing

@Suite("Business-AI businesses")
struct BusinessesTests {
    typealias H = BusinessAIHarness

    @Test("the creator of a business is its active owner, with the free plan's limits and a collection named business_{id}")
    func creatorIsOwner() async throws {
        let h = try await H.make()
        let business = try await h.create("Luxury Salon & Spa", by: "u1")
        #expect(business.businessSlug == "luxury-salon-spa" && business.createdBy == "u1" && business.isActive)
        #expect(business.chromaCollectionId == "business_\(business.id)")
        #expect(business.subscription.maxDocuments == 50 && business.subscription.maxTeamMembers == 5 && business.stats.totalTeamMembers == 1)
        let members = try await h.members(business.id, by: "u1")
        #expect(members.map(\.role) == [.owner] && members[0].status == .active && members[0].permissions == BusinessRole.owner.permissions)
        #expect(try await h.fixture.events(BusinessCreatedV1.self).map(\.business.id) == [business.id])
    }

    @Test("slugs come from the name and stay unique: a second 'Café Olé!' from 'Cafe  Ole' becomes cafe-ole-2")
    func uniqueSlugs() async throws {
        let h = try await H.make()
        let first = try await h.create("Café Olé!", by: "u1")
        let second = try await h.create("Cafe  Ole", by: "u2")
        #expect(first.businessSlug == "cafe-ole" && second.businessSlug == "cafe-ole-2")
    }

    @Test("a business name already taken (ignoring case) is a conflict naming businessName; nothing is stored")
    func uniqueNames() async throws {
        let h = try await H.make()
        try await h.create("Luxury Salon", by: "u1")
        await expectContractError(.conflict, field: "businessName") { try await h.create("LUXURY salon", by: "u2") }
        #expect(try await h.count("businesses") == 1)
        #expect(try await h.count("business_members") == 1)
    }

    @Test("bad names, emails, websites, colours, coordinates and chat settings are refused naming the field; nothing changes")
    func validation() async throws {
        let h = try await H.make()
        await expectContractError(.validation, field: "businessName") { try await h.create(" x ", by: "u1") }
        await expectContractError(.validation, field: "email") {
            try await h.service.createBusiness(CreateBusinessV1(businessName: "Shop", email: "nope"), envelope: h.env(CreateBusinessV1.self, "u1"))
        }
        await expectContractError(.validation, field: "website") {
            try await h.service.createBusiness(CreateBusinessV1(businessName: "Shop", website: "ftp://x.y"), envelope: h.env(CreateBusinessV1.self, "u1"))
        }
        await expectContractError(.validation, field: "address.coordinates.lat") {
            try await h.service.createBusiness(
                CreateBusinessV1(businessName: "Shop", address: BusinessAddressV1(coordinates: CoordinatesV1(lat: 91, lng: 0))), envelope: h.env(CreateBusinessV1.self, "u1"))
        }
        #expect(try await h.count("businesses") == 0)
        let business = try await h.create("Shop", by: "u1")
        let cases: [(UpdateBusinessV1, String)] = [
            (UpdateBusinessV1(businessId: business.id, primaryColor: "pink"), "primaryColor"),
            (UpdateBusinessV1(businessId: business.id, chatSettings: ChatSettingsPatchV1(rateLimitPerIP: 0)), "chatSettings.rateLimitPerIP"),
            (UpdateBusinessV1(businessId: business.id, chatSettings: ChatSettingsPatchV1(welcomeMessage: " ")), "chatSettings.welcomeMessage"),
            (UpdateBusinessV1(businessId: business.id, logo: "javascript:alert(1)"), "logo"),
        ]
        for (command, field) in cases {
            await expectContractError(.validation, field: field) {
                try await h.service.updateBusiness(command, envelope: h.env(UpdateBusinessV1.self, "u1"))
            }
        }
        let stored = try await h.service.getBusiness(GetBusinessV1(businessId: business.id), envelope: h.env(GetBusinessV1.self, "u1"))
        #expect(stored == business)
        #expect(try await h.fixture.events(BusinessUpdatedV1.self).isEmpty)
    }

    @Test("profile, branding and chat settings change with canManageSettings and announce the changed fields; a manager is forbidden")
    func updateSettings() async throws {
        let h = try await H.make()
        let business = try await h.create("Shop", by: "owner")
        let updated = try await h.service.updateBusiness(
            UpdateBusinessV1(businessId: business.id, businessName: "Shop Deluxe", primaryColor: "#ff69b4",
                             chatSettings: ChatSettingsPatchV1(isPublic: false, rateLimitPerIP: 20, showSources: true)),
            envelope: h.env(UpdateBusinessV1.self, "owner"))
        #expect(updated.businessSlug == "shop-deluxe" && updated.primaryColor == "#FF69B4")
        #expect(updated.chatSettings.rateLimitPerIP == 20 && !updated.chatSettings.isPublic && updated.chatSettings.showSources)
        #expect(try await h.fixture.events(BusinessUpdatedV1.self).map(\.changedFields) == [["businessName", "businessSlug", "primaryColor", "chatSettings"]])
        try await h.join("m1", email: "m1@example.com", to: business.id, role: .manager, by: "owner")
        await expectContractError(.forbidden, field: "canManageSettings") {
            try await h.service.updateBusiness(UpdateBusinessV1(businessId: business.id, logo: "https://x.example/l.png"), envelope: h.env(UpdateBusinessV1.self, "m1"))
        }
    }

    @Test("a business is invisible to non-members: get, update and members are not_found, never forbidden")
    func isolation() async throws {
        let h = try await H.make()
        let mine = try await h.create("Mine", by: "a")
        try await h.create("Theirs", by: "b")
        await expectContractError(.notFound, field: "businessId") {
            try await h.service.getBusiness(GetBusinessV1(businessId: mine.id), envelope: h.env(GetBusinessV1.self, "b"))
        }
        await expectContractError(.notFound, field: "businessId") { try await h.members(mine.id, by: "b") }
        await expectContractError(.notFound, field: "businessId") {
            try await h.service.updateBusiness(UpdateBusinessV1(businessId: mine.id, primaryColor: "#000000"), envelope: h.env(UpdateBusinessV1.self, "b"))
        }
        let listed = try await h.service.listMyBusinesses(ListMyBusinessesV1(), envelope: h.env(ListMyBusinessesV1.self, "b"))
        #expect(listed.businesses.map(\.business.businessName) == ["Theirs"])
    }

    @Test("only owners deactivate or delete; deleting removes members, roles and the business")
    func deactivateAndDelete() async throws {
        let h = try await H.make()
        let business = try await h.create("Shop", by: "owner")
        try await h.join("admin", email: "admin@example.com", to: business.id, role: .admin, by: "owner")
        await expectContractError(.forbidden, field: "role") {
            try await h.service.deactivateBusiness(DeactivateBusinessV1(businessId: business.id), envelope: h.env(DeactivateBusinessV1.self, "admin"))
        }
        let off = try await h.service.deactivateBusiness(DeactivateBusinessV1(businessId: business.id), envelope: h.env(DeactivateBusinessV1.self, "owner"))
        #expect(!off.isActive)
        await expectContractError(.forbidden, field: "role") {
            try await h.service.deleteBusiness(DeleteBusinessV1(businessId: business.id), envelope: h.env(DeleteBusinessV1.self, "admin"))
        }
        _ = try await h.service.deleteBusiness(DeleteBusinessV1(businessId: business.id), envelope: h.env(DeleteBusinessV1.self, "owner"))
        #expect(try await h.count("businesses") == 0)
        #expect(try await h.count("business_members") == 0)
        #expect(try await h.fixture.events(BusinessDeletedV1.self).map(\.businessId) == [business.id])
    }

    @Test("a subscription below current use is refused naming the limit; within it, the limits change")
    func subscriptionLimits() async throws {
        let h = try await H.make()
        let business = try await h.create("Shop", by: "owner")
        try await h.invite("x@example.com", to: business.id, by: "owner")
        let tooSmall = BusinessSubscriptionV1(plan: .free, status: "active", expiresAt: nil, maxDocuments: 10, maxTeamMembers: 1)
        await expectContractError(.validation, field: "subscription.maxTeamMembers") {
            try await h.service.setSubscription(SetBusinessSubscriptionV1(businessId: business.id, subscription: tooSmall), envelope: h.env(SetBusinessSubscriptionV1.self, nil))
        }
        var pro = tooSmall
        pro.maxTeamMembers = 2
        let changed = try await h.service.setSubscription(
            SetBusinessSubscriptionV1(businessId: business.id, subscription: pro), envelope: h.env(SetBusinessSubscriptionV1.self, nil))
        #expect(changed.subscription.maxTeamMembers == 2)
        await expectContractError(.conflict, field: "subscription.maxTeamMembers") { try await h.invite("y@example.com", to: business.id, by: "owner") }
    }
}
