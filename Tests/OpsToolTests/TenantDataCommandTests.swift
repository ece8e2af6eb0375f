import DocumentsService
import Foundation
import MessagingService
import SeedBus
import SeedContracts
import SeedOpsKit
import SeedServiceKit
import SeedServiceTesting
import SeedStore
import SeedStoreEmbedded
import SeedWorkPool
import Testing

/// `seed-ops tenants export|erase` against the real broker, with messaging and documents started in the
/// test: their real handlers (which register the service kit's tenant-data handlers) on buses of a
/// namespace of their own, each on a fresh embedded store holding two tenants' data.
@Suite("seed-ops tenants export and erase", .serialized)
struct TenantDataCommandTests {
    static let tenantA = "tenant_a_\(UUID().uuidString.prefix(6))"
    static let tenantB = "tenant_b_\(UUID().uuidString.prefix(6))"
    /// A blob only tenant A's version references, and one both tenants' versions reference.
    static let ownKey = String(repeating: "a1", count: 32)
    static let sharedKey = String(repeating: "5b", count: 32)

    /// Messaging and documents with data of tenants A and B, running on `broker` for `body`.
    struct Services {
        let messaging: ServiceFixture
        let documents: ServiceFixture
        let blobs: FolderBlobStore
        let root: String
    }

