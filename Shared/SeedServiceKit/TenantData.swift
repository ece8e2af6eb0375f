import Foundation
public import SeedBus
public import SeedContracts
public import SeedStore

/// A service's part of a tenant's data export and erasure (issue 25, decision 0039), over the
/// collections it declares: `<service>.export-tenant-data.v1` reads a tenant's documents page by page,
/// `<service>.erase-tenant-data.v1` deletes them in one transaction of the ``UnitOfWork`` (a redelivery
/// is answered from the inbox) and publishes `<service>.tenant-data-erased.v1` with the counts.
///
/// Which collections hold a tenant's data is read from their specs (``CollectionSpec/tenant``): a
/// declared `tenantId` path, or an explicit ``CollectionSpec/tenantScoped(by:)`` /
/// ``CollectionSpec/tenantScoped(through:in:matching:)``. Every service registers it with its handlers:
///
/// ```swift
/// TenantData(service: .messaging, work: service.work, collections: MessagingCollections.all).register(on: bus)
/// ```
public struct TenantData: Sendable {
    /// One collection holding tenant data and how its documents name the tenant.
    public struct Scoped: Sendable, Equatable {
        public var collection: String
        public var scope: TenantScope
    }

    /// The service answering.
    public let service: ServiceName
    /// Its tenant collections, parents before the collections that reach the tenant through them.
    public let collections: [Scoped]
    let work: UnitOfWork
    let files: TenantFiles?

    /// The tenant services record for the platform's own users (no tenant): never exported or erased.
    public static let platformTenant = "platform"

    /// Documents per export page when the request names no limit, and the most it may name.
    public static let defaultPageSize = 200
    public static let maximumPageSize = 1000

    /// - Parameters:
    ///   - collections: All the service's collections; those without a tenant scope are left out.
    ///   - files: Stored files the tenant's documents reference (documents' blobs), deleted after an
    ///     erasure commits when no other document references them.
    public init(service: ServiceName, work: UnitOfWork, collections: [CollectionSpec], files: TenantFiles? = nil) {
        self.service = service
        self.work = work
        self.files = files
        let scoped = collections.compactMap { spec in spec.tenant.map { Scoped(collection: spec.name, scope: $0) } }
        self.collections = Self.parentsFirst(scoped)
    }

    /// Orders `scoped` so that each `.through` collection follows its parent; a parent that is not a
    /// tenant collection of this service is a programming error.
    static func parentsFirst(_ scoped: [Scoped]) -> [Scoped] {
        var ordered: [Scoped] = []
        var pending = scoped
        while !pending.isEmpty {
            let before = pending.count
            pending.removeAll { entry in
                if case .through(_, let parent, _) = entry.scope, !ordered.contains(where: { $0.collection == parent }) { return false }
                ordered.append(entry)
                return true
            }
            precondition(pending.count < before, "tenant scopes name parents that are not tenant collections: \(pending.map(\.collection))")
        }
        return ordered
    }

    // MARK: export

    /// A page of the tenant's documents: from the cursor's collection on, the first collection with
    /// documents after the cursor's `_id`.
    public func export(_ command: ExportTenantDataV1<some TenantDataOwner>) async throws -> TenantDataPageV1 {
        let tenant = try Self.tenantId(command.tenantId)
        let limit = command.limit ?? Self.defaultPageSize
        guard (1...Self.maximumPageSize).contains(limit) else {
            throw ContractError.validation("limit must be between 1 and \(Self.maximumPageSize)", field: "limit")
        }
        var position = try command.cursor.map(ExportCursor.init(text:)) ?? ExportCursor(index: 0, after: nil)
        let names = collections.map(\.collection)
        return try await work.mapStoreErrors {
            while position.index < collections.count {
                let name = collections[position.index].collection
                if var filter = try await filter(for: name, tenant: tenant, in: work.store) {
                    if let after = position.after { filter = .and([filter, .greaterThan("_id", after)]) }
                    let documents = try await work.store.find(in: name, where: filter, options: FindOptions(sort: [SortKey("_id")], limit: limit))
                    if !documents.isEmpty {
                        let next: ExportCursor? = documents.count == limit
                            ? ExportCursor(index: position.index, after: documents.last?["_id"])
                            : (position.index + 1 < collections.count ? ExportCursor(index: position.index + 1, after: nil) : nil)
                        return TenantDataPageV1(
                            service: service, tenantId: tenant, collections: names, collection: name,
                            documents: try documents.map(Self.extendedJSON), nextCursor: try next?.text)
                    }
                }
                position = ExportCursor(index: position.index + 1, after: nil)
            }
            return TenantDataPageV1(service: service, tenantId: tenant, collections: names, collection: nil, documents: [], nextCursor: nil)
        }
    }

