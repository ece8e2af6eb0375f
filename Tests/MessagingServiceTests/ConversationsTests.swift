import Foundation
@testable import MessagingService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

/// Messaging over a temporary embedded store, called as the gateway calls it (actor and tenant in
/// the envelope).
struct MessagingFixture {
    let base: ServiceFixture
    let service: MessagingService

    static func make() async throws -> MessagingFixture {
        let base = try await ServiceFixture.make(.messaging, collections: MessagingCollections.all)
        return MessagingFixture(base: base, service: MessagingService(work: base.work))
    }

    func envelope<C: Command>(_ type: C.Type, _ actor: String, tenant: String? = nil) -> MessageEnvelope {
        base.envelope(type, actor: actor, tenant: tenant)
    }

    func group(_ title: String, owner: String, members: [String], tenant: String? = nil) async throws -> ConversationV1 {
        try await service.createConversation(
            CreateConversationV1(type: .group, title: title, memberIds: members), envelope: envelope(CreateConversationV1.self, owner, tenant: tenant))
    }

    func inbox(_ user: String, archived: Bool? = nil, tenant: String? = nil) async throws -> [InboxEntryV1] {
        try await service.listConversations(ListConversationsV1(archived: archived), envelope: envelope(ListConversationsV1.self, user, tenant: tenant)).entries
    }

    func members(_ conversation: String, as user: String) async throws -> [MemberV1] {
        try await service.listMembers(ListMembersV1(conversationId: conversation), envelope: envelope(ListMembersV1.self, user)).members
    }
}

@Suite("Conversations")
struct ConversationsTests {
    @Test("a direct conversation is one per pair in a tenant: asking again, from either side, returns it")
    func directConversationIsUniquePerPair() async throws {
        let f = try await MessagingFixture.make()
        let first = try await f.service.openDirectConversation(OpenDirectConversationV1(userId: "bob"), envelope: f.envelope(OpenDirectConversationV1.self, "ada"))
        let again = try await f.service.openDirectConversation(OpenDirectConversationV1(userId: "ada"), envelope: f.envelope(OpenDirectConversationV1.self, "bob"))
        #expect(again.id == first.id)
        #expect(first.type == .direct && first.memberCount == 2)
        let otherTenant = try await f.service.openDirectConversation(
            OpenDirectConversationV1(userId: "bob"), envelope: f.envelope(OpenDirectConversationV1.self, "ada", tenant: "t2"))
        #expect(otherTenant.id != first.id)
        #expect(try await f.base.count(Conversation.self) == 2)
        #expect(try await f.base.events(ConversationCreatedV1.self).count == 2)
    }

