public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A value of a Chroma record's metadata (Chroma keeps strings, integers, floats and booleans).
public enum ChromaValue: Sendable, Equatable, Codable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }

    /// The string, when this is one.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, when this is one.
    public var int: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    public var description: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        }
    }
}

/// A `where` filter on metadata (Chroma's `$eq`, `$in`, `$and`, `$or`).
public indirect enum ChromaWhere: Sendable, Equatable {
    case equal(String, ChromaValue)
    case isIn(String, [ChromaValue])
    case and([ChromaWhere])
    case or([ChromaWhere])

    var json: Any {
        switch self {
        case .equal(let key, let value): [key: ["$eq": value.jsonValue]]
        case .isIn(let key, let values): [key: ["$in": values.map(\.jsonValue)]]
        case .and(let parts): ["$and": parts.map(\.json)]
        case .or(let parts): ["$or": parts.map(\.json)]
        }
    }
}

extension ChromaValue {
    var jsonValue: Any {
        switch self {
        case .string(let value): value
        case .int(let value): value
        case .double(let value): value
        case .bool(let value): value
        }
    }
}

/// One record of a collection: its id, vector, text and metadata.
public struct ChromaRecord: Sendable, Equatable {
    public var id: String
    public var embedding: [Float]?
    public var document: String?
    public var metadata: [String: ChromaValue]

    public init(id: String, embedding: [Float]? = nil, document: String? = nil, metadata: [String: ChromaValue] = [:]) {
        self.id = id
        self.embedding = embedding
        self.document = document
        self.metadata = metadata
    }
}

/// One nearest neighbour of a query: the record (without its vector) and its distance (for a cosine
/// collection, `1 − cosine similarity`: 0 is the same direction).
public struct ChromaMatch: Sendable, Equatable {
    public var record: ChromaRecord
    public var distance: Double

    /// `1 − distance`: the cosine similarity in a cosine collection.
    public var similarity: Double { 1 - distance }
}

/// A collection as Chroma describes it.
public struct ChromaCollection: Sendable, Equatable {
    /// Chroma's id (a UUID); record operations address the collection by it.
    public var id: String
    public var name: String
    public var metadata: [String: ChromaValue]
}

/// What Chroma refused, or why it could not be reached.
public struct ChromaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status (0 when there was no answer).
    public var status: Int
    /// Chroma's error name (`NotFoundError`, `InvalidArgumentError`, …) or `unreachable`.
    public var kind: String
    public var message: String

    public var isNotFound: Bool { status == 404 || kind == "NotFoundError" }
    public var description: String { "Chroma \(status) \(kind): \(message)" }
}

/// The distance a collection ranks by.
public enum ChromaSpace: String, Sendable {
    case cosine, l2, ip
}

/// A client of Chroma's HTTP API (v2: tenants, databases, collections, records), over
/// async-http-client. One value per tenant and database; it is cheap to copy and safe to share.
///
/// ```swift
/// let chroma = ChromaClient(url: "http://127.0.0.1:8700")
/// try await chroma.ensureDatabase()
/// let collection = try await chroma.createCollection("business_42", metadata: ["embedder": .string("all-MiniLM-L6-v2")])
/// try await chroma.upsert(collection.id, [ChromaRecord(id: "d_chunk_0", embedding: v, document: "…")])
/// let matches = try await chroma.query(collection.id, embedding: q, limit: 3, where: .equal("businessId", .string("42")))
/// ```
public struct ChromaClient: Sendable {
    /// The server, such as `http://127.0.0.1:8700`.
    public let url: String
    public let tenant: String
    public let database: String
    let httpClient: HTTPClient
    let timeout: TimeAmount