    static func extendedJSON(_ document: Document) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(DocumentValue.document(document)), as: UTF8.self)
    }

    // MARK: erase

    /// Deletes the tenant's documents of every tenant collection in one transaction (once per message
    /// id), publishes the counts when anything went, then releases the files they referenced (on a
    /// redelivery too, from the stored answer).
    public func erase<Owner: TenantDataOwner>(_ command: EraseTenantDataV1<Owner>, envelope: MessageEnvelope) async throws -> TenantDataErasureV1 {
        let tenant = try Self.tenantId(command.tenantId)
        let outcome = try await work.once(envelope) { tx in
            let fileKeys = try await files?.referenced(tx.operations, tenant) ?? []
            // Every filter first: a collection reached through its parent needs the parent's rows.
            var filters: [String: Filter] = [:]
            for entry in collections {
                filters[entry.collection] = try await filter(for: entry.collection, tenant: tenant, in: tx.operations)
            }
            var counts: [String: Int] = [:]
            for entry in collections.reversed() {
                guard let filter = filters[entry.collection] else { continue }
                counts[entry.collection] = try await tx.operations.delete(in: entry.collection, where: filter, many: true)
            }
            let erasure = TenantDataErasureV1(
                service: service, tenantId: tenant,
                collections: collections.map { TenantCollectionCountV1(collection: $0.collection, documents: counts[$0.collection] ?? 0) },
                filesReleased: fileKeys.count, erasedAt: tx.now)
            if erasure.documentsErased > 0 { try await tx.publish(TenantDataErasedV1<Owner>(erasure: erasure)) }
            return ErasureOutcome(erasure: erasure, fileKeys: fileKeys)
        }
        if let files, !outcome.fileKeys.isEmpty { try await files.release(outcome.fileKeys) }
        return outcome.erasure
    }

    /// What the inbox keeps of an erasure: the answer and the files to release on every delivery.
    struct ErasureOutcome: Codable, Sendable {
        var erasure: TenantDataErasureV1
        var fileKeys: [String]
    }

    // MARK: registration

    /// Registers this service's export and erase handlers on `bus`.
    public func register(on bus: Bus) {
        guard let owner = TenantDataOwners.owner(of: service) else { return }
        register(owner, on: bus)
    }

    private func register<Owner: TenantDataOwner>(_: Owner.Type, on bus: Bus) {
        bus.handle(ExportTenantDataV1<Owner>.self) { command, _ in try await export(command) }
        bus.handle(EraseTenantDataV1<Owner>.self) { command, context in try await erase(command, envelope: context.envelope) }
    }

    // MARK: filters

    /// The filter of `collection`'s documents of `tenant`, or `nil` when it can hold none (its parent has
    /// none of the tenant's rows).
    func filter(for collection: String, tenant: String, in operations: any DocumentOperations) async throws -> Filter? {
        guard let entry = collections.first(where: { $0.collection == collection }) else { return nil }
        switch entry.scope {
        case .field(let path):
            return .equal(path, .string(tenant))
        case .through(let path, let parent, let parentPath):
            guard let parentFilter = try await filter(for: parent, tenant: tenant, in: operations) else { return nil }
            let rows = try await operations.find(in: parent, where: parentFilter, options: FindOptions(projection: [parentPath]))
            let values = Array(Set(rows.compactMap { $0.value(at: parentPath) }))
            return values.isEmpty ? nil : .isIn(path, values)
        case .none:
            return nil
        }
    }

    static func tenantId(_ raw: String) throws(ContractError) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw ContractError.validation("tenantId must be 1 to 200 characters", field: "tenantId")
        }
        guard trimmed != platformTenant else {
            throw ContractError.validation("'\(platformTenant)' names the platform's own users' data, which is no tenant's (decision 0039)", field: "tenantId")
        }
        return trimmed
    }
}

/// The files (blobs) a service's documents reference, for a tenant's erasure.
public struct TenantFiles: Sendable {
    /// Inside the erasure's transaction, before the documents go: the keys of the files the tenant's
    /// documents reference.
    public var referenced: @Sendable (_ operations: any DocumentOperations, _ tenantId: String) async throws -> [String]
    /// After the commit (and on a redelivery): deletes those of `keys` that no document references.
    public var release: @Sendable (_ keys: [String]) async throws -> Void

    public init(
        referenced: @escaping @Sendable (_ operations: any DocumentOperations, _ tenantId: String) async throws -> [String],
        release: @escaping @Sendable (_ keys: [String]) async throws -> Void
    ) {
        self.referenced = referenced
        self.release = release
    }
}

/// Where an export continues: the collection's position and the last `_id` sent
/// (`<index>:<base64url of the _id as Extended JSON>`).
struct ExportCursor {
    var index: Int
    var after: DocumentValue?

    init(index: Int, after: DocumentValue?) {
        self.index = index
        self.after = after
    }

    init(text: String) throws(ContractError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), index >= 0 else { throw Self.invalid }
        self.index = index
        if parts[1].isEmpty {
            after = nil
            return
        }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let value = try? JSONDecoder().decode(DocumentValue.self, from: data) else { throw Self.invalid }
        after = value
    }

    var text: String {
        get throws {
            guard let after else { return "\(index):" }
            let data = try JSONEncoder().encode(after)
            let base64 = data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            return "\(index):\(base64)"
        }
    }

    static let invalid = ContractError.validation("the cursor is not one this export issued", field: "cursor")
}
