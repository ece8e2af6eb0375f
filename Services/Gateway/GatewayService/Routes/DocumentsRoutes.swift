import Foundation
import HTTPTypes
import Hummingbird
import SeedBus
import SeedContracts
import SeedRuntime

/// Bodies of documents routes whose command also takes the document from the path.
struct DocumentReviewBody: Codable, Sendable {
    /// The version reviewed (default: the newest).
    var version: Int?
    /// `approved`, `rejected` or `needs_revision`.
    var status: ReviewStatus
    var notes: String?
}

struct ShareBody: Codable, Sendable {
    /// `private` (revokes every share), `chat` or `public`.
    var type: SharingType
    var conversationId: String?
    var expiresAt: Date?
    var maxDownloads: Int?
}

/// The documents service's routes: streamed uploads (multipart/form-data as browsers send it, or the
/// file as the whole body), ranged downloads, versions, review, sharing and deletion (decision 0018).
///
/// An upload's body is never collected: it is read as Hummingbird streams it and sent to the documents
/// service in chunks of at most 256 KiB, each after the previous one was acknowledged, so the gateway
/// holds at most about two chunks per upload. A download pulls chunks in the same way and writes each
/// to the response as it comes.
enum DocumentsRoutes {
    static let read = RouteSecurity.bearerOrAPIKey(scope: "files:read")
    static let write = RouteSecurity.bearerOrAPIKey(scope: "files:write")
    static let ids = MessagingRoutes.ids
    static let checksumHeader = HTTPField.Name("X-Checksum-SHA256")!
    static let fileNameHeader = HTTPField.Name("X-File-Name")!

    static let uploadQuery = [
        QueryParameter(name: "sprintId", description: "The sprint whose required document this is (with fieldName)."),
        QueryParameter(name: "fieldName", description: "The sprint requirement it answers; a second upload for it becomes version n+1."),
        QueryParameter(name: "businessId", description: "The business it belongs to."),
        QueryParameter(name: "name", description: "The file name of a plain-body upload (or X-File-Name); multipart parts carry their own."),
        QueryParameter(name: "checksum", description: "SHA-256 (hex) the client expects (or X-Checksum-SHA256); a mismatch stores nothing."),
        QueryParameter(name: "category", description: "A category (seed 002)."),
        QueryParameter(name: "tags", description: "Comma-separated tags."),
        QueryParameter(name: "description", description: "What the file is."),
    ]

    /// Commands the gateway sends while it streams bytes, which have no route of their own, and those
    /// only services send.
    static let internalCommands: [(command: any Command.Type, reason: String)] = [
        (UploadChunkV1.self, "the upload routes stream the request body as these chunks"),
        (CompleteUploadV1.self, "the upload routes finish every streamed upload with it"),
        (AbortUploadV1.self, "the upload routes drop an upload whose client went away or whose body was malformed"),
        (ReadChunkV1.self, "the download routes stream a file's bytes with it"),
        (GetDocumentTextV1.self, "business-ai reads extracted text with it"),
        (SetSprintRequirementsV1.self, "work announces a sprint's required documents with it"),
    ]

