import ArgumentParser
import BenchSupport
import Foundation
import MessagingService
import SeedStore
import SeedStoreEmbedded

/// Writes messages straight into messaging's embedded store file while the service is stopped: into
/// the conversations already in it (created through the API, so they are the service's own), with
/// the service's collections and indexes (`MessagingCollections`), in batches of one transaction each.
/// Each conversation's `lastSequence`, `lastMessage` and `lastMessageAt` then move past its new
/// messages, so that the service numbers the next send after them.
struct Preload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Writes messages into messaging's store file (service stopped).")

    @Option(help: "messaging's store: SEED_DATA_DIR/store.sqlite.")
    var store: String

    @Option(help: "How many messages.")
    var messages: Int = 1_000_000

    @Option(help: "Messages per transaction.")
    var batch: Int = 5_000

    @Option(help: "The messages' times spread over this many days before now.")
    var days: Int = 30

    func run() async throws {
        let clock = ContinuousClock()
        let begin = clock.now
        let store = try EmbeddedStore(path: store)
        defer { store.close() }
        for collection in MessagingCollections.all { try await store.prepare(collection) }
        let decoder = DocumentDecoder()
        let conversations = try await store.find(in: "conversations", where: .all, options: FindOptions(sort: [SortKey("_id")]))
            .map { try decoder.decode(StoredConversation.self, from: $0) }
        guard !conversations.isEmpty else { throw ValidationError("no conversations in \(self.store): create them through the API first") }
        var sequences = conversations.map(\.lastSequence)
        var last: [LastMessage?] = Array(repeating: nil, count: conversations.count)
        let now = Date()
        let span = Double(days) * 86_400
        let encoder = DocumentEncoder()
        var generator = SystemRandomNumberGenerator()
        var written = 0
        let loadBegin = clock.now
        while written < messages {
            let size = min(batch, messages - written)
            var documents: [Document] = []
            documents.reserveCapacity(size)
            for index in written..<written + size {
                let slot = index % conversations.count
                let conversation = conversations[slot]
                let members = conversation.participants.filter(\.isActive).map(\.userId)
                sequences[slot] += 1
                let at = Date(timeIntervalSince1970: (now.timeIntervalSince1970 - span + span * Double(index) / Double(messages)).rounded(.down))
                let id = ObjectId().description
                let clientMessageId = "preload-\(index)"
                let message = StoredMessage(
                    id: id, tenantId: conversation.tenantId, conversationId: conversation.id, senderId: members[index / conversations.count % members.count],
                    clientMessageId: clientMessageId, clientKey: "\(conversation.id) \(clientMessageId)", sequence: sequences[slot],
                    content: Self.text(&generator), createdAt: at, updatedAt: at)
                documents.append(try encoder.encode(message))
                last[slot] = LastMessage(messageId: id, content: String(message.content.prefix(120)), senderId: message.senderId, sentAt: at)
            }
            try await store.insert(documents, into: "messages")
            written += size
            if written % 100_000 < batch {
                let seconds = (clock.now - loadBegin).seconds
                FileHandle.standardError.write(Data("# preload: \(written) messages in \(Int(seconds)) s\n".utf8))
            }
        }
        let loaded = clock.now
        for (slot, conversation) in conversations.enumerated() {
            guard let message = last[slot] else { continue }
            let update = try Update.set("lastSequence", sequences[slot]) + Update.set("lastMessage", message)
                + Update.set("lastMessageAt", message.sentAt) + Update.set("updatedAt", message.sentAt)
            _ = try await store.update(in: "conversations", where: .equal("_id", .string(conversation.id)), update, many: false, upsert: false)
        }
        let end = clock.now
        let bytes = (try? FileManager.default.attributesOfItem(atPath: self.store)[.size] as? Int) ?? 0
        print("preload.messages \(messages) messages")
        print("preload.conversations \(conversations.count) conversations")
        print("preload.seconds \(Int((end - begin).seconds.rounded())) s")
        print("preload.insert.throughput \(Int((Double(messages) / (loaded - loadBegin).seconds).rounded())) docs/s")
        print("preload.store_size \(bytes / 1_048_576) MiB")
    }

    /// Chat-like text: 6 to 40 words from a small vocabulary (60–300 characters).
    static func text(_ generator: inout SystemRandomNumberGenerator) -> String {
        let count = Int.random(in: 6...40, using: &generator)
        return (0..<count).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
    }

    static let words = """
        the a to and of we it is for on in that this with be ship launch monday review sprint task bug fix \
        deploy build test merge release meeting notes design customer order invoice report budget plan \
        tomorrow today later done thanks please check update status blocked ready draft approve budget \
        server client latency queue broker store index page cursor message conversation team product
        """.split(separator: " ").map(String.init)
}

/// The fields of a stored conversation the preload needs (the service's `Conversation` is internal).
struct StoredConversation: Decodable {
    struct Participant: Decodable {
        var userId: String
        var isActive: Bool
    }

    var id: String
    var tenantId: String
    var participants: [Participant]
    var lastSequence: Int

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, participants, lastSequence
    }
}

/// A stored text message as the service's `ChatMessage` encodes it (same keys and types; absent
/// optionals are left out, as the synthesized encoding does).
struct StoredMessage: Encodable {
    var id: String
    var tenantId: String
    var conversationId: String
    var senderId: String
    var clientMessageId: String
    var clientKey: String
    var sequence: Int
    var messageType = "text"
    var content: String
    var attachments: [String] = []
    var replyCount = 0
    var mentions: [String] = []
    var status = "sent"
    var readBy: [String] = []
    var isDeleted = false
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, conversationId, senderId, clientMessageId, clientKey, sequence, messageType, content, attachments,
             replyCount, mentions, status, readBy, isDeleted, createdAt, updatedAt
    }
}

/// The service's `lastMessage` sub-document.
struct LastMessage: Codable {
    var messageId: String
    var content: String
    var senderId: String
    var sentAt: Date
}
