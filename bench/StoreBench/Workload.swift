import Foundation
import SeedStore

/// How much work each phase does against one store; the wire servers get smaller figures.
struct Scale {
    /// Documents of the page-query collection (1,000 per conversation).
    var pageDocuments: Int
    var insertOneSequential: Int
    var insertOne: Int
    var insertOneConcurrency: Int
    var insertManyBatches: Int
    var findSequential: Int
    var find: Int
    var findConcurrency: Int
    var pageQueries: Int
    var outboxCommits: Int
    var transactions: Int

    /// The embedded adapter: the 1,000,000-document page query.
    static func embedded(pageDocuments: Int) -> Scale {
        Scale(pageDocuments: pageDocuments, insertOneSequential: 5_000, insertOne: 100_000, insertOneConcurrency: 64,
              insertManyBatches: 100, findSequential: 20_000, find: 200_000, findConcurrency: 8,
              pageQueries: 5_000, outboxCommits: 1_000, transactions: 20_000)
    }

    /// A MongoDB-wire server written in Python: a few thousand operations per phase.
    static func wire(pageDocuments: Int) -> Scale {
        Scale(pageDocuments: pageDocuments, insertOneSequential: 500, insertOne: 3_000, insertOneConcurrency: 16,
              insertManyBatches: 10, findSequential: 1_000, find: 5_000, findConcurrency: 8,
              pageQueries: 100, outboxCommits: 300, transactions: 300)
    }
}

/// The store operations against one ``DocumentStore``, printed as `store.<target>.<phase>.*`.
struct Workload {
    let target: String
    let store: any DocumentStore
    let scale: Scale
    /// Whether the page index ends with `_id` (the seed 004 index); nx-27017 refuses `_id` inside a
    /// compound index ("JSON path error near '_id'"), so it sorts ties on `createdAt` by `_id` itself.
    var pageIndexHasId = true

    private func name(_ phase: String) -> String { "store.\(target).\(phase)" }

    func run() async throws {
        let store = store
        let scale = scale
        // Single-document inserts: one at a time, then from many tasks at once (group commit).
        try await store.prepare(CollectionSpec("events", indexes: [IndexSpec([.ascending("user")])]))
        let sequentialIds = (0..<scale.insertOneSequential).map { _ in ObjectId() }
        try await measure(name("insert_one_sequential"), count: sequentialIds.count, concurrency: 1) { index in
            try await store.insert([Self.event(sequentialIds[index], index, "click")], into: "events")
        }
        let ids = (0..<scale.insertOne).map { _ in ObjectId() }
        try await measure(name("insert_one"), count: ids.count, concurrency: scale.insertOneConcurrency) { index in
            try await store.insert([Self.event(ids[index], index, "view")], into: "events")
        }

        // Batches of 1,000 documents (all or nothing).
        try await measure(name("insert_many_1000"), count: scale.insertManyBatches, concurrency: 1) { _ in
            try await store.insert((0..<1_000).map { Self.event(ObjectId(), $0, "batch") }, into: "events")
        }

        // Finds by _id, one at a time and from several tasks.
        let find: @Sendable (Int) async throws -> Void = { index in
            let found = try await store.find(in: "events", where: .equal("_id", .objectId(ids[(index &* 7919) % ids.count])), options: FindOptions(limit: 1))
            precondition(found.count == 1, "find by id found \(found.count) documents")
        }
        try await measure(name("find_by_id_sequential"), count: scale.findSequential, concurrency: 1, find)
        try await measure(name("find_by_id"), count: scale.find, concurrency: scale.findConcurrency, find)
        try await measure(name("find_by_id_64"), count: scale.find, concurrency: 64, find)

        // A service command's shape: a transaction that reads a document by _id, updates it and
        // inserts an audit document, from 32 tasks at once (transactions queue for the one writer).
        try await store.prepare(CollectionSpec("audit"))
        try await measure(name("transaction_32"), count: scale.transactions, concurrency: 32) { index in
            let id = ids[(index &* 7919) % ids.count]
            try await store.withTransaction { operations in
                let found = try await operations.find(in: "events", where: .equal("_id", .objectId(id)), options: FindOptions(limit: 1))
                precondition(found.count == 1, "the transaction found \(found.count) documents")
                _ = try await operations.update(
                    in: "events", where: .equal("_id", .objectId(id)), Update([.set("seen", .int64(Int64(index)))]), many: false, upsert: false)
                try await operations.insert([["_id": .objectId(ObjectId()), "event": .objectId(id), "index": .int64(Int64(index))]], into: "audit")
            }
        }

        // The same shape with a typed document of 24 fields, as services write: find it by _id, change
        // two fields and `DocumentCollection.replace` it (the identity service's refresh does this).
        try await store.prepare(Account.collection)
        let accounts = DocumentCollection(Account.self, in: store)
        let accountIds = (0..<1_000).map { "account-\($0)" }
        for id in accountIds { try await accounts.insert(Account(id: id)) }
        try await measure(name("replace_typed_32"), count: scale.transactions, concurrency: 32) { index in
            let id = accountIds[(index &* 7919) % accountIds.count]
            try await store.withTransaction { operations in
                let accounts = DocumentCollection(Account.self, in: operations)
                var account = try await accounts.get(id)
                account.loginCount += 1
                account.updatedAt = Date()
                try await accounts.replace(account)
            }
        }

        try await pageQueries()
    }

