import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension MessagingService {
    /// `messaging.add-members.v1`: owners and admins add people; those already in stay as they are.
    public func addMembers(_ command: AddMembersV1, envelope: MessageEnvelope) async throws -> MemberListV1 {
        let caller = try envelope.signedInActor()
        let id = try MessagingRules.id(command.conversationId, field: "conversationId")
        let userIds = try MessagingRules.ids(command.userIds, field: "userIds", limit: Conversation.maximumMembers)
        guard !userIds.isEmpty else { throw ContractError.validation("name at least one user to add", field: "userIds") }
        let role = command.role ?? .member
        guard role != .owner else { throw ContractError.validation("new members join as member or admin; make owners with change-member-role", field: "role") }
        let tenant = Self.tenant(of: envelope)
        return try await work.once(envelope) { tx in
            var conversation = try await manageable(id, by: caller, tenant: tenant, in: tx)
            guard conversation.type != .direct else {
                throw ContractError.validation("a direct conversation has exactly two members; create a group instead", field: "conversationId")
            }
            try await requireReachable(userIds, tenant: tenant, field: "userIds", in: tx.operations)
            var joined: [(String, MemberRole, ParticipantRole?)] = []
            for userId in userIds where conversation.admit(userId, role: role, at: tx.now) { joined.append((userId, role, nil)) }
            guard conversation.memberCount <= Conversation.maximumMembers else {
                throw ContractError.validation("a conversation holds at most \(Conversation.maximumMembers) members", field: "userIds")
            }
            if !joined.isEmpty { try await admitted(joined, to: &conversation, by: caller, in: tx) }
            return try await memberList(of: conversation, in: tx.operations)
        }
    }

    /// `messaging.remove-member.v1`: owners and admins remove someone; only an owner removes an owner,
    /// and the last owner stays.
    public func removeMember(_ command: RemoveMemberV1, envelope: MessageEnvelope) async throws -> Accepted {
        let caller = try envelope.signedInActor()
        let id = try MessagingRules.id(command.conversationId, field: "conversationId")
        let target = try MessagingRules.id(command.userId, field: "userId")
        let tenant = Self.tenant(of: envelope)
        return try await work.once(envelope) { tx in
            var conversation = try await manageable(id, by: caller, tenant: tenant, in: tx)
            guard conversation.type != .direct else { throw ContractError.validation("nobody is removed from a direct conversation", field: "conversationId") }
            guard let removed = conversation.participant(target) else {
                throw ContractError(.notFound, "\(target) is not a member of this conversation", details: ["field": "userId"])
            }
            if removed.role == .owner {
                guard conversation.participant(caller)?.role == .owner else { throw ContractError(.forbidden, "only an owner removes an owner") }
                guard conversation.ownerCount > 1 else {
                    throw ContractError(.conflict, "the last owner cannot be removed; make another member owner first", details: ["field": "userId"])
                }
            }
            try await depart(target, from: &conversation, removedBy: target == caller ? nil : caller, in: tx)
            return Accepted()
        }
    }

    /// `messaging.leave-conversation.v1`: the caller leaves; the last owner hands over first.
    public func leaveConversation(_ command: LeaveConversationV1, envelope: MessageEnvelope) async throws -> Accepted {
        let caller = try envelope.signedInActor()
        let id = try MessagingRules.id(command.conversationId, field: "conversationId")
        let successor = try command.newOwnerId.map { raw throws(ContractError) in try MessagingRules.id(raw, field: "newOwnerId") }
        let tenant = Self.tenant(of: envelope)
        return try await work.once(envelope) { tx in
            var conversation = try await conversation(id, visibleTo: caller, tenant: tenant, in: tx.operations)
            guard conversation.type != .direct else {
                throw ContractError.validation("a direct conversation cannot be left; archive it instead", field: "conversationId")
            }
            let me = conversation.participant(caller)
            if me?.role == .owner, conversation.ownerCount == 1, conversation.memberCount > 1 {
                guard let successor else {
                    throw ContractError(.conflict, "you are the last owner: name a newOwnerId among the members to leave", details: ["field": "newOwnerId"])
                }
                guard successor != caller, conversation.participant(successor) != nil else {
                    throw ContractError.validation("the new owner must be another member", field: "newOwnerId")
                }
                conversation.setRole(.owner, of: successor)
                var member = try await member(successor, of: conversation, in: tx.operations)
                member.role = .owner
                member.updatedAt = tx.now
                try await tx.members.replace(member)
            }
            try await depart(caller, from: &conversation, removedBy: nil, in: tx)
            return Accepted()
        }
    }

    /// `messaging.change-member-role.v1`: owners make members owners, admins or members.
    public func changeMemberRole(_ command: ChangeMemberRoleV1, envelope: MessageEnvelope) async throws -> MemberV1 {
        let caller = try envelope.signedInActor()
        let id = try MessagingRules.id(command.conversationId, field: "conversationId")
        let target = try MessagingRules.id(command.userId, field: "userId")
        let tenant = Self.tenant(of: envelope)
        return try await work.once(envelope) { tx in
            var conversation = try await conversation(id, visibleTo: caller, tenant: tenant, in: tx.operations)
            guard conversation.type != .direct else { throw ContractError.validation("a direct conversation has no roles", field: "conversationId") }
            guard conversation.participant(caller)?.role == .owner else { throw ContractError(.forbidden, "only owners change roles") }
            guard let current = conversation.participant(target) else {
                throw ContractError(.notFound, "\(target) is not a member of this conversation", details: ["field": "userId"])
            }
            if current.role == .owner, command.role != .owner, conversation.ownerCount == 1 {
                throw ContractError(.conflict, "the last owner cannot step down; make another member owner first", details: ["field": "role"])
            }
            var member = try await member(target, of: conversation, in: tx.operations)
            guard current.role != command.role else { return try await memberView(member, in: tx.operations) }
            conversation.setRole(command.role, of: target)
            conversation.updatedAt = tx.now
            member.role = command.role
            member.updatedAt = tx.now
            try await tx.members.replace(member)
            try await tx.conversations.replace(conversation)
            try await tx.publish(ConversationUpdatedV1(conversation: conversation.view, changedFields: ["members.\(target).role"], recipients: conversation.activeMemberIds))
            return try await memberView(member, in: tx.operations)
        }
    }

    /// `messaging.list-members.v1`: the current members, owners first, with names from identity.
    public func listMembers(_ command: ListMembersV1, envelope: MessageEnvelope) async throws -> MemberListV1 {
        let caller = try envelope.signedInActor()
        let id = try MessagingRules.id(command.conversationId, field: "conversationId")
        return try await work.mapStoreErrors {
            let conversation = try await conversation(id, visibleTo: caller, tenant: Self.tenant(of: envelope), in: store)
            return try await memberList(of: conversation, in: store)
        }
    }

    // MARK: - Shared steps

    /// The conversation if `caller` may manage its members and details (owner or admin).
    func manageable(_ id: String, by caller: String, tenant: String, in tx: Transaction) async throws -> Conversation {
        let conversation = try await conversation(id, visibleTo: caller, tenant: tenant, in: tx.operations)
        guard conversation.participant(caller)?.role.managesConversation == true else {
            throw ContractError(.forbidden, "only owners and admins manage this conversation's members")
        }
        return conversation
    }

    /// Takes `userId` out of `conversation`: member record gone, participant inactive, a system message,
    /// and `member-left` to everyone who was in it.
    func depart(_ userId: String, from conversation: inout Conversation, removedBy: String?, in tx: Transaction) async throws {
        let recipients = conversation.activeMemberIds
        conversation.release(userId, at: tx.now)
        _ = try await tx.members.delete(.equal("_id", .string(ConversationMember.id(conversation: conversation.id, user: userId))))
        let name = try await name(of: userId, in: tx.operations)
        var text = "\(name) left"
        if let removedBy { text = "\(try await self.name(of: removedBy, in: tx.operations)) removed \(name)" }
        if conversation.memberCount > 0 {
            try await postSystemMessage(text, by: removedBy ?? userId, in: &conversation, tx: tx)
        }
        try await tx.conversations.replace(conversation)
        try await tx.publish(MemberLeftV1(conversationId: conversation.id, userId: userId, removedBy: removedBy, recipients: recipients))
    }

    func memberList(of conversation: Conversation, in operations: any DocumentOperations) async throws -> MemberListV1 {
        let active = conversation.participants.filter(\.isActive)
        let directory = try await directoryEntries(active.map(\.userId), in: operations)
        let order: [MemberRole: Int] = [.owner: 0, .admin: 1, .member: 2]
        let members = active.sorted { (order[$0.role] ?? 3, $0.joinedAt, $0.userId) < (order[$1.role] ?? 3, $1.joinedAt, $1.userId) }.map { participant in
            MemberV1(
                userId: participant.userId, role: participant.role, participantRole: participant.participantRole,
                displayName: directory[participant.userId]?.displayName, avatarUrl: directory[participant.userId]?.avatarUrl, joinedAt: participant.joinedAt)
        }
        return MemberListV1(members: members)
    }

    func memberView(_ member: ConversationMember, in operations: any DocumentOperations) async throws -> MemberV1 {
        let entry = try await directoryEntries([member.userId], in: operations)[member.userId]
        return MemberV1(
            userId: member.userId, role: member.role, participantRole: member.participantRole, displayName: entry?.displayName,
            avatarUrl: entry?.avatarUrl, joinedAt: member.joinedAt)
    }
}
