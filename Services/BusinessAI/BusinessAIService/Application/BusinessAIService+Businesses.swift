import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension BusinessAIService {
    /// `business-ai.create-business.v1`: a unique name (ignoring case), a slug from it made unique with
    /// `-2`, `-3`, …; the caller becomes its active owner; the free plan's limits.
    public func createBusiness(_ command: CreateBusinessV1, envelope: MessageEnvelope) async throws -> BusinessV1 {
        let user = try envelope.signedInActor()
        let name = try BusinessRules.businessName(command.businessName)
        let businessType = try BusinessRules.text(command.businessType, field: "businessType", limit: 50)
        let industry = try BusinessRules.text(command.industry, field: "industry", limit: 50)
        let description = try BusinessRules.text(command.description, field: "description", limit: 2000)
        let phone = try BusinessRules.text(command.phone, field: "phone", limit: 30)
        let email = try BusinessRules.optionalEmail(command.email, field: "email")
        let website = try BusinessRules.url(command.website, field: "website")
        let address = try BusinessRules.address(command.address)
        return try await work.once(envelope) { tx in
            guard try await tx.businesses.first(.equal("nameKey", .string(name.lowercased()))) == nil else {
                throw ContractError(.conflict, "a business named \(name) exists", details: ["field": "businessName"])
            }
            let slug = try await freeSlug(for: name, in: tx)
            let id = ObjectId().description
            var business = Business(
                id: id, businessName: name, nameKey: name.lowercased(), businessSlug: slug, businessType: businessType, industry: industry,
                description: description, phone: phone, email: email, website: website, address: address, logo: nil, primaryColor: nil,
                secondaryColor: nil, chatSettings: .defaults, subscription: .free,
                stats: BusinessStatsV1(totalDocuments: 0, totalChats: 0, totalTeamMembers: 1), createdBy: user,
                chromaCollectionId: Business.collectionName(id), isActive: true, createdAt: tx.now, updatedAt: tx.now)
            let owner = BusinessMember(
                id: ObjectId().description, userId: user, businessId: id, email: try await tx.directory.first(.equal("_id", .string(user)))?.email,
                role: .owner, customRoleName: nil, customRoleSlug: nil, permissions: BusinessRole.owner.permissions, status: .active, invitedBy: nil,
                invitedAt: nil, joinedAt: tx.now, createdAt: tx.now, updatedAt: tx.now)
            try await tx.businesses.insert(business)
            try await tx.members.insert(owner)
            try await recountTeam(&business, in: tx)
            try await tx.publish(BusinessCreatedV1(business: business.view))
            return business.view
        }
    }

    /// The slug of `name`, or of `name` with the first free suffix `-2`, `-3`, ….
    func freeSlug(for name: String, excluding id: String? = nil, in tx: Transaction) async throws -> String {
        let base = BusinessRules.slug(of: name)
        var candidate = base
        var suffix = 1
        while let other = try await tx.businesses.first(.equal("businessSlug", .string(candidate))), other.id != id {
            suffix += 1
            candidate = "\(base)-\(suffix)"
        }
        return candidate
    }

    /// `business-ai.update-business.v1` (canManageSettings): absent fields keep their value; a new name
    /// must be free and makes a new slug.
    public func updateBusiness(_ command: UpdateBusinessV1, envelope: MessageEnvelope) async throws -> BusinessV1 {
        let user = try envelope.signedInActor()
        let name = try command.businessName.map { raw throws(ContractError) in try BusinessRules.businessName(raw) }
        let businessType = try BusinessRules.text(command.businessType, field: "businessType", limit: 50)
        let industry = try BusinessRules.text(command.industry, field: "industry", limit: 50)
        let description = try BusinessRules.text(command.description, field: "description", limit: 2000)
        let phone = try BusinessRules.text(command.phone, field: "phone", limit: 30)
        let email = try BusinessRules.optionalEmail(command.email, field: "email")
        let website = try BusinessRules.url(command.website, field: "website")
        let logo = try BusinessRules.url(command.logo, field: "logo")
        let primary = try BusinessRules.color(command.primaryColor, field: "primaryColor")
        let secondary = try BusinessRules.color(command.secondaryColor, field: "secondaryColor")
        let address = try BusinessRules.address(command.address)
        return try await work.once(envelope) { tx in
            var (business, _) = try await membership(user, of: command.businessId, needs: \.canManageSettings, named: "canManageSettings", in: tx.operations)
            let before = business
            var changed: [String] = []
            if let name, name != business.businessName {
                if let other = try await tx.businesses.first(.equal("nameKey", .string(name.lowercased()))), other.id != business.id {
                    throw ContractError(.conflict, "a business named \(name) exists", details: ["field": "businessName"])
                }
                business.businessName = name
                business.nameKey = name.lowercased()
                business.businessSlug = try await freeSlug(for: name, excluding: business.id, in: tx)
            }
            if let businessType { business.businessType = businessType }
            if let industry { business.industry = industry }
            if let description { business.description = description }
            if let phone { business.phone = phone }
            if let email { business.email = email }
            if let website { business.website = website }
            if let address { business.address = address }
            if let logo { business.logo = logo }
            if let primary { business.primaryColor = primary }
            if let secondary { business.secondaryColor = secondary }
            if let patch = command.chatSettings { business.chatSettings = try BusinessRules.chatSettings(patch, onto: business.chatSettings) }
            for (field, differs) in [
                ("businessName", before.businessName != business.businessName), ("businessSlug", before.businessSlug != business.businessSlug),
                ("businessType", before.businessType != business.businessType), ("industry", before.industry != business.industry),
                ("description", before.description != business.description), ("phone", before.phone != business.phone),
                ("email", before.email != business.email), ("website", before.website != business.website),
                ("address", before.address != business.address), ("logo", before.logo != business.logo),
                ("primaryColor", before.primaryColor != business.primaryColor), ("secondaryColor", before.secondaryColor != business.secondaryColor),
                ("chatSettings", before.chatSettings != business.chatSettings),
            ] where differs { changed.append(field) }
            guard !changed.isEmpty else { return business.view }
            business.updatedAt = tx.now
            try await tx.businesses.replace(business)
            try await tx.publish(BusinessUpdatedV1(business: business.view, changedFields: changed))
            return business.view
        }
    }

    /// `business-ai.deactivate-business.v1` (owners only).
    public func deactivateBusiness(_ command: DeactivateBusinessV1, envelope: MessageEnvelope) async throws -> BusinessV1 {
        let user = try envelope.signedInActor()
        return try await work.once(envelope) { tx in
            var (business, member) = try await membership(user, of: command.businessId, in: tx.operations)
            guard member.role == .owner else { throw ContractError(.forbidden, "only owners deactivate a business", details: ["field": "role"]) }
            guard business.isActive else { return business.view }
            business.isActive = false
            business.updatedAt = tx.now
            try await tx.businesses.replace(business)
            try await tx.publish(BusinessUpdatedV1(business: business.view, changedFields: ["isActive"]))
            return business.view
        }
    }

    /// `business-ai.delete-business.v1` (owners only): the business, its members, roles, ingestion
    /// records and chat logs go in one transaction; its vector collection is dropped after the commit.
    public func deleteBusiness(_ command: DeleteBusinessV1, envelope: MessageEnvelope) async throws -> Accepted {
        let user = try envelope.signedInActor()
        let collection = Business.collectionName(command.businessId)
        let accepted = try await work.once(envelope) { tx in
            let (business, member) = try await membership(user, of: command.businessId, in: tx.operations)
            guard member.role == .owner else { throw ContractError(.forbidden, "only owners delete a business", details: ["field": "role"]) }
            let scope = Filter.equal("businessId", .string(business.id))
            _ = try await tx.jobs.delete(scope, many: true)
            _ = try await tx.archive.delete(scope, many: true)
            _ = try await tx.members.delete(scope, many: true)
            _ = try await tx.roles.delete(scope, many: true)
            _ = try await tx.ingested.delete(scope, many: true)
            _ = try await tx.chats.delete(scope, many: true)
            _ = try await tx.businesses.delete(.equal("_id", .string(business.id)))
            try await tx.publish(BusinessDeletedV1(businessId: business.id, deletedBy: user))
            return Accepted()
        }
        // After the commit (a redelivery drops it again, harmlessly): the business's vectors.
        if let knowledge { try await knowledge.dropCollection(collection, logger: logger) }
        return accepted
    }

    /// `business-ai.get-business.v1`: for active members only.
    public func getBusiness(_ command: GetBusinessV1, envelope: MessageEnvelope) async throws -> BusinessV1 {
        let user = try envelope.signedInActor()
        return try await work.mapStoreErrors { try await membership(user, of: command.businessId, in: store).0.view }
    }

    /// `business-ai.list-my-businesses.v1`: the caller's active memberships, by business name.
    public func listMyBusinesses(_ command: ListMyBusinessesV1, envelope: MessageEnvelope) async throws -> MyBusinessesV1 {
        let user = try envelope.signedInActor()
        return try await work.mapStoreErrors {
            let members = try await DocumentCollection(BusinessMember.self, in: store).find(.and([
                .equal("userId", .string(user)), .equal("status", .string(BusinessMemberStatus.active.rawValue)),
            ]))
            let businesses = try await DocumentCollection(Business.self, in: store).find(.isIn("_id", members.map { .string($0.businessId) }))
            let byId = Dictionary(uniqueKeysWithValues: businesses.map { ($0.id, $0) })
            let mine = members.compactMap { member in
                byId[member.businessId].map {
                    MyBusinessV1(business: $0.view, role: member.role, customRoleName: member.customRoleName, permissions: member.permissions)
                }
            }
            return MyBusinessesV1(businesses: mine.sorted { $0.business.businessName < $1.business.businessName })
        }
    }

    /// `business-ai.set-subscription.v1` (internal, from billing): limits below what the business
    /// already uses are refused naming the limit.
    public func setSubscription(_ command: SetBusinessSubscriptionV1, envelope: MessageEnvelope) async throws -> BusinessV1 {
        let subscription = try BusinessRules.subscription(command.subscription)
        return try await work.once(envelope) { tx in
            var business = try await business(command.businessId, in: tx.operations)
            guard try await seatCount(of: business.id, in: tx.operations) <= subscription.maxTeamMembers else {
                throw ContractError.validation("the business already has more members than that", field: "subscription.maxTeamMembers")
            }
            guard try await tx.ingested.count(.equal("businessId", .string(business.id))) <= subscription.maxDocuments else {
                throw ContractError.validation("the business already has more documents than that", field: "subscription.maxDocuments")
            }
            business.subscription = subscription
            business.updatedAt = tx.now
            try await tx.businesses.replace(business)
            try await tx.publish(BusinessUpdatedV1(business: business.view, changedFields: ["subscription"]))
            return business.view
        }
    }
}
