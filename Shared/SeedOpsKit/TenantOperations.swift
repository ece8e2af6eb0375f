import Foundation
public import SeedBus
public import SeedContracts

/// What one service exported of a tenant: its tenant collections, each with its documents (canonical
/// Extended JSON text, as the service sent them).
public struct ServiceTenantExport: Sendable, Equatable {
    public var service: ServiceName
    /// Collection names in the service's export order, with their documents.
    public var collections: [(name: String, documents: [String])]

    /// Documents of all collections.
    public var documentCount: Int { collections.reduce(0) { $0 + $1.documents.count } }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.service == rhs.service && lhs.collections.map(\.name) == rhs.collections.map(\.name)
            && lhs.collections.map(\.documents) == rhs.collections.map(\.documents)
    }
}

/// A tenant's data from every service asked (`seed-ops tenants export`).
public struct TenantExport: Sendable, Equatable {
    public var tenantId: String
    public var exportedAt: Date
    public var services: [ServiceTenantExport]

    /// The export as one JSON document: `{"tenantId", "exportedAt", "services": {service: {collection:
    /// [document, …]}}}`, each document as its service wrote it (canonical Extended JSON), one per line.
    public var json: String {
        var out = "{\n  \"tenantId\": \(Self.quoted(tenantId)),\n  \"exportedAt\": \(Self.quoted(exportedAt.formatted(.iso8601))),\n  \"services\": {"
        for (serviceIndex, service) in services.enumerated() {
            out += (serviceIndex == 0 ? "\n" : ",\n") + "    \(Self.quoted(service.service.rawValue)): {"
            for (collectionIndex, collection) in service.collections.enumerated() {
                out += (collectionIndex == 0 ? "\n" : ",\n") + "      \(Self.quoted(collection.name)): ["
                out += collection.documents.isEmpty ? "]" : "\n        " + collection.documents.joined(separator: ",\n        ") + "\n      ]"
            }
            out += service.collections.isEmpty ? "}" : "\n    }"
        }
        out += services.isEmpty ? "}\n}\n" : "\n  }\n}\n"
        return out
    }

    static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}

/// One line of a tenant operation's summary: a service's collection and its document count.
public struct TenantCollectionSummary: Codable, Sendable, Equatable {
    public var service: String
    public var collection: String
    public var documents: Int
}

/// Fans a tenant's export and erasure out to the services over the bus (decision 0039): every service
/// is asked at once; a service that does not answer within `timeout`, or refuses, fails the whole
/// operation with its reason (the others' answers are still reported by the error).
public struct TenantOperations: Sendable {
    public let bus: Bus
    /// How long each request may wait for its service's answer.
    public var timeout: Duration
    /// Documents per export page.
    public var pageSize: Int

    public init(bus: Bus, timeout: Duration = .seconds(30), pageSize: Int = 200) {
        self.bus = bus
        self.timeout = timeout
        self.pageSize = pageSize
    }

    /// Reads every document of `tenantId` that `services` store, page by page.
    public func export(_ tenantId: String, from services: [ServiceName]) async throws -> TenantExport {
        let started = Date()
        let results = await fanOut(services) { service, owner in try await exportService(tenantId, service: service, owner: owner) }
        return TenantExport(tenantId: tenantId, exportedAt: started, services: try Self.collect(results, doing: "export"))
    }

    /// Erases every document of `tenantId` that `services` store; each service's answer.
    public func erase(_ tenantId: String, from services: [ServiceName]) async throws -> [TenantDataErasureV1] {
        let results = await fanOut(services) { _, owner in try await eraseService(tenantId, owner: owner) }
        return try Self.collect(results, doing: "erasure")
    }

    private func exportService(_ tenantId: String, service: ServiceName, owner: any TenantDataOwner.Type) async throws -> ServiceTenantExport {
        func pages<O: TenantDataOwner>(_: O.Type) async throws -> ServiceTenantExport {
            var collections: [String] = []
            var documents: [String: [String]] = [:]
            var cursor: String?
            repeat {
                let page = try await ask(service) { try await bus.request(ExportTenantDataV1<O>(tenantId: tenantId, cursor: cursor, limit: pageSize), timeout: timeout) }
                collections = page.collections
                if let collection = page.collection { documents[collection, default: []] += page.documents }
                cursor = page.nextCursor
            } while cursor != nil
            return ServiceTenantExport(service: service, collections: collections.map { ($0, documents[$0] ?? []) })
        }
        return try await pages(owner)
    }

    private func eraseService(_ tenantId: String, owner: any TenantDataOwner.Type) async throws -> TenantDataErasureV1 {
        func erase<O: TenantDataOwner>(_: O.Type) async throws -> TenantDataErasureV1 {
            try await ask(O.service) { try await bus.request(EraseTenantDataV1<O>(tenantId: tenantId), timeout: timeout) }
        }
        return try await erase(owner)
    }

    /// Runs `request`, naming `service` in the failure an operator reads.
    private func ask<R>(_ service: ServiceName, _ request: () async throws -> R) async throws -> R {
        do {
            return try await request()
        } catch let error as BusError {
            switch error {
            case .rejected(let refusal): throw OpsFailure("\(service.rawValue) refused: \(refusal.code.rawValue): \(refusal.message)")
            case .timeout: throw OpsFailure("\(service.rawValue) did not answer within \(timeout)")
            case .unroutable: throw OpsFailure("\(service.rawValue) has no command queue on this broker (never started here?)")
            default: throw OpsFailure("\(service.rawValue) could not be asked: \(error)")
            }
        }
    }

    private func fanOut<T: Sendable>(
        _ services: [ServiceName], _ body: @escaping @Sendable (ServiceName, any TenantDataOwner.Type) async throws -> T
    ) async -> [(ServiceName, Result<T, any Error>)] {
        await withTaskGroup(of: (Int, ServiceName, Result<T, any Error>).self) { group in
            for (index, service) in services.enumerated() {
                guard let owner = TenantDataOwners.owner(of: service) else { continue }
                group.addTask {
                    do { return (index, service, .success(try await body(service, owner))) } catch { return (index, service, .failure(error)) }
                }
            }
            var results: [(Int, ServiceName, Result<T, any Error>)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
        }
    }

    /// The answers in service order, or an ``OpsFailure`` naming every service that failed.
    static func collect<T>(_ results: [(ServiceName, Result<T, any Error>)], doing what: String) throws -> [T] {
        var values: [T] = []
        var failures: [String] = []
        for (service, result) in results {
            switch result {
            case .success(let value): values.append(value)
            case .failure(let failure as OpsFailure): failures.append(failure.description)
            case .failure(let error): failures.append("\(service.rawValue): \(error)")
            }
        }
        guard failures.isEmpty else {
            let answered = results.filter { if case .success = $0.1 { true } else { false } }.map(\.0.rawValue)
            throw OpsFailure(
                "the tenant's \(what) is incomplete: " + failures.joined(separator: "; ")
                    + (answered.isEmpty ? "" : " (answered: \(answered.joined(separator: ", ")))"))
        }
        return values
    }
}

extension TenantExport {
    /// Documents per service and collection (empty collections included).
    public var summary: [TenantCollectionSummary] {
        services.flatMap { service in
            service.collections.map { TenantCollectionSummary(service: service.service.rawValue, collection: $0.name, documents: $0.documents.count) }
        }
    }
}
