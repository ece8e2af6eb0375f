import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension MessagingService {
    /// Keeps the relationship read model from identity's `relationship-changed` (newest version wins,
    /// so a late, older event changes nothing).
    public func relationshipChanged(_ event: RelationshipChangedV1, envelope: MessageEnvelope) async throws {
        let relationship = event.relationship
        _ = try await work.once(envelope, consumer: "messaging.relationships") { tx in
            let id = RelationshipRecord.id(relationship.userId, relationship.otherUserId)
            let existing = try await tx.relationshipRecords.first(.equal("_id", .string(id)))
            guard (existing?.version ?? Int.min) < event.version else { return Accepted() }
            let record = RelationshipRecord(
                id: id, userId: relationship.userId, otherUserId: relationship.otherUserId, blocked: relationship.blocked,
                friends: relationship.friendship == .friends, version: event.version, updatedAt: tx.now)
            if existing == nil { try await tx.relationshipRecords.insert(record) } else { try await tx.relationshipRecords.replace(record) }
            return Accepted()
        }
    }

    /// Keeps the privacy read model from identity's `privacy-settings-changed` (newest version wins).
    public func privacySettingsChanged(_ event: PrivacySettingsChangedV1, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "messaging.relationships") { tx in
            let existing = try await tx.privacyRecords.first(.equal("_id", .string(event.userId)))
            guard (existing?.version ?? Int.min) < event.version else { return Accepted() }
            let record = PrivacyRecord(id: event.userId, directMessages: event.settings.directMessages.rawValue, version: event.version, updatedAt: tx.now)
            if existing == nil { try await tx.privacyRecords.insert(record) } else { try await tx.privacyRecords.replace(record) }
            return Accepted()
        }
    }

    /// Refuses (`forbidden`, field `userId`) a direct conversation or message between `sender` and
    /// `recipient` when either blocks the other, or when the recipient takes direct messages from
    /// nobody, or only from friends and the two are not friends. What identity has not announced yet
    /// does not refuse (its events may lag behind by a moment).
    func requireDirectAllowed(from sender: String, to recipient: String, in operations: any DocumentOperations) async throws {
        let records = DocumentCollection(RelationshipRecord.self, in: operations)
        let recipientSide = try await records.first(.equal("_id", .string(RelationshipRecord.id(recipient, sender))))
        if recipientSide?.blocked == true {
            throw ContractError(.forbidden, "this user does not accept messages from you", details: ["field": "userId", "reason": "blocked"])
        }
        if try await records.first(.equal("_id", .string(RelationshipRecord.id(sender, recipient))))?.blocked == true {
            throw ContractError(.forbidden, "you block this user; unblock them to send messages", details: ["field": "userId", "reason": "blocking"])
        }
        let privacy = try await DocumentCollection(PrivacyRecord.self, in: operations).first(.equal("_id", .string(recipient)))
        switch privacy?.directMessages {
        case PrivacyAudience.nobody.rawValue:
            throw ContractError(.forbidden, "this user does not accept direct messages", details: ["field": "userId", "reason": "privacy"])
        case PrivacyAudience.contacts.rawValue where recipientSide?.friends != true:
            throw ContractError(.forbidden, "this user accepts direct messages from friends only", details: ["field": "userId", "reason": "privacy"])
        default: break
        }
    }

    /// ``requireDirectAllowed(from:to:in:)`` for a message by `sender` in `conversation`, when it is a
    /// direct one; other conversations are not affected by relationships.
    func requireMessageAllowed(by sender: String, in conversation: Conversation, operations: any DocumentOperations) async throws {
        guard conversation.type == .direct, let recipient = conversation.activeMemberIds.first(where: { $0 != sender }) else { return }
        try await requireDirectAllowed(from: sender, to: recipient, in: operations)
    }
}