    static let all: [APIRoute] = [
        streamedUpload(.post, "/api/v1/documents", operationId: "uploadDocument",
                       summary: "Upload a file (multipart/form-data or the file as the body): a new document, or the sprint requirement's next version."),
        streamedUpload(.post, "/api/v1/documents/{documentId}/versions", operationId: "uploadDocumentVersion",
                       summary: "Upload the next version of a document (its review starts again)."),
        .route(.get, "/api/v1/documents", operationId: "listDocuments",
               summary: "The newest version of each document the caller may read: of a sprint, of a business, or their own.", tag: "documents",
               security: read, sends: ListDocumentsV1.self, body: NoBody.self, reply: DocumentListV1.self,
               query: [QueryParameter(name: "sprintId", description: "Only this sprint's."), QueryParameter(name: "businessId", description: "Only this business's.")]) { _, call in
            try await call.send(ListDocumentsV1(sprintId: call.query("sprintId"), businessId: call.query("businessId")))
        },
        .route(.get, "/api/v1/documents/{documentId}", operationId: "getDocument",
               summary: "A document's newest version (or ?version=n); 404 for callers who may not read it.", tag: "documents",
               security: read, sends: GetDocumentV1.self, body: NoBody.self, reply: DocumentV1.self,
               query: [QueryParameter(name: "version", description: "A version number.")], pathParameters: ids("documentId")) { _, call in
            try await call.send(GetDocumentV1(documentId: call.parameter("documentId"), version: try call.integerQuery("version")))
        },
        .route(.get, "/api/v1/documents/{documentId}/versions", operationId: "listDocumentVersions",
               summary: "Every version of a document, newest first.", tag: "documents",
               security: read, sends: ListVersionsV1.self, body: NoBody.self, reply: DocumentListV1.self, pathParameters: ids("documentId")) { _, call in
            try await call.send(ListVersionsV1(documentId: call.parameter("documentId")))
        },
        download("/api/v1/documents/{documentId}/content", operationId: "downloadDocument", thumbnail: false,
                 summary: "The bytes of a document's newest version (or ?version=n), with Range support and the SHA-256 in X-Checksum-SHA256."),
        download("/api/v1/documents/{documentId}/thumbnail", operationId: "downloadDocumentThumbnail", thumbnail: true,
                 summary: "The JPEG thumbnail of an image or PDF (404 until processed)."),
        .route(.post, "/api/v1/documents/{documentId}/review", operationId: "reviewDocument",
               summary: "A sprint admin approves, rejects or asks for a revision of the newest version, with notes.", tag: "documents",
               security: write, sends: ReviewDocumentV1.self, body: DocumentReviewBody.self, reply: DocumentV1.self, pathParameters: ids("documentId")) { body, call in
            try await call.send(ReviewDocumentV1(documentId: call.parameter("documentId"), version: body.version, status: body.status, notes: body.notes))
        },
        .route(.post, "/api/v1/documents/{documentId}/shares", operationId: "shareDocument",
               summary: "Share with a conversation's members or as a public link (its token only in this reply), with expiry and download limit; private revokes all.",
               tag: "documents", security: write, sends: ShareDocumentV1.self, body: ShareBody.self, reply: ShareV1.self, status: .created,
               pathParameters: ids("documentId")) { body, call in
            try await call.send(ShareDocumentV1(
                documentId: call.parameter("documentId"), type: body.type, conversationId: body.conversationId, expiresAt: body.expiresAt,
                maxDownloads: body.maxDownloads))
        },
        .route(.delete, "/api/v1/documents/{documentId}/shares/{shareId}", operationId: "revokeDocumentShare",
               summary: "Revoke a share: its link answers 404 from now on.", tag: "documents",
               security: write, sends: RevokeShareV1.self, body: NoBody.self, reply: Accepted.self, pathParameters: ids("documentId", "shareId")) { _, call in
            try await call.send(RevokeShareV1(documentId: call.parameter("documentId"), shareId: call.parameter("shareId")))
        },
        .route(.delete, "/api/v1/documents/{documentId}", operationId: "deleteDocument",
               summary: "Delete a document (its owner): gone at once; its bytes are purged after the retention period.", tag: "documents",
               security: write, sends: DeleteDocumentV1.self, body: NoBody.self, reply: Accepted.self, pathParameters: ids("documentId")) { _, call in
            try await call.send(DeleteDocumentV1(documentId: call.parameter("documentId")))
        },
        download("/api/v1/shared/{token}", operationId: "downloadSharedDocument", thumbnail: false,
                 summary: "Download through a public link (no account): 404 once it expired, was revoked or used up."),
    ]

    // MARK: - Upload

