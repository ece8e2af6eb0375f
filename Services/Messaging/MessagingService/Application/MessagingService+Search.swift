import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension MessagingService {
    /// `messaging.search-messages.v1`: full-text search over the messages of the conversations the
    /// caller is a current member of in their tenant (or of one of them), newest first, in keyset pages.
    ///
    /// Only `content` is indexed: deleted messages have none, and end-to-end encrypted ones never had
    /// any (their payload is in `encrypted`), so neither can be found.
    public func searchMessages(_ command: SearchMessagesV1, envelope: MessageEnvelope) async throws -> MessagePageV1 {
        let caller = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let query = try MessagingRules.query(command.query)
        let conversationId = try command.conversationId.map { raw throws(ContractError) in try MessagingRules.id(raw, field: "conversationId") }
        let limit = try MessagingRules.limit(command.limit, default: 20)
        let cursor = try Self.cursor(command.cursor, shape: .dateThenId)

        return try await work.mapStoreErrors {
            let conversationIds: [String]
            if let conversationId {
                conversationIds = [try await self.conversation(conversationId, visibleTo: caller, tenant: tenant, in: store).id]
            } else {
                conversationIds = try await DocumentCollection(Conversation.self, in: store).find(.and([
                    .equal("tenantId", .string(tenant)),
                    .elementMatch("participants", .and([.equal("userId", .string(caller)), .equal("isActive", .bool(true))])),
                ])).map(\.id)
            }
            guard !conversationIds.isEmpty else { return MessagePageV1(messages: [], nextCursor: nil) }
            // The text condition is a member of the top-level conjunction, as the store requires.
            let filter = Filter.and([
                .text(query), .equal("tenantId", .string(tenant)), .isIn("conversationId", conversationIds.map { .string($0) }),
                .equal("isDeleted", .bool(false)),
            ])
            return try await messagePage(filter, sort: [SortKey("createdAt", .descending)], after: cursor, limit: limit, reader: caller, in: store)
        }
    }
}
