import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension IdentityService {
    /// `identity.send-friend-request.v1`: `requested` on the caller's side, `incoming` on the other's.
    /// A request to someone who already asked the caller makes both friends at once.
    public func sendFriendRequest(_ command: SendFriendRequestV1, envelope: MessageEnvelope) async throws -> RelationshipV1 {
        try await changeRelationship(with: command.userId, envelope: envelope) { mine, theirs in
            if mine.blocked { throw ContractError(.conflict, "you block this user; unblock first", details: ["field": "userId"]) }
            // Not revealed as a block: the other user simply does not take requests from the caller.
            if theirs.blocked { throw ContractError(.forbidden, "this user does not accept friend requests from you", details: ["field": "userId"]) }
            switch mine.friendship {
            case .friends: throw ContractError(.conflict, "you are already friends", details: ["field": "userId"])
            case .requested: throw ContractError(.conflict, "you already asked this user; wait for an answer", details: ["field": "userId"])
            case .incoming:
                mine.friendship = .friends
                theirs.friendship = .friends
                return "friend_accepted"
            case .none:
                mine.friendship = .requested
                theirs.friendship = .incoming
                return "friend_requested"
            }
        }
    }

    /// `identity.respond-to-friend-request.v1`: only a request the other user sent the caller.
    public func respondToFriendRequest(_ command: RespondToFriendRequestV1, envelope: MessageEnvelope) async throws -> RelationshipV1 {
        try await changeRelationship(with: command.userId, envelope: envelope) { mine, theirs in
            guard mine.friendship == .incoming else {
                throw ContractError(.notFound, "this user has not sent you a friend request", details: ["field": "userId"])
            }
            mine.friendship = command.accept ? .friends : .none
            theirs.friendship = command.accept ? .friends : .none
            return command.accept ? "friend_accepted" : "friend_declined"
        }
    }

    /// `identity.remove-friend.v1`: ends a friendship or withdraws the caller's own request.
    public func removeFriend(_ command: RemoveFriendV1, envelope: MessageEnvelope) async throws -> RelationshipV1 {
        try await changeRelationship(with: command.userId, envelope: envelope) { mine, theirs in
            guard mine.friendship == .friends || mine.friendship == .requested else {
                throw ContractError(.notFound, "you are not friends with this user and have no open request to them", details: ["field": "userId"])
            }
            let change = mine.friendship == .friends ? "unfriended" : "friend_request_withdrawn"
            mine.friendship = .none
            theirs.friendship = .none
            return change
        }
    }

    /// `identity.block-user.v1`: ends any friendship or request between the two; blocking twice is a conflict.
    public func blockUser(_ command: BlockUserV1, envelope: MessageEnvelope) async throws -> RelationshipV1 {
        try await changeRelationship(with: command.userId, envelope: envelope) { mine, theirs in
            guard !mine.blocked else { throw ContractError(.conflict, "you already block this user", details: ["field": "userId"]) }
            mine.blocked = true
            mine.friendship = .none
            theirs.friendship = .none
            return "blocked"
        }
    }

    /// `identity.unblock-user.v1`.
    public func unblockUser(_ command: UnblockUserV1, envelope: MessageEnvelope) async throws -> RelationshipV1 {
        try await changeRelationship(with: command.userId, envelope: envelope) { mine, _ in
            guard mine.blocked else { throw ContractError(.notFound, "you do not block this user", details: ["field": "userId"]) }
            mine.blocked = false
            return "unblocked"
        }
    }

    /// `identity.set-mute.v1`: muting a muted user (or unmuting one who is not) changes nothing.
    public func setMute(_ command: SetMuteV1, envelope: MessageEnvelope) async throws -> RelationshipV1 {
        try await changeRelationship(with: command.userId, envelope: envelope) { mine, _ in
            guard mine.muted != command.muted else { return nil }
            mine.muted = command.muted
            return command.muted ? "muted" : "unmuted"
        }
    }

    /// `identity.list-relationships.v1`: the caller's side, most recently changed first.
    public func listRelationships(_ command: ListRelationshipsV1, envelope: MessageEnvelope) async throws -> RelationshipListV1 {
        try await work.mapStoreErrors {
            let caller = try await caller(envelope, in: store)
            var filters: [Filter] = [.equal("userId", .string(caller.id))]
            switch command.filter {
            case .all:
                filters.append(.or([
                    .notEqual("friendship", .string(FriendshipState.none.rawValue)), .equal("blocked", .bool(true)), .equal("muted", .bool(true)),
                ]))
            case .friends: filters.append(.equal("friendship", .string(FriendshipState.friends.rawValue)))
            case .incoming: filters.append(.equal("friendship", .string(FriendshipState.incoming.rawValue)))
            case .outgoing: filters.append(.equal("friendship", .string(FriendshipState.requested.rawValue)))
            case .blocked: filters.append(.equal("blocked", .bool(true)))
            case .muted: filters.append(.equal("muted", .bool(true)))
            }
            let found = try await DocumentCollection(Relationship.self, in: store).find(
                .and(filters), options: FindOptions(sort: [SortKey("updatedAt", .descending)], limit: 1000))
            return RelationshipListV1(relationships: found.map(\.view))
        }
    }

    /// `identity.get-privacy-settings.v1`.
    public func privacySettings(_ command: GetPrivacySettingsV1, envelope: MessageEnvelope) async throws -> PrivacySettingsV1 {
        try await work.mapStoreErrors {
            try await caller(envelope, in: store).settings?.privacy ?? PrivacySettingsV1()
        }
    }

    /// `identity.update-privacy-settings.v1`: announces `privacy-settings-changed` when something changed.
    public func updatePrivacySettings(_ command: UpdatePrivacySettingsV1, envelope: MessageEnvelope) async throws -> PrivacySettingsV1 {
        try await work.once(envelope) { tx in
            var user = try await caller(tx.envelope, in: tx.operations)
            var settings = user.settings ?? UserSettings()
            let before = settings.privacy
            if let value = command.directMessages { settings.privacy.directMessages = value }
            if let value = command.presence { settings.privacy.presence = value }
            if let value = command.lastSeen { settings.privacy.lastSeen = value }
            guard settings.privacy != before else { return before }
            settings.privacyVersion += 1
            user.settings = settings
            user.updatedAt = tx.now
            try await tx.users.replace(user)
            try await tx.record(AuditEntry(
                action: "privacy_change", user: user, client: nil, before: Self.privacySummary(before),
                after: Self.privacySummary(settings.privacy), now: tx.now))
            try await tx.publish(PrivacySettingsChangedV1(userId: user.id, settings: settings.privacy, version: settings.privacyVersion))
            return settings.privacy
        }
    }

    // MARK: - Steps

    /// Runs `change` on both sides of the caller's relationship with `otherId` in one transaction and
    /// stores and announces the sides it changed. `change`
    /// returns the name of the change, or nil when nothing changed.
    private func changeRelationship(
        with otherId: String, envelope: MessageEnvelope,
        _ change: @escaping @Sendable (inout Relationship, inout Relationship) throws -> String?
    ) async throws -> RelationshipV1 {
        let actor = try envelope.signedInActor()
        let other = otherId.trimmingCharacters(in: .whitespaces)
        guard (1...64).contains(other.count) else { throw ContractError.validation("userId must have 1 to 64 characters", field: "userId") }
        guard other != actor else { throw ContractError.validation("a relationship needs another user than yourself", field: "userId") }
        return try await work.once(envelope) { tx in
            let caller = try await caller(tx.envelope, in: tx.operations)
            let target = try await liveUser(other, in: tx.operations)
            guard target.tenantId == caller.tenantId else {
                throw ContractError(.notFound, "no user with id \(other)", details: ["field": "userId"])
            }
            let relationships = tx.collection(Relationship.self)
            let mineBefore = try await relationships.first(.equal("_id", .string(Relationship.id(caller.id, other))))
            let theirsBefore = try await relationships.first(.equal("_id", .string(Relationship.id(other, caller.id))))
            var mine = mineBefore ?? Relationship(userId: caller.id, otherUserId: other, now: tx.now)
            var theirs = theirsBefore ?? Relationship(userId: other, otherUserId: caller.id, now: tx.now)
            let (oldMine, oldTheirs) = (mine, theirs)
            guard let name = try change(&mine, &theirs) else { return mine.view }
            for (side, old, stored) in [(mine, oldMine, mineBefore != nil), (theirs, oldTheirs, theirsBefore != nil)] where side != old {
                var side = side
                side.version = old.version + 1
                side.updatedAt = tx.now
                // An empty side stays stored: its version must keep growing for the read models.
                if stored {
                    try await relationships.replace(side)
                } else {
                    try await relationships.insert(side)
                }
                try await tx.publish(RelationshipChangedV1(relationship: side.view, change: name, version: side.version))
                if side.userId == caller.id { mine = side }
            }
            try await tx.record(AuditEntry(
                action: "relationship_\(name)", user: caller, resource: "relationship", resourceId: mine.id, client: nil,
                metadata: ["otherUserId": other, "friendship": mine.friendship.rawValue, "blocked": String(mine.blocked), "muted": String(mine.muted)],
                now: tx.now))
            return mine.view
        }
    }

    static func privacySummary(_ privacy: PrivacySettingsV1) -> [String: String] {
        ["directMessages": privacy.directMessages.rawValue, "presence": privacy.presence.rawValue, "lastSeen": privacy.lastSeen.rawValue]
    }
}
