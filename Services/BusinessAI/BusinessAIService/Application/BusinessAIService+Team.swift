import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension BusinessAIService {
    /// The role, custom role name and slug, and permissions that `role` / `customRoleSlug` give in
    /// `businessId`; a custom role not defined there is `not_found` naming `customRoleSlug`.
    func grant(role: BusinessRole?, customRoleSlug: String?, in businessId: String, operations: any DocumentOperations) async throws
        -> (BusinessRole, String?, String?, BusinessPermissionsV1)
    {
        if let slug = customRoleSlug {
            guard let custom = try await DocumentCollection(CustomRole.self, in: operations).first(.and([
                .equal("businessId", .string(businessId)), .equal("roleSlug", .string(slug)),
            ])), custom.isActive else {
                throw ContractError(.notFound, "no role \(slug) in this business", details: ["field": "customRoleSlug"])
            }
            return (custom.baseRole, custom.roleName, custom.roleSlug, custom.permissions)
        }
        let role = role ?? .staff
        return (role, nil, nil, role.permissions)
    }

    /// `business-ai.invite-member.v1` (canManageTeam; only owners invite owners): one invitation per
    /// email and business; counts against `maxTeamMembers`. When identity has announced an account with
    /// that email, the invitation is already that user's.
    public func inviteMember(_ command: InviteBusinessMemberV1, envelope: MessageEnvelope) async throws -> BusinessMemberV1 {
        let user = try envelope.signedInActor()
        let email = try BusinessRules.email(command.email)
        return try await work.once(envelope) { tx in
            let (business, inviter) = try await membership(user, of: command.businessId, needs: \.canManageTeam, named: "canManageTeam", in: tx.operations)
            let (role, customName, customSlug, permissions) = try await grant(
                role: command.role, customRoleSlug: command.customRoleSlug, in: business.id, operations: tx.operations)
            if role == .owner, inviter.role != .owner {
                throw ContractError(.forbidden, "only owners make owners", details: ["field": "role"])
            }
            guard try await seatCount(of: business.id, in: tx.operations) < business.subscription.maxTeamMembers else {
                throw ContractError(.conflict, "the plan allows \(business.subscription.maxTeamMembers) members", details: ["field": "subscription.maxTeamMembers"])
            }
            let account = try await tx.directory.first(.equal("email", .string(email)))
            let userId = account?.id ?? BusinessMember.pendingUserId(email: email)
            let existing = try await tx.members.first(.and([
                .equal("businessId", .string(business.id)), .or([.equal("userId", .string(userId)), .equal("email", .string(email))]),
            ]))
            guard existing == nil else {
                throw ContractError(.conflict, "\(email) is already a member or invited", details: ["field": "email"])
            }
            let member = BusinessMember(
                id: ObjectId().description, userId: userId, businessId: business.id, email: email, role: role, customRoleName: customName,
                customRoleSlug: customSlug, permissions: permissions, status: .invited, invitedBy: user, invitedAt: tx.now, joinedAt: nil,
                createdAt: tx.now, updatedAt: tx.now)
            try await tx.members.insert(member)
            try await tx.publish(BusinessMemberInvitedV1(member: member.view, businessName: business.businessName))
            return member.view
        }
    }

    /// `business-ai.accept-invitation.v1`: the invitation must be addressed to the caller's account
    /// email (as identity announced it); the membership becomes active.
    public func acceptInvitation(_ command: AcceptBusinessInvitationV1, envelope: MessageEnvelope) async throws -> BusinessMemberV1 {
        let user = try envelope.signedInActor()
        return try await work.once(envelope) { tx in
            let email = try await tx.directory.first(.equal("_id", .string(user)))?.email
            var candidates: [DocumentValue] = [.string(user)]
            if let email { candidates.append(.string(BusinessMember.pendingUserId(email: email))) }
            guard var member = try await tx.members.first(.and([
                .equal("businessId", .string(command.businessId)), .isIn("userId", candidates),
                .equal("status", .string(BusinessMemberStatus.invited.rawValue)),
            ])) else {
                throw ContractError(.notFound, "no invitation to this business for your account", details: ["field": "businessId"])
            }
            var business = try await business(command.businessId, in: tx.operations)
            member.userId = user
            member.status = .active
            member.joinedAt = tx.now
            member.updatedAt = tx.now
            try await tx.members.replace(member)
            try await recountTeam(&business, in: tx)
            business.updatedAt = tx.now
            try await tx.businesses.replace(business)
            try await tx.publish(BusinessMemberChangedV1(member: member.view, change: "joined", by: user))
            return member.view
        }
    }

    /// `business-ai.list-members.v1`: owners first, then by role and email.
    public func listMembers(_ command: ListBusinessMembersV1, envelope: MessageEnvelope) async throws -> BusinessMembersV1 {
        let user = try envelope.signedInActor()
        return try await work.mapStoreErrors {
            let (business, _) = try await membership(user, of: command.businessId, in: store)
            let order = Dictionary(uniqueKeysWithValues: BusinessRole.allCases.enumerated().map { ($1, $0) })
            let members = try await DocumentCollection(BusinessMember.self, in: store).find(.equal("businessId", .string(business.id)))
            return BusinessMembersV1(members: members.sorted {
                (order[$0.role]!, $0.email ?? $0.userId) < (order[$1.role]!, $1.email ?? $1.userId)
            }.map(\.view))
        }
    }

    /// A member of `businessId` by its id, or `not_found` naming `memberId`.
    func member(_ id: String, of businessId: String, in operations: any DocumentOperations) async throws -> BusinessMember {
        guard let member = try await DocumentCollection(BusinessMember.self, in: operations).first(.and([
            .equal("_id", .string(id)), .equal("businessId", .string(businessId)),
        ])) else { throw ContractError(.notFound, "no member \(id) in this business", details: ["field": "memberId"]) }
        return member
    }

    /// `business-ai.change-member-role.v1` (canManageTeam; only owners make or unmake owners; the last
    /// active owner keeps the role).
    public func changeMemberRole(_ command: ChangeBusinessMemberRoleV1, envelope: MessageEnvelope) async throws -> BusinessMemberV1 {
        let user = try envelope.signedInActor()
        guard command.role != nil || command.customRoleSlug != nil else { throw ContractError.validation("send role or customRoleSlug", field: "role") }
        return try await work.once(envelope) { tx in
            let (business, actor) = try await membership(user, of: command.businessId, needs: \.canManageTeam, named: "canManageTeam", in: tx.operations)
            var member = try await member(command.memberId, of: business.id, in: tx.operations)
            let (role, customName, customSlug, permissions) = try await grant(
                role: command.role, customRoleSlug: command.customRoleSlug, in: business.id, operations: tx.operations)
            if (role == .owner || member.role == .owner), actor.role != .owner {
                throw ContractError(.forbidden, "only owners make or unmake owners", details: ["field": "role"])
            }
            if member.role == .owner, role != .owner, member.status == .active, try await ownerCount(of: business.id, in: tx.operations) == 1 {
                throw ContractError(.conflict, "the last owner keeps the role; make another owner first", details: ["field": "memberId"])
            }
            member.role = role
            member.customRoleName = customName
            member.customRoleSlug = customSlug
            member.permissions = permissions
            member.updatedAt = tx.now
            try await tx.members.replace(member)
            try await tx.publish(BusinessMemberChangedV1(member: member.view, change: "role-changed", by: user))
            return member.view
        }
    }

    /// `business-ai.remove-member.v1`: canManageTeam removes anyone but owners (only owners remove
    /// owners); any member may leave; the last active owner cannot go.
    public func removeMember(_ command: RemoveBusinessMemberV1, envelope: MessageEnvelope) async throws -> Accepted {
        let user = try envelope.signedInActor()
        return try await work.once(envelope) { tx in
            let (business, actor) = try await membership(user, of: command.businessId, in: tx.operations)
            var business2 = business
            let member = try await member(command.memberId, of: business.id, in: tx.operations)
            let leaving = member.userId == user
            if !leaving {
                guard actor.permissions.canManageTeam else {
                    throw ContractError(.forbidden, "your role in this business lacks canManageTeam", details: ["field": "canManageTeam"])
                }
                if member.role == .owner, actor.role != .owner {
                    throw ContractError(.forbidden, "only owners remove owners", details: ["field": "role"])
                }
            }
            if member.role == .owner, member.status == .active, try await ownerCount(of: business.id, in: tx.operations) == 1 {
                throw ContractError(.conflict, "the last owner cannot be removed; make another owner first", details: ["field": "memberId"])
            }
            _ = try await tx.members.delete(.equal("_id", .string(member.id)))
            try await recountTeam(&business2, in: tx)
            business2.updatedAt = tx.now
            try await tx.businesses.replace(business2)
            try await tx.publish(BusinessMemberChangedV1(member: member.view, change: "removed", by: user))
            return Accepted()
        }
    }

    /// `business-ai.create-role.v1` (canManageTeam): a slug from the name, unique in the business; the
    /// base role is admin, manager or staff.
    public func createRole(_ command: CreateBusinessRoleV1, envelope: MessageEnvelope) async throws -> BusinessCustomRoleV1 {
        let user = try envelope.signedInActor()
        let name = try BusinessRules.roleName(command.roleName)
        let description = try BusinessRules.text(command.description, field: "description", limit: 500)
        let permissions = try BusinessRules.permissions(command.permissions)
        let base = command.baseRole ?? .staff
        guard base != .owner else { throw ContractError.validation("a custom role cannot be based on owner", field: "baseRole") }
        return try await work.once(envelope) { tx in
            let (business, _) = try await membership(user, of: command.businessId, needs: \.canManageTeam, named: "canManageTeam", in: tx.operations)
            let slug = BusinessRules.slug(of: name)
            guard try await tx.roles.first(.and([.equal("businessId", .string(business.id)), .equal("roleSlug", .string(slug))])) == nil else {
                throw ContractError(.conflict, "this business has a role \(slug)", details: ["field": "roleName"])
            }
            let role = CustomRole(
                id: ObjectId().description, businessId: business.id, roleName: name, roleSlug: slug, description: description, baseRole: base,
                permissions: permissions, isSystemRole: false, isActive: true, createdBy: user, createdAt: tx.now, updatedAt: tx.now)
            try await tx.roles.insert(role)
            return role.view
        }
    }

    /// `business-ai.list-roles.v1`.
    public func listRoles(_ command: ListBusinessRolesV1, envelope: MessageEnvelope) async throws -> BusinessCustomRolesV1 {
        let user = try envelope.signedInActor()
        return try await work.mapStoreErrors {
            let (business, _) = try await membership(user, of: command.businessId, in: store)
            let roles = try await DocumentCollection(CustomRole.self, in: store).find(
                .equal("businessId", .string(business.id)), options: FindOptions(sort: [SortKey("roleName")]))
            return BusinessCustomRolesV1(roles: roles.map(\.view))
        }
    }
}