    @Test("two people opening their direct conversation at once get the same one")
    func concurrentDirectOpensMeet() async throws {
        let f = try await MessagingFixture.make()
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for (me, other) in [("ada", "bob"), ("bob", "ada"), ("ada", "bob"), ("bob", "ada")] {
                group.addTask {
                    try await f.service.openDirectConversation(OpenDirectConversationV1(userId: other), envelope: f.envelope(OpenDirectConversationV1.self, me)).id
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(ids.count == 1)
        #expect(try await f.base.count(Conversation.self) == 1)
    }

    @Test("a group has its owner and members, each sees it in the inbox, and a stranger gets not_found")
    func groupIsVisibleToMembersOnly() async throws {
        let f = try await MessagingFixture.make()
        let group = try await f.group("Launch", owner: "ada", members: ["bob", "cy", "bob"])
        #expect(group.memberCount == 3 && group.ownerId == "ada" && group.title == "Launch")
        #expect(try await f.members(group.id, as: "bob").map(\.role) == [.owner, .member, .member])
        #expect(try await f.inbox("cy").map(\.conversation.id) == [group.id])
        #expect(try await f.inbox("dan").isEmpty)
        await expectContractError(.notFound, field: "conversationId") {
            _ = try await f.service.getConversation(GetConversationV1(conversationId: group.id), envelope: f.envelope(GetConversationV1.self, "dan"))
        }
        await expectContractError(.notFound, field: "conversationId") {
            _ = try await f.service.getConversation(GetConversationV1(conversationId: group.id), envelope: f.envelope(GetConversationV1.self, "bob", tenant: "t2"))
        }
    }

    @Test("bad details are refused naming the field, and nothing is stored or announced")
    func badDetailsChangeNothing() async throws {
        let f = try await MessagingFixture.make()
        let cases: [(CreateConversationV1, String)] = [
            (CreateConversationV1(type: .group, title: "  "), "title"),
            (CreateConversationV1(type: .group, title: String(repeating: "x", count: 101)), "title"),
            (CreateConversationV1(type: .direct, title: "Pair"), "type"),
            (CreateConversationV1(type: .group, title: "T", avatar: "ftp://x"), "avatar"),
            (CreateConversationV1(type: .group, title: "T", autoDeleteAfterDays: -1), "autoDeleteAfterDays"),
            (CreateConversationV1(type: .group, title: "T", memberIds: ["has space"]), "memberIds"),
        ]
        for (command, field) in cases {
            await expectContractError(.validation, field: field) {
                _ = try await f.service.createConversation(command, envelope: f.envelope(CreateConversationV1.self, "ada"))
            }
        }
        await expectContractError(.unauthenticated) {
            _ = try await f.service.createConversation(CreateConversationV1(type: .group, title: "T"), envelope: f.base.envelope(CreateConversationV1.self))
        }
        #expect(try await f.base.count(Conversation.self) == 0)
        #expect(try await f.base.count(ConversationMember.self) == 0)
        #expect(try await f.base.events(ConversationCreatedV1.self).isEmpty)
    }

    @Test("owners and admins rename; a member cannot; the rename posts a system message")
    func renameIsForManagers() async throws {
        let f = try await MessagingFixture.make()
        let group = try await f.group("Launch", owner: "ada", members: ["bob"])
        await expectContractError(.forbidden) {
            _ = try await f.service.updateConversation(
                UpdateConversationV1(conversationId: group.id, title: "Mine"), envelope: f.envelope(UpdateConversationV1.self, "bob"))
        }
        let renamed = try await f.service.updateConversation(
            UpdateConversationV1(conversationId: group.id, title: "Launch crew", autoDeleteAfterDays: 30), envelope: f.envelope(UpdateConversationV1.self, "ada"))
        #expect(renamed.title == "Launch crew" && renamed.autoDeleteAfterDays == 30 && renamed.lastSequence == 1)
        let system = try #require(try await f.base.events(MessageSentV1.self).last?.message)
        #expect(system.kind == .system && system.content == "ada renamed the conversation to Launch crew")
        #expect(try await f.base.events(ConversationUpdatedV1.self).map(\.changedFields) == [["title", "autoDeleteAfterDays"]])
    }

    @Test("mute, pin and archive are the caller's own; archived conversations leave the inbox until asked for")
    func membershipSettingsArePersonal() async throws {
        let f = try await MessagingFixture.make()
        let group = try await f.group("Launch", owner: "ada", members: ["bob"])
        let until = f.base.clock.now.addingTimeInterval(3600)
        let entry = try await f.service.updateMembership(
            UpdateMembershipV1(conversationId: group.id, mutedUntil: until, pinned: true, archived: true), envelope: f.envelope(UpdateMembershipV1.self, "bob"))
        #expect(entry.mutedUntil == until && entry.pinned && entry.archived)
        #expect(try await f.inbox("bob").isEmpty)
        #expect(try await f.inbox("bob", archived: true).map(\.conversation.id) == [group.id])
        #expect(try await f.inbox("ada").map(\.archived) == [false])
        let unmuted = try await f.service.updateMembership(
            UpdateMembershipV1(conversationId: group.id, unmute: true, archived: false), envelope: f.envelope(UpdateMembershipV1.self, "bob"))
        #expect(unmuted.mutedUntil == nil && unmuted.pinned && !unmuted.archived)
        #expect(try await f.inbox("bob").count == 1)
    }

    @Test("the inbox pages by last activity without repeating or skipping a conversation")
    func inboxPages() async throws {
        let f = try await MessagingFixture.make()
        var created: [String] = []
        for index in 0..<5 {
            f.base.clock.advance(by: 1)
            created.append(try await f.group("G\(index)", owner: "ada", members: []).id)
        }
        let first = try await f.service.listConversations(ListConversationsV1(limit: 2), envelope: f.envelope(ListConversationsV1.self, "ada"))
        let second = try await f.service.listConversations(
            ListConversationsV1(cursor: first.nextCursor, limit: 2), envelope: f.envelope(ListConversationsV1.self, "ada"))
        let third = try await f.service.listConversations(
            ListConversationsV1(cursor: second.nextCursor, limit: 2), envelope: f.envelope(ListConversationsV1.self, "ada"))
        #expect((first.entries + second.entries + third.entries).map(\.conversation.id) == created.reversed())
        #expect(third.nextCursor == nil)
        await expectContractError(.validation, field: "cursor") {
            _ = try await f.service.listConversations(ListConversationsV1(cursor: "not-a-cursor"), envelope: f.envelope(ListConversationsV1.self, "ada"))
        }
    }

    @Test("a sprint's conversation is opened once, with roles from the sprint; opening again adds who is missing")
    func sprintConversation() async throws {
        let f = try await MessagingFixture.make()
        let command = OpenSprintConversationV1(sprintId: "s1", title: "MVP", clientId: "client", adminIds: ["boss"], teamMemberIds: ["dev"])
        let opened = try await f.service.openSprintConversation(command, envelope: f.base.envelope(OpenSprintConversationV1.self))
        #expect(opened.type == .sprint && opened.sprintId == "s1" && opened.memberCount == 3 && opened.ownerId == "boss")
        let members = try await f.members(opened.id, as: "client")
        #expect(members.map(\.participantRole) == [.admin, .client, .teamMember])
        var more = command
        more.teamMemberIds = ["dev", "designer"]
        let again = try await f.service.openSprintConversation(more, envelope: f.base.envelope(OpenSprintConversationV1.self))
        #expect(again.id == opened.id && again.memberCount == 4)
        #expect(try await f.base.count(Conversation.self) == 1)
    }
}

@Suite("Members")
struct MembersTests {
    @Test("owners and admins add members; a member cannot; adding someone twice keeps one membership")
    func addingMembers() async throws {
        let f = try await MessagingFixture.make()
        let group = try await f.group("Launch", owner: "ada", members: ["bob"])
        await expectContractError(.forbidden) {
            _ = try await f.service.addMembers(AddMembersV1(conversationId: group.id, userIds: ["cy"]), envelope: f.envelope(AddMembersV1.self, "bob"))
        }
        let list = try await f.service.addMembers(AddMembersV1(conversationId: group.id, userIds: ["cy", "bob"]), envelope: f.envelope(AddMembersV1.self, "ada"))
        #expect(list.members.map(\.userId).sorted() == ["ada", "bob", "cy"])
        let entry = try await f.service.getConversation(GetConversationV1(conversationId: group.id), envelope: f.envelope(GetConversationV1.self, "cy"))
        #expect(entry.conversation.memberCount == 3)
        #expect(entry.unreadCount == 0, "a new member starts with everything before joining read")
        #expect(try await f.base.events(MemberJoinedV1.self).map(\.member.userId) == ["cy"])
        #expect(try await f.base.count(ConversationMember.self) == 3)
    }

    @Test("the last owner cannot leave without naming a successor, nor be removed or demoted")
    func lastOwnerStays() async throws {
        let f = try await MessagingFixture.make()
        let group = try await f.group("Launch", owner: "ada", members: ["bob", "cy"])
        await expectContractError(.conflict, field: "newOwnerId") {
            _ = try await f.service.leaveConversation(LeaveConversationV1(conversationId: group.id), envelope: f.envelope(LeaveConversationV1.self, "ada"))
        }
        await expectContractError(.conflict, field: "role") {
            _ = try await f.service.changeMemberRole(
                ChangeMemberRoleV1(conversationId: group.id, userId: "ada", role: .member), envelope: f.envelope(ChangeMemberRoleV1.self, "ada"))
        }
        _ = try await f.service.changeMemberRole(
            ChangeMemberRoleV1(conversationId: group.id, userId: "bob", role: .admin), envelope: f.envelope(ChangeMemberRoleV1.self, "ada"))
        await expectContractError(.forbidden) {
            _ = try await f.service.removeMember(RemoveMemberV1(conversationId: group.id, userId: "ada"), envelope: f.envelope(RemoveMemberV1.self, "bob"))
        }
        _ = try await f.service.leaveConversation(
            LeaveConversationV1(conversationId: group.id, newOwnerId: "cy"), envelope: f.envelope(LeaveConversationV1.self, "ada"))
        let members = try await f.members(group.id, as: "cy")
        #expect(members.map(\.userId) == ["cy", "bob"])
        #expect(members.map(\.role) == [.owner, .admin])
        let entry = try await f.service.getConversation(GetConversationV1(conversationId: group.id), envelope: f.envelope(GetConversationV1.self, "cy"))
        #expect(entry.conversation.memberCount == 2 && entry.conversation.ownerId == "cy")
        await expectContractError(.notFound) {
            _ = try await f.service.getConversation(GetConversationV1(conversationId: group.id), envelope: f.envelope(GetConversationV1.self, "ada"))
        }
        #expect(try await f.base.events(MemberLeftV1.self).map(\.recipients.count) == [3])
    }

    @Test("an admin removes a member, who then sees nothing of the conversation; member count stays exact")
    func removingAMember() async throws {
        let f = try await MessagingFixture.make()
        let group = try await f.group("Launch", owner: "ada", members: ["bob", "cy"])
        _ = try await f.service.removeMember(RemoveMemberV1(conversationId: group.id, userId: "cy"), envelope: f.envelope(RemoveMemberV1.self, "ada"))
        await expectContractError(.notFound, field: "userId") {
            _ = try await f.service.removeMember(RemoveMemberV1(conversationId: group.id, userId: "cy"), envelope: f.envelope(RemoveMemberV1.self, "ada"))
        }
        #expect(try await f.inbox("cy").isEmpty)
        #expect(try await f.members(group.id, as: "bob").count == 2)
        let removed = try #require(try await f.base.events(MemberLeftV1.self).first)
        #expect(removed.userId == "cy" && removed.removedBy == "ada")
        #expect(try await f.base.count(ConversationMember.self) == 2)
    }

    @Test("identity's events name members; a deleted user leaves every conversation")
    func directoryFollowsIdentity() async throws {
        let f = try await MessagingFixture.make()
        let group = try await f.group("Launch", owner: "ada", members: ["bob"])
        var user = UserV1.example
        user.id = "bob"
        user.profile.displayName = "Bob Builder"
        try await f.service.userAnnounced(user, envelope: f.base.envelope(PingV1.self))
        #expect(try await f.members(group.id, as: "ada").first { $0.userId == "bob" }?.displayName == "Bob Builder")
        try await f.service.userDeleted(UserDeletedV1(userId: "bob"), envelope: f.base.envelope(PingV1.self))
        #expect(try await f.members(group.id, as: "ada").map(\.userId) == ["ada"])
        await expectContractError(.notFound, field: "userIds") {
            _ = try await f.service.addMembers(AddMembersV1(conversationId: group.id, userIds: ["bob"]), envelope: f.envelope(AddMembersV1.self, "ada"))
        }
    }

    @Test("a user the directory knows in another tenant cannot be added, messaged directly or named as a member")
    func otherTenantsUsersAreUnreachable() async throws {
        let f = try await MessagingFixture.make()
        var tenantUser = UserV1.example
        tenantUser.id = "tina"
        tenantUser.tenantId = "t2"
        try await f.service.userAnnounced(tenantUser, envelope: f.base.envelope(PingV1.self))
        let group = try await f.group("Launch", owner: "ada", members: [])
        await expectContractError(.notFound, field: "userIds") {
            _ = try await f.service.addMembers(AddMembersV1(conversationId: group.id, userIds: ["tina"]), envelope: f.envelope(AddMembersV1.self, "ada"))
        }
        await expectContractError(.notFound, field: "userId") {
            _ = try await f.service.openDirectConversation(OpenDirectConversationV1(userId: "tina"), envelope: f.envelope(OpenDirectConversationV1.self, "ada"))
        }
        await expectContractError(.notFound, field: "memberIds") {
            _ = try await f.group("Mixed", owner: "ada", members: ["tina"])
        }
        #expect(try await f.base.count(Conversation.self) == 1)
        let inTenant = try await f.service.openDirectConversation(
            OpenDirectConversationV1(userId: "tina"), envelope: f.envelope(OpenDirectConversationV1.self, "tom", tenant: "t2"))
        #expect(inTenant.memberCount == 2)
    }
}