    static func streamedUpload(_ method: HTTPRequest.Method, _ path: String, operationId: String, summary: String) -> APIRoute {
        APIRoute(
            method: method, path: path, operationId: operationId, summary: summary, tag: "documents", security: write, requestSchema: nil,
            responseSchema: { $0.schema(for: DocumentV1.self) }, successStatus: .created, query: uploadQuery,
            pathParameters: path.contains("{documentId}") ? ids("documentId") : [:], command: BeginUploadV1.self
        ) { request, call in
            let documentId = path.contains("{documentId}") ? call.parameter("documentId") : nil
            let document = try await StreamedUpload(call: call, request: request, documentId: documentId).run()
            return try GatewayJSON.response(document, status: .created)
        }
    }

    // MARK: - Download

    static func download(_ path: String, operationId: String, thumbnail: Bool, summary: String) -> APIRoute {
        let shared = path.contains("{token}")
        return APIRoute(
            method: .get, path: path, operationId: operationId, summary: summary, tag: "documents", security: shared ? .open : read,
            requestSchema: nil, responseSchema: { _ in .object([("type", .string("string")), ("format", .string("binary"))]) }, successStatus: .ok,
            query: shared ? [] : [QueryParameter(name: "version", description: "A version number (default: the newest).")],
            pathParameters: shared ? [:] : ids("documentId"), command: OpenDownloadV1.self
        ) { request, call in
            let token = shared ? call.parameter("token") : nil
            let open = OpenDownloadV1(
                documentId: shared ? nil : call.parameter("documentId"), version: shared ? nil : try call.integerQuery("version"),
                thumbnail: thumbnail ? true : nil, shareToken: token)
            let file = try await call.ask(open)
            return try ranged(file, request: request, call: call, token: token)
        }
    }

