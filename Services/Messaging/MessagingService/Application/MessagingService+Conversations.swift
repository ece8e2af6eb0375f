import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension MessagingService {
    /// `messaging.open-direct-conversation.v1`: the caller's conversation with another user, created on
    /// first use; one per pair in a tenant, so asking again (or both asking at once) returns the same one.
    public func openDirectConversation(_ command: OpenDirectConversationV1, envelope: MessageEnvelope) async throws -> ConversationV1 {
        let caller = try envelope.signedInActor()
        let other = try MessagingRules.id(command.userId, field: "userId")
        guard other != caller else { throw ContractError.validation("a direct conversation needs another user", field: "userId") }
        let tenant = Self.tenant(of: envelope)
        let key = Conversation.directKey(caller, other, tenant: tenant)
        do {
            return try await work.once(envelope) { tx in
                try await requireActive(caller, in: tx.operations)
                try await requireDirectAllowed(from: caller, to: other, in: tx.operations)
                if let existing = try await tx.conversations.first(.equal("directKey", .string(key))) {
                    return existing.view
                }
                try await requireReachable([other], tenant: tenant, field: "userId", in: tx.operations)
                var conversation = Conversation(
                    id: ObjectId().description, tenantId: tenant, type: .direct, directKey: key, encrypted: command.encrypted ?? false, now: tx.now)
                try await open(&conversation, with: [(caller, .member, nil), (other, .member, nil)], by: caller, in: tx)
                return conversation.view
            }
        } catch let error as ContractError where error.code == .conflict && error.details["field"] == "directKey" {
            // The other person opened it at the same moment; theirs stands.
            return try await work.mapStoreErrors {
                guard let existing = try await DocumentCollection(Conversation.self, in: store).first(.equal("directKey", .string(key)))
                else { throw error }
                return existing.view
            }
        }
    }

    /// `messaging.create-conversation.v1`: a group, channel or support conversation; the caller owns it.
    public func createConversation(_ command: CreateConversationV1, envelope: MessageEnvelope) async throws -> ConversationV1 {
        let caller = try envelope.signedInActor()
        guard [.group, .channel, .support].contains(command.type) else {
            throw ContractError.validation("create makes group, channel and support conversations; open direct ones", field: "type")
        }
        let title = try MessagingRules.title(command.title)
        let description = try MessagingRules.description(command.description)
        let avatar = try MessagingRules.avatar(command.avatar)
        let retention = try MessagingRules.retention(command.autoDeleteAfterDays)
        let others = try MessagingRules.ids(command.memberIds, field: "memberIds", limit: Conversation.maximumMembers - 1).filter { $0 != caller }
        let tenant = Self.tenant(of: envelope)
        return try await work.once(envelope) { tx in
            try await requireActive(caller, in: tx.operations)
            try await requireReachable(others, tenant: tenant, field: "memberIds", in: tx.operations)
            var conversation = Conversation(
                id: ObjectId().description, tenantId: tenant, type: command.type, directKey: nil, encrypted: command.encrypted ?? false, now: tx.now)
            conversation.title = title
            conversation.description = description
            conversation.avatar = avatar
            conversation.settings.autoDeleteAfter = retention.flatMap { $0 > 0 ? $0 : nil }
            conversation.ownerId = caller
            try await open(&conversation, with: [(caller, .owner, nil)] + others.map { ($0, .member, nil) }, by: caller, in: tx)
            return conversation.view
        }
    }

    /// `messaging.open-sprint-conversation.v1` (from work): the sprint's one conversation with its
    /// client, admins and team; sent again, it adds whoever is missing.
    public func openSprintConversation(_ command: OpenSprintConversationV1, envelope: MessageEnvelope) async throws -> ConversationV1 {
        let sprintId = try MessagingRules.id(command.sprintId, field: "sprintId")
        let title = try MessagingRules.title(command.title)
        let client = try MessagingRules.id(command.clientId, field: "clientId")
        let admins = try MessagingRules.ids(command.adminIds, field: "adminIds", limit: 100).filter { $0 != client }
        let team = try MessagingRules.ids(command.teamMemberIds, field: "teamMemberIds", limit: Conversation.maximumMembers - 101)
            .filter { $0 != client && !admins.contains($0) }
        let people: [(String, MemberRole, ParticipantRole?)] =
            admins.map { ($0, .admin, .admin) } + [(client, .member, .client)] + team.map { ($0, .member, .teamMember) }
        let tenant = Self.tenant(of: envelope)
        return try await work.once(envelope) { tx in
            let actor = envelope.actor ?? admins.first ?? client
            if var conversation = try await tx.conversations.first(.equal("sprintId", .string(sprintId))) {
                var joined: [(String, MemberRole, ParticipantRole?)] = []
                for (userId, role, part) in people where conversation.admit(userId, role: role, participantRole: part, at: tx.now) {
                    joined.append((userId, role, part))
                }
                guard !joined.isEmpty else { return conversation.view }
                try await admitted(joined, to: &conversation, by: actor, in: tx)
                return conversation.view
            }
            var conversation = Conversation(id: ObjectId().description, tenantId: tenant, type: .sprint, directKey: nil, encrypted: false, now: tx.now)
            conversation.sprintId = sprintId
            conversation.title = title
            conversation.ownerId = admins.first
            // The first admin owns it; without admins, the client does.
            var roles = people
            if admins.isEmpty, let index = roles.firstIndex(where: { $0.0 == client }) {
                roles[index].1 = .owner
                conversation.ownerId = client
            } else if !roles.isEmpty {
                roles[0].1 = .owner
            }
            try await open(&conversation, with: roles, by: actor, in: tx)
            return conversation.view
        }
    }

    /// `messaging.get-conversation.v1`: the conversation with the caller's own state.
    public func getConversation(_ command: GetConversationV1, envelope: MessageEnvelope) async throws -> InboxEntryV1 {
        let caller = try envelope.signedInActor()
        let id = try MessagingRules.id(command.conversationId, field: "conversationId")
        return try await work.mapStoreErrors {
            let conversation = try await conversation(id, visibleTo: caller, tenant: Self.tenant(of: envelope), in: store)
            return try await member(caller, of: conversation, in: store).entry(in: conversation)
        }
    }

    /// `messaging.update-conversation.v1`: details and retention, by owners and admins; a new title is
    /// announced by a system message.
    public func updateConversation(_ command: UpdateConversationV1, envelope: MessageEnvelope) async throws -> ConversationV1 {
        let caller = try envelope.signedInActor()
        let id = try MessagingRules.id(command.conversationId, field: "conversationId")
        let title = try command.title.map { raw throws(ContractError) in try MessagingRules.title(raw) }
        let description = try MessagingRules.description(command.description)
        let avatar = try MessagingRules.avatar(command.avatar)
        let retention = try MessagingRules.retention(command.autoDeleteAfterDays)
        let tenant = Self.tenant(of: envelope)
        return try await work.once(envelope) { tx in
            var conversation = try await conversation(id, visibleTo: caller, tenant: tenant, in: tx.operations)
            guard conversation.type != .direct else {
                throw ContractError.validation("a direct conversation has no title or details", field: "conversationId")
            }
            guard conversation.participant(caller)?.role.managesConversation == true else {
                throw ContractError(.forbidden, "only owners and admins change a conversation")
            }
            var changed: [String] = []
            if let title, title != conversation.title { conversation.title = title; changed.append("title") }
            if let description, description != conversation.description { conversation.description = description; changed.append("description") }
            if let avatar, avatar != conversation.avatar { conversation.avatar = avatar; changed.append("avatar") }
            if let retention {
                let days = retention > 0 ? retention : nil
                if days != conversation.settings.autoDeleteAfter { conversation.settings.autoDeleteAfter = days; changed.append("autoDeleteAfterDays") }
            }
            guard !changed.isEmpty else { return conversation.view }
            conversation.updatedAt = tx.now
            if changed.contains("title") {
                let name = try await name(of: caller, in: tx.operations)
                try await postSystemMessage("\(name) renamed the conversation to \(conversation.title ?? "")", by: caller, in: &conversation, tx: tx)
            }
            try await tx.conversations.replace(conversation)
            try await tx.publish(ConversationUpdatedV1(conversation: conversation.view, changedFields: changed, recipients: conversation.activeMemberIds))
            return conversation.view
        }
    }

    /// `messaging.list-conversations.v1`: the caller's inbox, newest activity first.
    public func listConversations(_ command: ListConversationsV1, envelope: MessageEnvelope) async throws -> InboxPageV1 {
        let caller = try envelope.signedInActor()
        let limit = try MessagingRules.limit(command.limit, default: 20)
        let cursor = try PageCursor.fromRequest(command.cursor)
        let tenant = Self.tenant(of: envelope)
        let archived: Filter = command.archived == true
            ? .equal("settings.archivedBy", .string(caller))
            : .notEqual("settings.archivedBy", .string(caller))
        return try await work.mapStoreErrors {
            let page = try await DocumentCollection(Conversation.self, in: store).page(
                .and([
                    .elementMatch("participants", .and([.equal("userId", .string(caller)), .equal("isActive", .bool(true))])),
                    .equal("tenantId", .string(tenant)), archived,
                ]),
                sort: [SortKey("lastMessageAt", .descending)], after: cursor, limit: limit)
            let ids = page.items.map { DocumentValue.string(ConversationMember.id(conversation: $0.id, user: caller)) }
            let members = try await DocumentCollection(ConversationMember.self, in: store).find(.isIn("_id", ids))
            let byConversation = Dictionary(members.map { ($0.conversationId, $0) }, uniquingKeysWith: { first, _ in first })
            let entries = page.items.compactMap { conversation in byConversation[conversation.id].map { $0.entry(in: conversation) } }
            return InboxPageV1(entries: entries, nextCursor: page.next?.description)
        }
    }

    /// `messaging.update-membership.v1`: the caller's mute, pin and archive.
    public func updateMembership(_ command: UpdateMembershipV1, envelope: MessageEnvelope) async throws -> InboxEntryV1 {
        let caller = try envelope.signedInActor()
        let id = try MessagingRules.id(command.conversationId, field: "conversationId")
        if command.unmute == true, command.mutedUntil != nil {
            throw ContractError.validation("give mutedUntil or unmute, not both", field: "unmute")
        }
        let tenant = Self.tenant(of: envelope)
        return try await work.once(envelope) { tx in
            var conversation = try await conversation(id, visibleTo: caller, tenant: tenant, in: tx.operations)
            var member = try await member(caller, of: conversation, in: tx.operations)
            if let until = command.mutedUntil { member.mutedUntil = until }
            if command.unmute == true { member.mutedUntil = nil }
            if let pinned = command.pinned { member.isPinned = pinned }
            if let archived = command.archived { member.isArchived = archived }
            member.updatedAt = tx.now
            try await tx.members.replace(member)
            func mark(_ list: inout [String], _ on: Bool) {
                list.removeAll { $0 == caller }
                if on { list.append(caller) }
            }
            mark(&conversation.settings.muteNotifications, member.mutedUntil.map { $0 > tx.now } ?? false)
            mark(&conversation.settings.isPinned, member.isPinned)
            mark(&conversation.settings.archivedBy, member.isArchived)
            try await tx.conversations.update(.equal("_id", .string(conversation.id)), try Update.set("settings", conversation.settings))
            return member.entry(in: conversation)
        }
    }

    // MARK: - Shared steps

    /// Stores a new conversation with its first members and announces it.
    func open(
        _ conversation: inout Conversation, with people: [(String, MemberRole, ParticipantRole?)], by actor: String, in tx: Transaction
    ) async throws {
        for (userId, role, part) in people { _ = conversation.admit(userId, role: role, participantRole: part, at: tx.now) }
        try await tx.conversations.insert(conversation)
        try await tx.members.insert(people.map { ConversationMember(conversation: conversation, userId: $0.0, role: $0.1, participantRole: $0.2, now: tx.now) })
        try await tx.publish(ConversationCreatedV1(conversation: conversation.view, recipients: conversation.activeMemberIds))
    }

    /// Stores members already admitted to `conversation`, posts who joined, and announces each.
    func admitted(
        _ people: [(String, MemberRole, ParticipantRole?)], to conversation: inout Conversation, by actor: String, in tx: Transaction
    ) async throws {
        let names = try await people.asyncMap { try await name(of: $0.0, in: tx.operations) }
        let actorName = try await name(of: actor, in: tx.operations)
        try await postSystemMessage("\(actorName) added \(names.joined(separator: ", "))", by: actor, in: &conversation, tx: tx)
        try await tx.conversations.replace(conversation)
        // After the system message: a new member has read everything up to their own arrival.
        for (userId, role, part) in people {
            let member = ConversationMember(conversation: conversation, userId: userId, role: role, participantRole: part, now: tx.now)
            _ = try await tx.members.delete(.equal("_id", .string(member.id)))
            try await tx.members.insert(member)
        }
        let directory = try await directoryEntries(people.map(\.0), in: tx.operations)
        for (userId, role, part) in people {
            let entry = directory[userId]
            let view = MemberV1(userId: userId, role: role, participantRole: part, displayName: entry?.displayName, avatarUrl: entry?.avatarUrl, joinedAt: tx.now)
            try await tx.publish(MemberJoinedV1(conversationId: conversation.id, member: view, addedBy: actor, recipients: conversation.activeMemberIds))
        }
    }

    /// What the directory knows of `userIds`, by id.
    func directoryEntries(_ userIds: [String], in operations: any DocumentOperations) async throws -> [String: DirectoryEntry] {
        guard !userIds.isEmpty else { return [:] }
        let entries = try await DocumentCollection(DirectoryEntry.self, in: operations).find(.isIn("_id", userIds.map { .string($0) }))
        return Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension Conversation {
    /// A new, empty conversation (participants are admitted next).
    init(id: String, tenantId: String, type: ConversationType, directKey: String?, encrypted: Bool, now: Date) {
        self.init(
            id: id, tenantId: tenantId, type: type, title: nil, description: nil, avatar: nil, ownerId: nil, sprintId: nil, directKey: directKey,
            participants: [], memberCount: 0, encrypted: encrypted, settings: ConversationSettings(), lastSequence: 0, lastMessage: nil,
            lastMessageAt: now, createdAt: now, updatedAt: now)
    }
}

extension Sequence {
    /// `transform` of each element in order, awaiting each.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