    /// The seed 004 message page: `{conversationId}` sorted `createdAt desc, _id desc`, limit 50, on a
    /// compound index, first pages and keyset continuations.
    private func pageQueries() async throws {
        let store = store
        let documents = scale.pageDocuments
        let conversations = max(1, documents / 1_000)
        let pageIndex: [IndexSpec.Key] = [.ascending("conversationId"), .descending("createdAt")] + (pageIndexHasId ? [.descending("_id")] : [])
        try await store.prepare(CollectionSpec("messages", indexes: [IndexSpec(pageIndex)]))
        let base = Date(timeIntervalSince1970: 1_767_571_200)
        let clock = ContinuousClock()
        let start = clock.now
        var loaded = 0
        while loaded < documents {
            let size = min(5_000, documents - loaded)
            let batch: [Document] = (loaded..<loaded + size).map { index in
                ["_id": .objectId(ObjectId()), "conversationId": .string("conv-\(index % conversations)"),
                 "createdAt": .date(base.addingTimeInterval(Double(index))), "author": .string("user-\(index % 37)"),
                 "body": .string("message number \(index) with a little text to make it realistic")]
            }
            try await store.insert(batch, into: "messages")
            loaded += size
        }
        report(name("load_messages.throughput"), Double(documents) / (clock.now - start).seconds, "docs/s")
        report(name("page_query.documents"), Double(documents), "docs")
        let sort = [SortKey("createdAt", .descending), SortKey("_id", .descending)]
        try await measure(name("page_query_first"), count: scale.pageQueries, concurrency: 1) { index in
            let page = try await store.find(in: "messages", where: .equal("conversationId", .string("conv-\((index &* 31) % conversations)")),
                                            options: FindOptions(sort: sort, limit: 50))
            precondition(page.count == 50, "first page has \(page.count) documents")
        }
        try await measure(name("page_query_next"), count: scale.pageQueries, concurrency: 1) { index in
            let conversation = (index &* 31) % conversations
            let middle = base.addingTimeInterval(Double(documents / 2 + conversation))
            let after = Filter.or([.lessThan("createdAt", .date(middle)),
                                   .and([.equal("createdAt", .date(middle)), .lessThan("_id", .objectId(ObjectId()))])])
            let page = try await store.find(in: "messages", where: .and([.equal("conversationId", .string("conv-\(conversation)")), after]),
                                            options: FindOptions(sort: sort, limit: 50))
            precondition(page.count == 50, "next page has \(page.count) documents")
        }
    }

    static func event(_ id: ObjectId, _ index: Int, _ kind: String) -> Document {
        ["_id": .objectId(id), "user": .int32(Int32(index % 100)), "kind": .string(kind)]
    }
}

/// A typed document the size of a service's user: 24 fields, two sub-documents, an optional left `nil`.
struct Account: StoredDocument {
    static let collection = CollectionSpec("accounts", indexes: [IndexSpec([.ascending("email")], unique: true)])
    struct Profile: Codable, Sendable {
        var firstName = "Ada", lastName = "Lovelace", avatarURL = "https://example.com/a.png", bio = "Mathematician"
        var timezone = "Europe/London", language = "en"
    }
    struct Preferences: Codable, Sendable {
        var theme = "dark", emailNotifications = true, pushNotifications = false, weeklyDigest = true
    }
    var id: String
    var email: String
    var username: String
    var phone: String? = nil
    var passwordHash = "$2b$12$abcdefghijklmnopqrstuuH6E3f2XvU8m8m7T9pZbJm2b0QeYQe1G"
    var role = "client"
    var roles = ["client"]
    var status = "active"
    var tenantId = "tenant-1"
    var emailVerified = true
    var phoneVerified = false
    var loginCount = 0
    var failedAttempts = 0
    var lastLoginAt = Date()
    var createdAt = Date()
    var updatedAt = Date()
    var profile = Profile()
    var preferences = Preferences()
    var googleId: String? = nil
    var lockedUntil: Date? = nil
    var locale = "en-GB"
    var plan = "free"
    var referralCode = "REF-123456"
    var marketingOptIn = false

    init(id: String) {
        self.id = id
        email = "\(id)@example.com"
        username = id
    }

    enum CodingKeys: String, CodingKey {
        case id = "_id", email, username, phone, passwordHash, role, roles, status, tenantId, emailVerified, phoneVerified,
             loginCount, failedAttempts, lastLoginAt, createdAt, updatedAt, profile, preferences, googleId, lockedUntil,
             locale, plan, referralCode, marketingOptIn
    }
}