    static func withServices(_ broker: OpsBroker, _ body: (Services) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("seed-ops-tenants-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let messaging = try await ServiceFixture.make(.messaging, collections: MessagingCollections.all)
        let documents = try await ServiceFixture.make(.documents, collections: DocumentsCollections.all)
        let blobs = try FolderBlobStore(root: root + "/blobs")
        let pool = BlockingWorkPool(threadCount: 1, name: "ops-documents")
        try await seed(messaging: messaging.store, documents: documents.store, blobs: blobs, scratch: root)

        let messagingBus = try broker.bus(.messaging)
        MessagingHandlers.register(MessagingService(work: messaging.work), on: messagingBus)
        let documentsBus = try broker.bus(.documents)
        DocumentsHandlers.register(
            DocumentsService(work: documents.work, blobs: blobs, staging: try UploadStaging(root: root + "/staging"), pool: pool), on: documentsBus)
        try await whileRunning(messagingBus) {
            try await whileRunning(documentsBus) {
                try await body(Services(messaging: messaging, documents: documents, blobs: blobs, root: root))
            }
        }
    }

    /// Two tenants' conversations, messages, reactions (reached through their conversation) and quota
    /// records in messaging; versions, texts and blobs in documents.
    static func seed(messaging: EmbeddedStore, documents: EmbeddedStore, blobs: FolderBlobStore, scratch: String) async throws {
        let now = DocumentValue.date(Date(timeIntervalSince1970: 1_767_260_200))
        for (tenant, tag) in [(tenantA, "a"), (tenantB, "b")] {
            try await messaging.insert([["_id": .string("cv-\(tag)"), "tenantId": .string(tenant), "type": .string("group"), "updatedAt": now]], into: "conversations")
            try await messaging.insert(
                [["_id": .string("m-\(tag)"), "tenantId": .string(tenant), "conversationId": .string("cv-\(tag)"), "sequence": .int64(1), "content": .string("hello \(tag)"), "createdAt": now]],
                into: "messages")
            try await messaging.insert(
                [["_id": .string("r-\(tag)"), "messageId": .string("m-\(tag)"), "conversationId": .string("cv-\(tag)"), "emoji": .string("👍"), "userId": .string("u-\(tag)")]],
                into: "reactions")
            try await messaging.insert([["_id": .string(tenant), "messagesPerDay": .int64(100), "version": .int64(1), "updatedAt": now]], into: "tenant_quota_records")
        }
        try await documents.insert([
            ["_id": .string("v-a1"), "documentId": .string("d-a1"), "version": .int64(1), "tenantId": .string(tenantA), "checksum": .string(ownKey), "fileSize": .int64(5)],
            ["_id": .string("v-a2"), "documentId": .string("d-a2"), "version": .int64(1), "tenantId": .string(tenantA), "checksum": .string(sharedKey), "fileSize": .int64(6)],
            ["_id": .string("v-b1"), "documentId": .string("d-b1"), "version": .int64(1), "tenantId": .string(tenantB), "checksum": .string(sharedKey), "fileSize": .int64(6)],
        ], into: "documents")
        try await documents.insert([["_id": .string("t-a1"), "documentId": .string("d-a1"), "tenantId": .string(tenantA), "text": .string("hello")]], into: "document_texts")
        for (key, text) in [(ownKey, "own 1"), (sharedKey, "shared")] {
            let path = scratch + "/" + key
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            _ = try blobs.put(fileAt: path, key: key)
        }
    }

    /// The export file's `services.<service>.<collection>` documents, parsed.
    static func exported(_ file: String) throws -> [String: [String: [[String: Any]]]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        #expect(object["tenantId"] as? String == tenantA)
        let services = try #require(object["services"] as? [String: [String: [Any]]])
        return services.mapValues { $0.mapValues { $0.compactMap { $0 as? [String: Any] } } }
    }

    @Test("export writes one JSON document of the tenant's data from every service asked, nothing of another tenant; paging gives the same")
    func exportAcrossServices() async throws {
        let broker = try OpsBroker()
        try await Self.withServices(broker) { services in
            let file = services.root + "/export.json"
            #expect(await runSeedOps(["tenants", "export", Self.tenantA, "--service", "messaging", "--service", "documents", "--output", file] + broker.arguments) == 0)
            let export = try Self.exported(file)
            let ids = export.mapValues { $0.mapValues { $0.compactMap { $0["_id"] as? String }.sorted() } }
            #expect(ids["messaging"]?["conversations"] == ["cv-a"])
            #expect(ids["messaging"]?["messages"] == ["m-a"])
            #expect(ids["messaging"]?["reactions"] == ["r-a"], "reactions reach the tenant through their conversation")
            #expect(ids["messaging"]?["tenant_quota_records"] == [Self.tenantA])
            #expect(ids["messaging"]?["notifications"] == [], "a tenant collection without documents is exported empty")
            #expect(ids["documents"]?["documents"] == ["v-a1", "v-a2"])
            #expect(ids["documents"]?["document_texts"] == ["t-a1"])
            // Stored types survive as Extended JSON (a date, a 64-bit integer).
            let message = try #require(export["messaging"]?["messages"]?.first)
            #expect((message["createdAt"] as? [String: Any])?["$date"] != nil)
            #expect((message["sequence"] as? [String: Any])?["$numberLong"] as? String == "1")

            // One document per page: the same documents, in more requests.
            let paged = try await withOpsBus(broker.options) { bus in
                try await TenantOperations(bus: bus, timeout: .seconds(30), pageSize: 1).export(Self.tenantA, from: [.messaging, .documents])
            }
            #expect(paged.summary.filter { $0.documents > 0 }.map { "\($0.service).\($0.collection)=\($0.documents)" } == [
                "messaging.conversations=1", "messaging.messages=1", "messaging.reactions=1", "messaging.tenant_quota_records=1",
                "documents.documents=2", "documents.document_texts=1",
            ])
        }
    }

    @Test("erase deletes the tenant's documents and its own blobs in every service asked, leaves the other tenant intact, and a second erase is a no-op")
    func eraseAcrossServices() async throws {
        let broker = try OpsBroker()
        try await Self.withServices(broker) { services in
            #expect(await runSeedOps(["tenants", "erase", Self.tenantA, "--service", "messaging", "--service", "documents"] + broker.arguments) == 64,
                    "without --confirm nothing is sent")
            #expect(try await services.messaging.count(ConversationProbe.self) == 2)

            #expect(await runSeedOps(["tenants", "erase", Self.tenantA, "--confirm", "--service", "messaging", "--service", "documents"] + broker.arguments) == 0)
            let messaging = services.messaging.store, documents = services.documents.store
            for collection in ["conversations", "messages"] {
                #expect(try await messaging.count(in: collection, where: .equal("tenantId", .string(Self.tenantA))) == 0)
                #expect(try await messaging.count(in: collection, where: .equal("tenantId", .string(Self.tenantB))) == 1)
            }
            #expect(try await messaging.find(in: "reactions", where: .all, options: FindOptions()).map { $0["_id"] } == [.string("r-b")])
            #expect(try await messaging.find(in: "tenant_quota_records", where: .all, options: FindOptions()).map { $0["_id"] } == [.string(Self.tenantB)])
            #expect(try await documents.find(in: "documents", where: .all, options: FindOptions()).map { $0["_id"] } == [.string("v-b1")])
            #expect(try await documents.count(in: "document_texts", where: .all) == 0)
            #expect(try services.blobs.size(key: Self.ownKey) == nil, "a blob only the tenant referenced is deleted")
            #expect(try services.blobs.size(key: Self.sharedKey) == 6, "a blob another tenant references stays")
            let erased = try await services.messaging.events(TenantDataErasedV1<TenantDataOwners.Messaging>.self)
            #expect(erased.map(\.erasure.documentsErased) == [4])
            #expect(try await services.documents.events(TenantDataErasedV1<TenantDataOwners.Documents>.self).map(\.erasure.filesReleased) == [2])

            // A second erasure finds nothing, deletes nothing and announces nothing.
            let again = try await withOpsBus(broker.options) { bus in
                try await TenantOperations(bus: bus, timeout: .seconds(30)).erase(Self.tenantA, from: [.messaging, .documents])
            }
            #expect(again.map(\.service) == [.messaging, .documents])
            #expect(again.allSatisfy { $0.documentsErased == 0 && $0.filesReleased == 0 })
            #expect(try await services.messaging.events(TenantDataErasedV1<TenantDataOwners.Messaging>.self).count == 1)
            #expect(try await messaging.count(in: "conversations", where: .all) == 1)
        }
    }

    @Test("a redelivered erase command is answered from the inbox; the platform's own data and bad input are refused")
    func redeliveryAndRefusals() async throws {
        let fixture = try await ServiceFixture.make(.messaging, collections: MessagingCollections.all)
        try await fixture.store.insert([["_id": .string("cv-c"), "tenantId": .string("tenant_c")]], into: "conversations")
        let data = TenantData(service: .messaging, work: fixture.work, collections: MessagingCollections.all)
        let envelope = fixture.envelope(EraseTenantDataV1<TenantDataOwners.Messaging>.self, actor: "operator")
        let first = try await data.erase(EraseTenantDataV1<TenantDataOwners.Messaging>(tenantId: "tenant_c"), envelope: envelope)
        let redelivered = try await data.erase(EraseTenantDataV1<TenantDataOwners.Messaging>(tenantId: "tenant_c"), envelope: envelope)
        #expect(first.documentsErased == 1 && redelivered == first)
        #expect(try await fixture.events(TenantDataErasedV1<TenantDataOwners.Messaging>.self).count == 1)

        await expectContractError(.validation, field: "tenantId") {
            _ = try await data.erase(EraseTenantDataV1<TenantDataOwners.Messaging>(tenantId: TenantData.platformTenant), envelope: fixture.envelope(EraseTenantDataV1<TenantDataOwners.Messaging>.self))
        }
        await expectContractError(.validation, field: "limit") {
            _ = try await data.export(ExportTenantDataV1<TenantDataOwners.Messaging>(tenantId: "tenant_c", limit: 0))
        }
        await expectContractError(.validation, field: "cursor") {
            _ = try await data.export(ExportTenantDataV1<TenantDataOwners.Messaging>(tenantId: "tenant_c", cursor: "x"))
        }
    }

    @Test("a service that does not answer fails the export with status 1 and names the service")
    func unansweredService() async throws {
        let broker = try OpsBroker()
        #expect(await runSeedOps(["tenants", "export", Self.tenantA, "--service", "nutrition", "--wait", "2"] + broker.arguments) == 1)
        let failure = await #expect(throws: OpsFailure.self) {
            _ = try await withOpsBus(broker.options) { bus in try await TenantOperations(bus: bus, timeout: .seconds(2)).export(Self.tenantA, from: [.nutrition]) }
        }
        #expect(failure?.description.contains("nutrition") == true, "\(String(describing: failure))")
    }
}

/// Counts messaging's conversations without its (internal) type.
struct ConversationProbe: StoredDocument {
    static let collection = CollectionSpec("conversations")
    var id: String
    enum CodingKeys: String, CodingKey { case id = "_id" }
}