    /// - Parameters:
    ///   - url: the server's base URL (no path).
    ///   - tenant, database: where collections live; ``ensureDatabase()`` creates them.
    ///   - httpClient: the shared async-http-client unless given.
    public init(
        url: String, tenant: String = "default_tenant", database: String = "default_database", httpClient: HTTPClient = .shared,
        timeout: TimeAmount = .seconds(30)
    ) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.tenant = tenant
        self.database = database
        self.httpClient = httpClient
        self.timeout = timeout
    }

    private var databasePath: String { "/api/v2/tenants/\(escaped(tenant))/databases/\(escaped(database))" }

    // MARK: Server, tenant, database

    /// Whether the server answers its heartbeat.
    public func heartbeat() async throws(ChromaError) {
        try await request(.GET, "/api/v2/heartbeat")
    }

    /// Creates the tenant and database when missing.
    public func ensureDatabase() async throws(ChromaError) {
        do {
            try await request(.GET, "/api/v2/tenants/\(escaped(tenant))")
        } catch where error.isNotFound {
            try await ignoringExists { () async throws(ChromaError) in try await request(.POST, "/api/v2/tenants", body: ["name": tenant]) }
        }
        do {
            try await request(.GET, databasePath)
        } catch where error.isNotFound {
            try await ignoringExists { () async throws(ChromaError) in
                try await request(.POST, "/api/v2/tenants/\(escaped(tenant))/databases", body: ["name": database])
            }
        }
    }

    /// Deletes the database with every collection in it (for tests and tear-down).
    public func deleteDatabase() async throws(ChromaError) {
        do {
            try await request(.DELETE, databasePath)
        } catch where error.isNotFound {}
    }

    private func ignoringExists(_ body: () async throws(ChromaError) -> Void) async throws(ChromaError) {
        do {
            try await body()
        } catch where error.message.contains("already exists") || error.status == 409 {}
    }

    // MARK: Collections

    /// Creates collection `name` (or returns the existing one when `getOrCreate`), ranking by `space`.
    public func createCollection(
        _ name: String, metadata: [String: ChromaValue] = [:], space: ChromaSpace = .cosine, getOrCreate: Bool = true
    ) async throws(ChromaError) -> ChromaCollection {
        var body: [String: Any] = ["name": name, "get_or_create": getOrCreate, "configuration": ["hnsw": ["space": space.rawValue]]]
        if !metadata.isEmpty { body["metadata"] = metadata.mapValues(\.jsonValue) }
        return try Self.collection(try await request(.POST, "\(databasePath)/collections", body: body))
    }

    /// Collection `name`, or nil when there is none.
    public func collection(named name: String) async throws(ChromaError) -> ChromaCollection? {
        do {
            return try Self.collection(try await request(.GET, "\(databasePath)/collections/\(escaped(name))"))
        } catch where error.isNotFound {
            return nil
        }
    }

    /// Changes a collection's metadata (replacing it).
    public func updateCollection(_ id: String, metadata: [String: ChromaValue]) async throws(ChromaError) {
        try await request(.PUT, "\(databasePath)/collections/\(escaped(id))", body: ["new_metadata": metadata.mapValues(\.jsonValue)])
    }

    /// Drops collection `name` with its records; false when there was none.
    @discardableResult
    public func deleteCollection(named name: String) async throws(ChromaError) -> Bool {
        do {
            try await request(.DELETE, "\(databasePath)/collections/\(escaped(name))")
            return true
        } catch where error.isNotFound {
            return false
        }
    }

    /// The names of the database's collections.
    public func collectionNames(limit: Int = 1000) async throws(ChromaError) -> [String] {
        let collections: [CollectionReply] = try decode(try await request(.GET, "\(databasePath)/collections?limit=\(limit)"))
        return collections.map(\.name)
    }

    // MARK: Records

    /// Adds records (each with its vector); an id already present is refused by Chroma or ignored.
    public func add(_ collectionId: String, _ records: [ChromaRecord]) async throws(ChromaError) {
        guard !records.isEmpty else { return }
        try await request(.POST, "\(databasePath)/collections/\(escaped(collectionId))/add", body: Self.body(records))
    }

    /// Adds records or replaces those with the same ids.
    public func upsert(_ collectionId: String, _ records: [ChromaRecord]) async throws(ChromaError) {
        guard !records.isEmpty else { return }
        try await request(.POST, "\(databasePath)/collections/\(escaped(collectionId))/upsert", body: Self.body(records))
    }

    /// The `limit` nearest records to `embedding` among those matching `where`, nearest first.
    public func query(_ collectionId: String, embedding: [Float], limit: Int, where filter: ChromaWhere? = nil) async throws(ChromaError) -> [ChromaMatch] {
        var body: [String: Any] = [
            "query_embeddings": [embedding.map { Double($0) }], "n_results": limit, "include": ["documents", "metadatas", "distances"],
        ]
        if let filter { body["where"] = filter.json }
        let reply: QueryReply = try decode(try await request(.POST, "\(databasePath)/collections/\(escaped(collectionId))/query", body: body))
        let ids = reply.ids.first ?? []
        let documents = reply.documents?.first ?? []
        let metadatas = reply.metadatas?.first ?? []
        let distances = reply.distances?.first ?? []
        return ids.indices.map { index in
            ChromaMatch(
                record: ChromaRecord(
                    id: ids[index], document: documents.indices.contains(index) ? documents[index] : nil,
                    metadata: metadatas.indices.contains(index) ? metadatas[index] ?? [:] : [:]),
                distance: distances.indices.contains(index) ? distances[index] ?? 2 : 2)
        }
    }

    /// The records with `ids` and/or matching `where` (without vectors unless `embeddings`).
    public func get(
        _ collectionId: String, ids: [String]? = nil, where filter: ChromaWhere? = nil, embeddings: Bool = false, limit: Int? = nil
    ) async throws(ChromaError) -> [ChromaRecord] {
        var body: [String: Any] = ["include": embeddings ? ["documents", "metadatas", "embeddings"] : ["documents", "metadatas"]]
        if let ids { body["ids"] = ids }
        if let filter { body["where"] = filter.json }
        if let limit { body["limit"] = limit }
        let reply: GetReply = try decode(try await request(.POST, "\(databasePath)/collections/\(escaped(collectionId))/get", body: body))
        return reply.ids.indices.map { index in
            ChromaRecord(
                id: reply.ids[index],
                embedding: reply.embeddings.flatMap { $0.indices.contains(index) ? $0[index] : nil },
                document: reply.documents.flatMap { $0.indices.contains(index) ? $0[index] : nil },
                metadata: reply.metadatas.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? [:])
        }
    }

    /// Deletes the records with `ids` and/or matching `where`.
    public func delete(_ collectionId: String, ids: [String]? = nil, where filter: ChromaWhere? = nil) async throws(ChromaError) {
        var body: [String: Any] = [:]
        if let ids {
            guard !ids.isEmpty else { return }
            body["ids"] = ids
        }
        if let filter { body["where"] = filter.json }
        try await request(.POST, "\(databasePath)/collections/\(escaped(collectionId))/delete", body: body)
    }

    /// How many records the collection holds.
    public func count(_ collectionId: String) async throws(ChromaError) -> Int {
        try decode(try await request(.GET, "\(databasePath)/collections/\(escaped(collectionId))/count"))
    }

    // MARK: Wire

    private static func body(_ records: [ChromaRecord]) -> [String: Any] {
        [
            "ids": records.map(\.id),
            "embeddings": records.map { ($0.embedding ?? []).map { Double($0) } },
            "documents": records.map { $0.document ?? "" },
            "metadatas": records.map { $0.metadata.isEmpty ? NSNull() as Any : $0.metadata.mapValues(\.jsonValue) as Any },
        ]
    }

    private struct CollectionReply: Decodable {
        var id: String
        var name: String
        var metadata: [String: ChromaValue]?
    }

    private struct QueryReply: Decodable {
        var ids: [[String]]
        var documents: [[String?]]?
        var metadatas: [[[String: ChromaValue]?]]?
        var distances: [[Double?]]?
    }

    private struct GetReply: Decodable {
        var ids: [String]
        var documents: [String?]?
        var metadatas: [[String: ChromaValue]?]?
        var embeddings: [[Float]?]?
    }

    private static func collection(_ data: Data) throws(ChromaError) -> ChromaCollection {
        let reply: CollectionReply = try decode(data)
        return ChromaCollection(id: reply.id, name: reply.name, metadata: reply.metadata ?? [:])
    }

    private static func decode<T: Decodable>(_ data: Data) throws(ChromaError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw ChromaError(status: 200, kind: "InvalidResponse", message: "\(T.self): \(error)")
        }
    }

    private func decode<T: Decodable>(_ data: Data) throws(ChromaError) -> T { try Self.decode(data) }

    private func escaped(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? segment
    }

    @discardableResult
    private func request(_ method: HTTPMethod, _ path: String, body: [String: Any]? = nil) async throws(ChromaError) -> Data {
        var request = HTTPClientRequest(url: url + path)
        request.method = method
        if let body {
            do {
                let data = try JSONSerialization.data(withJSONObject: body)
                request.headers.add(name: "content-type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: data))
            } catch {
                throw ChromaError(status: 0, kind: "InvalidRequest", message: "\(error)")
            }
        }
        let status: Int
        let bytes: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            status = Int(response.status.code)
            bytes = try await response.body.collect(upTo: 64 << 20)
        } catch {
            throw ChromaError(status: 0, kind: "unreachable", message: "\(method) \(path): \(error)")
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(status) else {
            let object = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any]
            throw ChromaError(
                status: status, kind: object?["error"] as? String ?? "HTTP\(status)",
                message: object?["message"] as? String ?? String(buffer: bytes))
        }
        return data
    }
}
