import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SeedBus
import SeedContracts
import Testing

@testable import GatewayService

#if canImport(Glibc)
import Glibc
#endif

/// Documents through the gateway: HTTP → gateway (streamed bodies, 256 KiB chunks) → bus → documents,
/// with messaging for conversation shares and identity for accounts, tenants and API keys.
@Suite("Documents through the gateway", .serialized)
struct DocumentsJourneyTests {
    // MARK: Helpers

    static let sprint = "665f20009b1d4a0012ab0001"
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DocumentsServiceTests/Fixtures")

    static func fixture(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name))) }

    static func sha256(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }

    /// `count` bytes of plain UTF-8 text, different for each `seed`.
    static func text(_ count: Int, seed: Int = 0) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 32)
        var line = 0
        while bytes.count < count {
            bytes += Array("line \(line) of file \(seed)\n".utf8)
            line += 1
        }
        return Array(bytes.prefix(count))
    }

    func register(_ client: some TestClientProtocol, _ name: String) async throws -> Chatter {
        let email = "\(name)@example.com"
        let registered = try await client.call(.post, "/api/v1/auth/register", json: #"{"email":"\#(email)","password":"correct horse battery"}"#)
        try #require(registered.status == .created, "\(String(decoding: registered.body, as: UTF8.self))")
        let login = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"\#(email)","password":"correct horse battery"}"#)
        return .user(try login.decode(SessionTokensV1.self))
    }

    func headers(_ who: Chatter?) -> HTTPFields {
        var headers: HTTPFields = [:]
        if let token = who?.token { headers[.authorization] = "Bearer \(token)" }
        if let who, let key = who.apiKey {
            headers[HTTPField.Name("X-API-Key")!] = key
            headers[HTTPField.Name("X-Acting-User")!] = who.id
        }
        return headers
    }

    /// Uploads `bytes` as the whole body (the name in `X-File-Name`).
    func plainUpload(
        _ client: some TestClientProtocol, _ who: Chatter, _ bytes: [UInt8], name: String, path: String = "/api/v1/documents", query: String = "",
        checksum: String? = nil
    ) async throws -> HTTPResult {
        var headers = headers(who)
        headers[.contentType] = "application/octet-stream"
        headers[HTTPField.Name("X-File-Name")!] = name
        if let checksum { headers[HTTPField.Name("X-Checksum-SHA256")!] = checksum }
        let response = try await client.execute(uri: path + query, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
        return HTTPResult(status: response.status, headers: response.headers, body: Data(buffer: response.body))
    }

    /// A multipart/form-data body as browsers send it: the fields, then the file part.
    static func multipartBody(boundary: String, fields: [(String, String)], fileName: String, type: String, bytes: [UInt8], close: Bool = true) -> [UInt8] {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
        body += bytes
        if close { body += Array("\r\n--\(boundary)--\r\n".utf8) }
        return body
    }

    func multipartUpload(
        _ client: some TestClientProtocol, _ who: Chatter, _ bytes: [UInt8], name: String, type: String = "text/plain", fields: [(String, String)] = [],
        path: String = "/api/v1/documents", close: Bool = true
    ) async throws -> HTTPResult {
        let boundary = "----SeedBoundary\(UUID().uuidString.prefix(8))"
        var headers = headers(who)
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let body = Self.multipartBody(boundary: boundary, fields: fields, fileName: name, type: type, bytes: bytes, close: close)
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        return HTTPResult(status: response.status, headers: response.headers, body: Data(buffer: response.body))
    }

    func get(_ client: some TestClientProtocol, _ path: String, as who: Chatter?, range: String? = nil) async throws -> HTTPResult {
        var headers = headers(who)
        if let range { headers[.range] = range }
        let response = try await client.execute(uri: path, method: .get, headers: headers, body: nil)
        return HTTPResult(status: response.status, headers: response.headers, body: Data(buffer: response.body))
    }

    func document(_ result: HTTPResult) throws -> DocumentV1 {
        try #require(result.status == .created, "\(result.status): \(String(decoding: result.body, as: UTF8.self))")
        return try result.decode(DocumentV1.self)
    }

    func listed(_ client: some TestClientProtocol, _ who: Chatter) async throws -> [DocumentV1] {
        let list = try await client.call(.get, "/api/v1/documents", as: who)
        try #require(list.status == .ok, "\(String(decoding: list.body, as: UTF8.self))")
        return try list.decode(DocumentListV1.self).documents
    }

    /// Regular files below `folder` of the documents root (`blobs` or `staging`).
    static func files(_ root: String, _ folder: String) -> Int {
        let base = "\(root)/\(folder)"
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return 0 }
        var count = 0
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(base)/\(path)", isDirectory: &isDirectory), !isDirectory.boolValue { count += 1 }
        }
        return count
    }

    /// Polls `condition` for up to ten seconds (events and aborts travel over the bus).
    func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<200 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record(Comment(rawValue: "never: \(what)"))
    }

    func tenantKey(_ client: some TestClientProtocol, root: Chatter, tenant: String, scopes: [String]) async throws -> String {
        let token = try #require(root.token)
        let created = try await client.call(.post, "/api/v1/tenants", token: token, body: CreateTenantV1(id: tenant, name: tenant))
        try #require(created.status == .created)
        let app = try (try await client.call(.post, "/api/v1/tenants/\(tenant)/applications", token: token, json: #"{"name":"Files"}"#))
            .decode(ApplicationV1.self)
        let key = try await client.call(.post, "/api/v1/tenants/\(tenant)/api-keys", token: token,
                                        body: CreateAPIKeyBody(applicationId: app.id, name: "backend", scopes: scopes))
        try #require(key.status == .created, "\(String(decoding: key.body, as: UTF8.self))")
        return try key.decode(CreatedAPIKeyV1.self).key
    }

    func tenantUser(_ client: some TestClientProtocol, key: String, externalId: String) async throws -> Chatter {
        let put = try await client.call(.put, "/api/v1/platform/users/\(externalId)", apiKey: key, json: #"{"displayName":"\#(externalId)"}"#)
        try #require(put.status == .ok, "\(String(decoding: put.body, as: UTF8.self))")
        return Chatter(id: try put.decode(UserV1.self).id, apiKey: key)
    }

    // MARK: Uploads and downloads

    @Test("multipart and plain uploads stream through in chunks and download back whole, with the checksum, ranges (206) and 416 outside the file")
    func uploadAndDownload() async throws {
        let options = SuiteFixture.Options()
        try await SuiteFixture.run(options) { client, _ in
            let ada = try await register(client, "ada")
            let big = Self.text(700_000, seed: 1)   // three chunks of 256 KiB
            let multipart = try document(try await multipartUpload(
                client, ada, big, name: "notes.txt", fields: [("category", "handbook"), ("tags", "a,b"), ("description", "The notes")]))
            #expect(multipart.fileSize == big.count && multipart.checksum == Self.sha256(big))
            #expect(multipart.mimeType == "text/plain" && multipart.fileName == "notes.txt" && multipart.version == 1)
            #expect(multipart.category == "handbook" && multipart.tags == ["a", "b"] && multipart.description == "The notes")

            let pdf = try Self.fixture("guide.pdf")
            let plain = try document(try await plainUpload(client, ada, pdf, name: "guide.pdf", checksum: Self.sha256(pdf)))
            #expect(plain.mimeType == "application/pdf" && plain.fileSize == pdf.count)

            let whole = try await get(client, "/api/v1/documents/\(multipart.documentId)/content", as: ada)
            #expect(whole.status == .ok)
            #expect([UInt8](whole.body) == big)
            #expect(whole.headers[HTTPField.Name("X-Checksum-SHA256")!] == Self.sha256(big))
            #expect(whole.headers[.contentLength] == "\(big.count)")
            #expect(whole.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"notes.txt\"") == true)

            let middle = try await get(client, "/api/v1/documents/\(multipart.documentId)/content", as: ada, range: "bytes=262140-262150")
            #expect(middle.status == .partialContent)
            #expect([UInt8](middle.body) == Array(big[262_140...262_150]))
            #expect(middle.headers[.contentRange] == "bytes 262140-262150/\(big.count)")
            let suffix = try await get(client, "/api/v1/documents/\(plain.documentId)/content", as: ada, range: "bytes=-10")
            #expect(suffix.status == .partialContent && [UInt8](suffix.body) == Array(pdf.suffix(10)))
            let outside = try await get(client, "/api/v1/documents/\(plain.documentId)/content", as: ada, range: "bytes=\(pdf.count)-")
            #expect(outside.status == .rangeNotSatisfiable)
            #expect(outside.headers[.contentRange] == "bytes */\(pdf.count)")

            let mine = try await listed(client, ada)
            #expect(Set(mine.map(\.documentId)) == [multipart.documentId, plain.documentId])
            #expect(Self.files(options.documentsRoot, "staging") == 0)
        }
    }

    @Test("path-traversal names are stored as their last component, sanitized, with the sniffed type's extension")
    func traversalNames() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await register(client, "ada")
            let plain = try document(try await plainUpload(client, ada, Self.text(100), name: "../../etc/passwd.txt"))
            #expect(plain.fileName == "passwd.txt")
            let windows = try document(try await multipartUpload(client, ada, Self.text(100, seed: 2), name: #"..\\..\\Windows\\system32\\..evil name?.pdf"#))
            #expect(windows.fileName == "evil_name.txt")
            #expect(!windows.fileName.contains("/") && !windows.fileName.contains("\\") && !windows.fileName.hasPrefix("."))
            let download = try await get(client, "/api/v1/documents/\(plain.documentId)/content", as: ada)
            #expect(download.headers[.contentDisposition]?.contains("filename=\"passwd.txt\"") == true)
        }
    }

    @Test("an empty file, one over the size limit and a disguised executable are refused with typed errors and nothing stored")
    func limitsAndSniffing() async throws {
        let options = {
            var options = SuiteFixture.Options()
            options.documents.maximumFileBytes = 600_000
            return options
        }()
        try await SuiteFixture.run(options) { client, _ in
            let ada = try await register(client, "ada")
            let empty = try await plainUpload(client, ada, [], name: "empty.txt")
            #expect(empty.status == .badRequest && empty.error?.code == .validation)
            // A declared Content-Length over the limit is refused before a byte moves…
            let declared = try await plainUpload(client, ada, Self.text(700_000), name: "big.txt")
            #expect(declared.status == .badRequest && declared.error?.code == .validation, "\(String(decoding: declared.body, as: UTF8.self))")
            // …and a multipart body (no size declared) when the chunks pass the limit.
            let streamed = try await multipartUpload(client, ada, Self.text(700_000), name: "big.txt")
            #expect(streamed.status == .badRequest && streamed.error?.details["field"] == "file", "\(String(decoding: streamed.body, as: UTF8.self))")
            let disguised = try await multipartUpload(client, ada, try Self.fixture("program.pdf"), name: "invoice.pdf", type: "application/pdf")
            #expect(disguised.status == .badRequest && disguised.error?.details["field"] == "file", "\(String(decoding: disguised.body, as: UTF8.self))")
            let plainDisguised = try await plainUpload(client, ada, try Self.fixture("program.pdf"), name: "invoice.pdf")
            #expect(plainDisguised.status == .badRequest && plainDisguised.error?.details["field"] == "file")

            #expect(try await listed(client, ada).isEmpty)
            #expect(Self.files(options.documentsRoot, "blobs") == 0)
            try await eventually("no staged upload is left") { Self.files(options.documentsRoot, "staging") == 0 }
        }
    }

    @Test("a checksum mismatch stores nothing; the same bytes uploaded twice are stored as one blob")
    func checksumAndDedup() async throws {
        let options = SuiteFixture.Options()
        try await SuiteFixture.run(options) { client, _ in
            let ada = try await register(client, "ada"), bob = try await register(client, "bob")
            let bytes = Self.text(300_000, seed: 7)
            let mismatch = try await plainUpload(client, ada, bytes, name: "a.txt", checksum: String(repeating: "0", count: 64))
            #expect(mismatch.status == .badRequest && mismatch.error?.details["field"] == "expectedChecksum")
            #expect(mismatch.error?.details["actual"] == Self.sha256(bytes))
            #expect(try await listed(client, ada).isEmpty)
            #expect(Self.files(options.documentsRoot, "blobs") == 0)
            try await eventually("no staged upload is left") { Self.files(options.documentsRoot, "staging") == 0 }

            let multipartMismatch = try await multipartUpload(client, ada, bytes, name: "a.txt", fields: [("checksum", String(repeating: "1", count: 64))])
            #expect(multipartMismatch.status == .badRequest && multipartMismatch.error?.details["field"] == "expectedChecksum")

            let first = try document(try await plainUpload(client, ada, bytes, name: "a.txt", checksum: Self.sha256(bytes)))
            let second = try document(try await multipartUpload(client, bob, bytes, name: "b.txt"))
            #expect(first.documentId != second.documentId && first.checksum == second.checksum)
            #expect(Self.files(options.documentsRoot, "blobs") == 1)
        }
    }

    // MARK: Versions and review

    @Test("a sprint requirement's uploads become versions; an admin reviews; a new version resets the review; old versions stay readable")
    func versionsAndReview() async throws {
        try await SuiteFixture.run(withBus: { client, _, bus in
            let ada = try await register(client, "ada"), bob = try await register(client, "bob"), cai = try await register(client, "cai")
            _ = try await bus.request(
                SetSprintRequirementsV1(sprintId: Self.sprint, tenantId: "platform", clientId: ada.id, adminIds: [bob.id],
                                        requiredDocuments: [RequiredDocumentV1(fieldName: "brand_guide", fileTypes: ["pdf", "txt"], maxFileSize: 1_000_000)]),
                envelope: MessageEnvelope(type: SetSprintRequirementsV1.messageType), timeout: .seconds(30))

            let v1Bytes = Self.text(5000, seed: 1)
            let v1 = try document(try await multipartUpload(
                client, ada, v1Bytes, name: "guide.txt", fields: [("sprintId", Self.sprint), ("fieldName", "brand_guide")]))
            #expect(v1.version == 1 && v1.reviewStatus == .pending && v1.sprintId == Self.sprint)
            let wrongType = try await multipartUpload(client, ada, try Self.fixture("logo.png"), name: "logo.png", type: "image/png",
                                                      fields: [("sprintId", Self.sprint), ("fieldName", "brand_guide")])
            #expect(wrongType.status == .badRequest && wrongType.error?.details["field"] == "file")

            // The admin sees it; the client may not review; a stranger does not know it exists.
            #expect(try await get(client, "/api/v1/documents/\(v1.documentId)", as: bob).status == .ok)
            let bySelf = try await client.call(.post, "/api/v1/documents/\(v1.documentId)/review", as: ada, json: #"{"status":"approved"}"#)
            #expect(bySelf.status == .forbidden)
            let byStranger = try await client.call(.post, "/api/v1/documents/\(v1.documentId)/review", as: cai, json: #"{"status":"approved"}"#)
            #expect(byStranger.status == .notFound)
            let noNotes = try await client.call(.post, "/api/v1/documents/\(v1.documentId)/review", as: bob, json: #"{"status":"rejected"}"#)
            #expect(noNotes.status == .badRequest && noNotes.error?.details["field"] == "notes")
            let approved = try await client.call(.post, "/api/v1/documents/\(v1.documentId)/review", as: bob, json: #"{"status":"approved","notes":"Good"}"#)
            #expect(approved.status == .ok)
            let reviewed = try approved.decode(DocumentV1.self)
            #expect(reviewed.reviewStatus == .approved && reviewed.reviewedBy == bob.id && reviewed.reviewNotes == "Good")

            // A second upload for the requirement (by the route of versions) is version 2, pending again.
            let pdf = try Self.fixture("guide.pdf")
            let v2 = try document(try await plainUpload(client, ada, pdf, name: "guide.pdf", path: "/api/v1/documents/\(v1.documentId)/versions"))
            #expect(v2.documentId == v1.documentId && v2.version == 2 && v2.previousVersionId == v1.id && v2.reviewStatus == .pending)
            // And by the requirement's fields on the plain route: version 3.
            let v3Bytes = Self.text(4000, seed: 3)
            let v3 = try document(try await plainUpload(client, ada, v3Bytes, name: "guide.txt", query: "?sprintId=\(Self.sprint)&fieldName=brand_guide"))
            #expect(v3.documentId == v1.documentId && v3.version == 3 && v3.reviewStatus == .pending)

            let versions = try (try await client.call(.get, "/api/v1/documents/\(v1.documentId)/versions", as: bob)).decode(DocumentListV1.self).documents
            #expect(versions.map(\.version) == [3, 2, 1])
            #expect(versions.map(\.isLatest) == [true, false, false])
            #expect(versions.map(\.reviewStatus) == [.pending, .pending, .approved])
            let old = try await get(client, "/api/v1/documents/\(v1.documentId)/content?version=1", as: bob)
            #expect(old.status == .ok && [UInt8](old.body) == v1Bytes)
            #expect([UInt8](try await get(client, "/api/v1/documents/\(v1.documentId)/content", as: ada).body) == v3Bytes)
            let stale = try await client.call(.post, "/api/v1/documents/\(v1.documentId)/review", as: bob, json: #"{"version":1,"status":"approved"}"#)
            #expect(stale.status == .conflict && stale.error?.details["field"] == "version")
            let revision = try await client.call(.post, "/api/v1/documents/\(v1.documentId)/review", as: bob,
                                                 json: #"{"status":"needs_revision","notes":"Add the colours"}"#)
            #expect(try revision.decode(DocumentV1.self).reviewStatus == .needsRevision)
            let sprintList = try await client.call(.get, "/api/v1/documents?sprintId=\(Self.sprint)", as: bob)
            #expect(try sprintList.decode(DocumentListV1.self).documents.map(\.version) == [3])
        })
    }

    // MARK: Sharing and access

    @Test("a chat share reaches the conversation's members until they leave; public links stop at their limit, expiry, revocation and a private reset")
    func sharing() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await register(client, "ada"), bob = try await register(client, "bob"), cai = try await register(client, "cai")
            let bytes = Self.text(1000, seed: 4)
            let doc = try document(try await plainUpload(client, ada, bytes, name: "plan.txt"))
            let content = "/api/v1/documents/\(doc.documentId)/content"
            #expect(try await get(client, content, as: bob).status == .notFound)

            // Chat: members of the conversation read it while they are members.
            let created = try await client.call(.post, "/api/v1/conversations", as: ada,
                                                body: CreateConversationV1(type: .group, title: "Plan", memberIds: [bob.id]))
            let conversation = try created.decode(ConversationV1.self)
            try await eventually("documents learned the conversation's members") {
                let share = try await client.call(.post, "/api/v1/documents/\(doc.documentId)/shares", as: ada,
                                                  json: #"{"type":"chat","conversationId":"\#(conversation.id)"}"#)
                guard share.status == .created else { return false }
                return (try? await get(client, content, as: bob))?.status == .ok
            }
            #expect([UInt8](try await get(client, content, as: bob).body) == bytes)
            #expect(try await get(client, content, as: cai).status == .notFound)
            #expect(try await client.call(.delete, "/api/v1/documents/\(doc.documentId)", as: bob).status == .forbidden)
            #expect(try await client.call(.delete, "/api/v1/conversations/\(conversation.id)/members/\(bob.id)", as: ada).status == .ok)
            // Polled on the document's metadata: access is checked on every chunk too, so a download under
            // way when the member-left event lands is cut mid-body, and the test client's one connection
            // does not survive that. Once the metadata is refused, so is the content.
            try await eventually("bob lost access when he left") {
                try await client.call(.get, "/api/v1/documents/\(doc.documentId)", as: bob).status == .notFound
            }
            #expect(try await get(client, content, as: bob).status == .notFound)

            // Public: a download limit.
            let limited = try (try await client.call(.post, "/api/v1/documents/\(doc.documentId)/shares", as: ada,
                                                      json: #"{"type":"public","maxDownloads":1}"#)).decode(ShareV1.self)
            let limitedToken = try #require(limited.token)
            let once = try await get(client, "/api/v1/shared/\(limitedToken)", as: nil)
            #expect(once.status == .ok && [UInt8](once.body) == bytes)
            #expect(try await get(client, "/api/v1/shared/\(limitedToken)", as: nil).status == .notFound)

            // Public: an expiry.
            // Whole seconds (ISO 8601 without fractions), far enough ahead for a loaded machine: every
            // chunk checks the link again, so a link expiring mid-download cuts the download.
            let expiresAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970).rounded(.down) + 6)
            let expiry = ISO8601DateFormatter().string(from: expiresAt)
            let expiring = try await client.call(.post, "/api/v1/documents/\(doc.documentId)/shares", as: ada,
                                                 json: #"{"type":"public","expiresAt":"\#(expiry)"}"#)
            #expect(expiring.status == .created, "\(String(decoding: expiring.body, as: UTF8.self))")
            let expiringToken = try #require(try expiring.decode(ShareV1.self).token)
            #expect(try await get(client, "/api/v1/shared/\(expiringToken)", as: nil, range: "bytes=0-3").status == .partialContent)
            try await Task.sleep(for: .milliseconds(Int(max(0, expiresAt.timeIntervalSinceNow) * 1000) + 300))
            #expect(try await get(client, "/api/v1/shared/\(expiringToken)", as: nil).status == .notFound)

            // Public: revoked.
            let revocable = try (try await client.call(.post, "/api/v1/documents/\(doc.documentId)/shares", as: ada, json: #"{"type":"public"}"#))
                .decode(ShareV1.self)
            let revocableToken = try #require(revocable.token)
            #expect(try await get(client, "/api/v1/shared/\(revocableToken)", as: nil).status == .ok)
            #expect(try await client.call(.delete, "/api/v1/documents/\(doc.documentId)/shares/\(revocable.id)", as: bob).status == .notFound)
            #expect(try await client.call(.delete, "/api/v1/documents/\(doc.documentId)/shares/\(revocable.id)", as: ada).status == .ok)
            #expect(try await get(client, "/api/v1/shared/\(revocableToken)", as: nil).status == .notFound)

            // Private revokes every share at once.
            let another = try #require(try (try await client.call(.post, "/api/v1/documents/\(doc.documentId)/shares", as: ada, json: #"{"type":"public"}"#))
                .decode(ShareV1.self).token)
            #expect(try await client.call(.post, "/api/v1/documents/\(doc.documentId)/shares", as: ada, json: #"{"type":"private"}"#).status == .created)
            #expect(try await get(client, "/api/v1/shared/\(another)", as: nil).status == .notFound)
            #expect(try await get(client, "/api/v1/shared/dl_guessed", as: nil).status == .notFound)

            // Deleted: gone for its owner too.
            #expect(try await client.call(.delete, "/api/v1/documents/\(doc.documentId)", as: ada).status == .ok)
            #expect(try await get(client, content, as: ada).status == .notFound)
        }
    }

    @Test("another user's private document and another tenant's documents do not exist for the caller; a key without files scopes is forbidden")
    func deniedAccess() async throws {
        try await SuiteFixture.run { client, _ in
            let root = try await register(client, SuiteFixture.bootstrapAdmin.replacingOccurrences(of: "@example.com", with: ""))
            let ada = try await register(client, "ada"), bob = try await register(client, "bob")
            let doc = try document(try await plainUpload(client, ada, Self.text(2000), name: "private.txt"))
            let id = doc.documentId
            for path in ["/api/v1/documents/\(id)", "/api/v1/documents/\(id)/content", "/api/v1/documents/\(id)/versions", "/api/v1/documents/\(id)/thumbnail"] {
                #expect(try await get(client, path, as: bob).status == .notFound, "\(path)")
            }
            #expect(try await client.call(.post, "/api/v1/documents/\(id)/review", as: bob, json: #"{"status":"approved"}"#).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/documents/\(id)/shares", as: bob, json: #"{"type":"public"}"#).status == .notFound)
            #expect(try await client.call(.delete, "/api/v1/documents/\(id)", as: bob).status == .notFound)
            #expect(try await plainUpload(client, bob, Self.text(10), name: "v.txt", path: "/api/v1/documents/\(id)/versions").status == .notFound)
            #expect(try await listed(client, bob).isEmpty)
            #expect(try await get(client, "/api/v1/documents/\(id)/content", as: nil).status == .unauthorized)

            // A tenant's end user, acting through the tenant's key.
            let key = try await tenantKey(client, root: root, tenant: "acme", scopes: ["users:write", "files:read", "files:write"])
            let carol = try await tenantUser(client, key: key, externalId: "carol")
            #expect(try await get(client, "/api/v1/documents/\(id)", as: carol).status == .notFound)
            #expect(try await get(client, "/api/v1/documents/\(id)/content", as: carol).status == .notFound)
            let carols = try document(try await plainUpload(client, carol, Self.text(3000, seed: 9), name: "acme.txt"))
            #expect(carols.tenantId == "acme")
            #expect(try await get(client, "/api/v1/documents/\(carols.documentId)/content", as: carol).status == .ok)
            #expect(try await get(client, "/api/v1/documents/\(carols.documentId)", as: ada).status == .notFound)
            #expect(try await listed(client, carol).map(\.documentId) == [carols.documentId])

            let readOnly = try await tenantKey(client, root: root, tenant: "globex", scopes: ["users:write", "messages:read"])
            let dan = try await tenantUser(client, key: readOnly, externalId: "dan")
            #expect(try await plainUpload(client, dan, Self.text(10), name: "x.txt").status == .forbidden)
            #expect(try await get(client, "/api/v1/documents", as: dan).status == .forbidden)
        }
    }

    // MARK: Bodies that do not arrive whole

    @Test("a truncated multipart body and a client that disconnects mid-upload leave no document and no staged bytes")
    func truncatedAndDisconnected() async throws {
        let options = SuiteFixture.Options()
        try await SuiteFixture.run(options) { client, _ in
            let ada = try await register(client, "ada")
            let truncated = try await multipartUpload(client, ada, Self.text(600_000), name: "cut.txt", close: false)
            #expect(truncated.status == .badRequest && truncated.error?.details["field"] == "body", "\(String(decoding: truncated.body, as: UTF8.self))")
            try await eventually("the truncated upload was aborted") { Self.files(options.documentsRoot, "staging") == 0 }

            // A raw client declares 4 MB, sends 1 MB and closes the connection.
            let port = try #require(client.port)
            let token = try #require(ada.token)
            let socket = try RawClient(port: port)
            try socket.send(Array((
                "POST /api/v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
                + "Content-Type: text/plain\r\nX-File-Name: half.txt\r\nContent-Length: 4000000\r\n\r\n").utf8))
            try socket.send(Self.text(1_000_000, seed: 5))
            try await eventually("the upload began staging") { Self.files(options.documentsRoot, "staging") == 1 }
            socket.close()

            try await eventually("the abandoned upload was aborted and its staged bytes deleted") { Self.files(options.documentsRoot, "staging") == 0 }
            #expect(try await listed(client, ada).isEmpty)
            #expect(Self.files(options.documentsRoot, "blobs") == 0)
        }
    }
}

/// A blocking TCP client for sending half a request and hanging up.
final class RawClient {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ContractError(.internal, "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { Glibc.close(descriptor); throw ContractError(.internal, "connect() failed: \(errno)") }
    }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw ContractError(.internal, "send() failed: \(errno)") }
            sent += written
        }
    }

    func close() { Glibc.close(descriptor) }
}