    /// The response for `file`: whole (200) or the requested range (206); a range outside the file is
    /// 416 with `Content-Range: bytes */size`.
    static func ranged(_ file: DownloadV1, request: Request, call: RouteCall, token: String?) throws -> Response {
        var headers: HTTPFields = [
            .contentType: file.mimeType, .acceptRanges: "bytes", .eTag: "\"\(file.checksum)\"", checksumHeader: file.checksum,
            .contentDisposition: disposition(file), .cacheControl: "private, no-store",
        ]
        var start = 0, end = file.size - 1, status = HTTPResponse.Status.ok
        if let range = request.headers[.range] {
            guard let (first, last) = byteRange(range, size: file.size) else {
                headers[.contentRange] = "bytes */\(file.size)"
                let error = ContractError(.validation, "the range \(range) lies outside the file of \(file.size) bytes", details: ["field": "Range", "reason": "range_not_satisfiable"])
                headers[.contentType] = "application/json; charset=utf-8"
                return Response(status: .rangeNotSatisfiable, headers: headers,
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: try GatewayJSON.encode(error))))
            }
            (start, end, status) = (first, last, .partialContent)
            headers[.contentRange] = "bytes \(first)-\(last)/\(file.size)"
        }
        let length = max(0, end - start + 1)
        headers[.contentLength] = "\(length)"
        let bus = call.bus, deadline = call.deadline, first = start, last = end
        let envelope = MessageEnvelope(correlationId: call.requestID, type: ReadChunkV1.messageType, tenant: call.principal?.tenant, actor: call.principal?.actor)
        let body = ResponseBody(contentLength: length) { writer in
            var offset = first
            while offset <= last {
                let want = min(DocumentsLimits.chunkBytes, last - offset + 1)
                let chunk = try await bus.request(
                    ReadChunkV1(versionId: file.versionId, offset: offset, length: want, thumbnail: file.thumbnail ? true : nil, shareToken: token),
                    envelope: MessageEnvelope(correlationId: envelope.correlationId, type: ReadChunkV1.messageType, tenant: envelope.tenant, actor: envelope.actor),
                    timeout: deadline)
                guard let data = Data(base64Encoded: chunk.data), !data.isEmpty else { break }
                try await writer.write(ByteBuffer(bytes: data))
                offset += data.count
            }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: headers, body: body)
    }

    /// `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266).
    static func disposition(_ file: DownloadV1) -> String {
        let ascii = String(file.fileName.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = file.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// The first and last byte of a single `bytes=` range within `size`, or `nil` when it is not
    /// satisfiable or not understood.
    static func byteRange(_ header: String, size: Int) -> (Int, Int)? {
        let value = header.trimmingCharacters(in: .whitespaces)
        guard value.hasPrefix("bytes="), size > 0 else { return nil }
        let spec = value.dropFirst("bytes=".count)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let from = spec[..<dash].trimmingCharacters(in: .whitespaces), to = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        if from.isEmpty {
            guard let suffix = Int(to), suffix > 0 else { return nil }
            return (max(0, size - suffix), size - 1)
        }
        guard let first = Int(from), first >= 0, first < size else { return nil }
        if to.isEmpty { return (first, size - 1) }
        guard let last = Int(to), last >= first else { return nil }
        return (first, min(last, size - 1))
    }
}

/// One upload streamed from an HTTP body to the documents service: parsed as multipart when the
/// content type says so, else the body is the file. On any failure (a malformed or truncated body, a
/// client that went away, a refusal) the open upload is aborted, so nothing partial is kept.
struct StreamedUpload {
    let call: RouteCall
    let request: Request
    let documentId: String?

    func run() async throws -> DocumentV1 {
        let contentType = request.headers[.contentType] ?? ""
        let checksum = request.headers[DocumentsRoutes.checksumHeader] ?? call.query("checksum")
        var uploadId: String?
        do {
            let document: DocumentV1
            if contentType.lowercased().hasPrefix("multipart/form-data") {
                guard let boundary = Self.boundary(of: contentType) else {
                    throw ContractError.validation("multipart/form-data needs a boundary parameter", field: "Content-Type")
                }
                document = try await multipart(boundary: boundary, checksum: checksum) { uploadId = $0 }
            } else {
                let name = request.headers[DocumentsRoutes.fileNameHeader] ?? call.query("name") ?? "upload"
                let declared = request.headers[.contentLength].flatMap { Int($0) }
                let session = try await begin(name: name, declaredType: request.headers[.contentType], declaredSize: declared, checksum: checksum, fields: [:])
                uploadId = session.uploadId
                var sender = ChunkSender(call: call, uploadId: session.uploadId)
                for try await buffer in request.body { try await sender.add(buffer.readableBytesView) }
                document = try await sender.finish()
            }
            return document
        } catch {
            if let uploadId {
                let call = call
                // Detached from the request's task, which may be cancelled because the client left.
                Task { _ = try? await call.ask(AbortUploadV1(uploadId: uploadId)) }
            }
            throw error
        }
    }

    func begin(name: String, declaredType: String?, declaredSize: Int?, checksum: String?, fields: [String: String]) async throws -> UploadSessionV1 {
        func value(_ key: String) -> String? { fields[key] ?? call.query(key) }
        return try await call.ask(BeginUploadV1(
            documentId: documentId, sprintId: value("sprintId"), fieldName: value("fieldName"), businessId: value("businessId"), originalName: name,
            declaredType: declaredType, declaredSize: declaredSize, expectedChecksum: fields["checksum"] ?? checksum, category: value("category"),
            tags: value("tags").map { $0.split(separator: ",").map(String.init) }, description: value("description")))
    }

    /// Form fields before the file part are read as values (sprintId, fieldName, checksum, …); the first
    /// part with a file name is the file; parts after it are ignored.
    func multipart(boundary: String, checksum: String?, opened: (String) -> Void) async throws -> DocumentV1 {
        var parser = MultipartStream(boundary: boundary)
        var fields: [String: String] = [:]
        var field: (name: String, value: [UInt8])?
        var sender: ChunkSender?
        var fileDone: DocumentV1?
        var inFile = false
        for try await buffer in request.body {
            for event in try parser.feed(buffer.readableBytesView) {
                switch event {
                case .part(let headers):
                    let disposition = headers["content-disposition"] ?? ""
                    let name = Self.parameter("name", in: disposition) ?? ""
                    if let fileName = Self.parameter("filename", in: disposition), sender == nil, fileDone == nil {
                        let session = try await begin(name: fileName, declaredType: headers["content-type"], declaredSize: nil, checksum: checksum, fields: fields)
                        opened(session.uploadId)
                        sender = ChunkSender(call: call, uploadId: session.uploadId)
                        inFile = true
                    } else {
                        field = (name, [])
                    }
                case .data(let bytes):
                    if inFile {
                        try await sender?.add(bytes)
                    } else if var current = field {
                        guard current.value.count + bytes.count <= 16 * 1024 else {
                            throw ContractError.validation("the form field '\(current.name)' is longer than 16 KiB", field: current.name)
                        }
                        current.value += bytes
                        field = current
                    }
                case .partEnd:
                    if inFile, var active = sender {
                        fileDone = try await active.finish()
                        sender = nil
                        inFile = false
                    } else if let current = field {
                        fields[current.name] = String(decoding: current.value, as: UTF8.self)
                        field = nil
                    }
                }
            }
        }
        guard parser.isComplete else {
            throw ContractError.validation("the multipart body ended before its closing boundary", field: "body")
        }
        guard let fileDone else { throw ContractError.validation("the form has no file part (a part with a filename)", field: "file") }
        return fileDone
    }

    static func boundary(of contentType: String) -> String? {
        parameter("boundary", in: contentType)
    }

    /// A `key=value` or `key="value"` parameter of a header value.
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}

/// Gathers a body's bytes into chunks of ``DocumentsLimits/chunkBytes`` and sends each as
/// `upload-chunk`, waiting for its acknowledgement before taking more (the flow control of decision 0018).
struct ChunkSender {
    let call: RouteCall
    let uploadId: String
    private var pending: [UInt8] = []
    private var offset = 0

    init(call: RouteCall, uploadId: String) {
        self.call = call
        self.uploadId = uploadId
        pending.reserveCapacity(DocumentsLimits.chunkBytes)
    }

    mutating func add(_ bytes: some Collection<UInt8>) async throws {
        var rest = bytes[...]
        while !rest.isEmpty {
            let take = min(DocumentsLimits.chunkBytes - pending.count, rest.count)
            pending += rest.prefix(take)
            rest = rest.dropFirst(take)
            if pending.count == DocumentsLimits.chunkBytes { try await flush() }
        }
    }

    mutating func flush() async throws {
        guard !pending.isEmpty else { return }
        let progress = try await call.ask(UploadChunkV1(uploadId: uploadId, offset: offset, data: Data(pending).base64EncodedString()))
        offset = progress.received
        pending.removeAll(keepingCapacity: true)
    }

    mutating func finish() async throws -> DocumentV1 {
        try await flush()
        return try await call.ask(CompleteUploadV1(uploadId: uploadId))
    }
}

/// A streaming multipart/form-data parser (RFC 7578): fed the body as it arrives, it reports each
/// part's headers, its bytes and its end, keeping back only what may be the start of a boundary. It
/// holds at most one fed buffer plus a boundary's length of bytes, never a whole part.
struct MultipartStream {
    enum Event {
        case part([String: String])
        case data([UInt8])
        case partEnd
    }

    private enum State { case preamble, headers, body, done }

    private let delimiter: [UInt8]
    private var buffer: [UInt8] = []
    private var state = State.preamble
    /// Whether the closing boundary was read.
    var isComplete: Bool { state == .done }

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first boundary may open the body without a line break before it.
        buffer = Array("\r\n".utf8)
    }

    mutating func feed(_ bytes: some Collection<UInt8>) throws(ContractError) -> [Event] {
        guard state != .done else { return [] }
        buffer += bytes
        var events: [Event] = []
        while true {
            switch state {
            case .preamble:
                guard let at = Self.find(delimiter, in: buffer) else {
                    if buffer.count > delimiter.count { buffer.removeFirst(buffer.count - delimiter.count) }
                    return events
                }
                guard buffer.count >= at + delimiter.count + 2 else { return events }
                buffer.removeFirst(at + delimiter.count)
                guard buffer[0] == 13, buffer[1] == 10 else { throw Self.malformed }
                buffer.removeFirst(2)
                state = .headers
            case .headers:
                guard let end = Self.find(Array("\r\n\r\n".utf8), in: buffer) else {
                    guard buffer.count <= 16 * 1024 else { throw Self.malformed }
                    return events
                }
                var headers: [String: String] = [:]
                for line in String(decoding: buffer[0..<end], as: UTF8.self).components(separatedBy: "\r\n") where !line.isEmpty {
                    guard let colon = line.firstIndex(of: ":") else { throw Self.malformed }
                    headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                buffer.removeFirst(end + 4)
                events.append(.part(headers))
                state = .body
            case .body:
                if let at = Self.find(delimiter, in: buffer) {
                    guard buffer.count >= at + delimiter.count + 2 else {
                        if at > 0 { events.append(.data(Array(buffer[0..<at]))); buffer.removeFirst(at) }
                        return events
                    }
                    let after = Array(buffer[(at + delimiter.count)..<(at + delimiter.count + 2)])
                    guard after == Array("--".utf8) || after == [13, 10] else {
                        // The boundary's text followed by something else is content, not a delimiter.
                        events.append(.data(Array(buffer[0...at])))
                        buffer.removeFirst(at + 1)
                        continue
                    }
                    if at > 0 { events.append(.data(Array(buffer[0..<at]))) }
                    events.append(.partEnd)
                    buffer.removeFirst(at + delimiter.count + 2)
                    if after == Array("--".utf8) {
                        state = .done
                        buffer = []
                        return events
                    }
                    state = .headers
                } else {
                    let keep = delimiter.count - 1
                    if buffer.count > keep {
                        events.append(.data(Array(buffer[0..<(buffer.count - keep)])))
                        buffer.removeFirst(buffer.count - keep)
                    }
                    return events
                }
            case .done:
                return events
            }
        }
    }

    static let malformed = ContractError.validation("the multipart body is malformed", field: "body")

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count, let first = needle.first else { return nil }
        return haystack.withUnsafeBufferPointer { hay -> Int? in
            var index = 0
            let last = hay.count - needle.count
            while index <= last {
                if hay[index] == first {
                    var match = true
                    for offset in 1..<needle.count where hay[index + offset] != needle[offset] { match = false; break }
                    if match { return index }
                }
                index += 1
            }
            return nil
        }
    }
}

/// The gateway's request-size limit, except for the upload routes, whose bodies are streamed to the
/// documents service in chunks and limited there (by the requirement or the global maximum).
struct RequestSizeLimitExceptUploads<Context: RequestContext>: RouterMiddleware {
    let limit: RequestSizeLimitMiddleware<Context>

    init(maximumBytes: Int) { limit = RequestSizeLimitMiddleware(maximumBytes: maximumBytes) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .post, Self.isUpload(request.uri.path) { return try await next(request, context) }
        return try await limit.handle(request, context: context, next: next)
    }

    /// `/api/v1/documents` and `/api/v1/documents/{id}/versions`.
    static func isUpload(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[0] == "api", parts[1] == "v1", parts[2] == "documents" else { return false }
        return parts.count == 3 || (parts.count == 5 && parts[4] == "versions")
    }
}
