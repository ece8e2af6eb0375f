import Foundation

// A tenant's data export and erasure (issue 25, decision 0039): every service answers the same three
// messages under its own name (`<service>.export-tenant-data.v1`, `<service>.erase-tenant-data.v1`,
// `<service>.tenant-data-erased.v1`), defined once here over a marker of the owning service. Only
// `seed-ops tenants` sends them: no gateway route (GatewayRoutes.internalCommands).

/// Names the service a tenant-data message belongs to (``TenantDataOwners``).
public protocol TenantDataOwner: Sendable {
    static var service: ServiceName { get }
}

/// The markers of the services that answer tenant-data messages.
public enum TenantDataOwners {
    public enum Identity: TenantDataOwner { public static var service: ServiceName { .identity } }
    public enum Work: TenantDataOwner { public static var service: ServiceName { .work } }
    public enum Messaging: TenantDataOwner { public static var service: ServiceName { .messaging } }
    public enum Documents: TenantDataOwner { public static var service: ServiceName { .documents } }
    public enum BusinessAI: TenantDataOwner { public static var service: ServiceName { .businessAI } }
    public enum Nutrition: TenantDataOwner { public static var service: ServiceName { .nutrition } }

    /// The marker of `service`, or `nil` for the gateway (it stores nothing).
    public static func owner(of service: ServiceName) -> (any TenantDataOwner.Type)? {
        switch service {
        case .identity: Identity.self
        case .work: Work.self
        case .messaging: Messaging.self
        case .documents: Documents.self
        case .businessAI: BusinessAI.self
        case .nutrition: Nutrition.self
        case .gateway: nil
        }
    }

    /// The tenant-data commands `service` handles (for its contract list).
    public static func commands(of service: ServiceName) -> [any Command.Type] {
        guard let owner = owner(of: service) else { return [] }
        func of<O: TenantDataOwner>(_: O.Type) -> [any Command.Type] { [ExportTenantDataV1<O>.self, EraseTenantDataV1<O>.self] }
        return of(owner)
    }

    /// The tenant-data event `service` publishes (for its contract list).
    public static func events(of service: ServiceName) -> [any Event.Type] {
        guard let owner = owner(of: service) else { return [] }
        func of<O: TenantDataOwner>(_: O.Type) -> [any Event.Type] { [TenantDataErasedV1<O>.self] }
        return of(owner)
    }

    /// Every service's tenant-data commands.
    public static var allCommands: [any Command.Type] { ServiceName.allCases.flatMap { commands(of: $0) } }
}

/// Asks one service for a page of a tenant's documents: the first page without `cursor`, then each
/// `nextCursor` until there is none. Reads only; a page holds documents of one collection.
public struct ExportTenantDataV1<Owner: TenantDataOwner>: Command, Equatable {
    public typealias Reply = TenantDataPageV1
    public static var messageType: MessageType { MessageType("\(Owner.service.rawValue).export-tenant-data", version: 1) }
    public static var destination: CommandDestination { .service(Owner.service) }
    public static var summary: String {
        "Reads a page of the tenant's documents that \(Owner.service.rawValue) stores (seed-ops tenants export; operators only, no gateway route)."
    }
    public static var example: Self { Self(tenantId: "tenant_7d1e2b", cursor: "1:eyIkb2lkIjoiNjVmMDAwMDAwMDAwMDAwMDAwMDAwMDAxIn0", limit: 200) }

    public var tenantId: String
    /// `nextCursor` of the previous page; absent for the first.
    public var cursor: String?
    /// Documents per page, 1…1000 (default 200).
    public var limit: Int?

    public init(tenantId: String, cursor: String? = nil, limit: Int? = nil) {
        self.tenantId = tenantId
        self.cursor = cursor
        self.limit = limit
    }
}

/// One page of a tenant's documents from one service.
public struct TenantDataPageV1: Message, Equatable {
    public static let messageType = MessageType("system.tenant-data-page", version: 1)
    public static let summary = "A page of a tenant's documents from one service: one collection's documents as MongoDB Extended JSON (canonical)."
    public static let example = TenantDataPageV1(
        service: .messaging, tenantId: "tenant_7d1e2b", collections: ["conversations", "messages", "reactions"], collection: "conversations",
        documents: [#"{"_id":"cv_01HZX3","tenantId":"tenant_7d1e2b","type":"direct","updatedAt":{"$date":{"$numberLong":"1767260200000"}}}"#],
        nextCursor: "1:eyIkb2lkIjoiNjVmMDAwMDAwMDAwMDAwMDAwMDAwMDAxIn0")

    public var service: ServiceName
    public var tenantId: String
    /// Every collection of the service that holds tenant data, in export order.
    public var collections: [String]
    /// The collection this page's documents come from (`nil` when the service holds no tenant data).
    public var collection: String?
    /// Each document as canonical Extended JSON (`{"$date": …}`, `{"$numberLong": …}`), so that every
    /// stored type survives.
    public var documents: [String]
    /// The cursor of the next page; absent on the last.
    public var nextCursor: String?

    public init(service: ServiceName, tenantId: String, collections: [String], collection: String?, documents: [String], nextCursor: String?) {
        self.service = service
        self.tenantId = tenantId
        self.collections = collections
        self.collection = collection
        self.documents = documents
        self.nextCursor = nextCursor
    }
}

/// Deletes every document of the tenant that one service stores (and the files only they referenced).
/// Idempotent: a redelivery gets the first answer, a second erasure finds nothing and counts zero.
public struct EraseTenantDataV1<Owner: TenantDataOwner>: Command, Equatable {
    public typealias Reply = TenantDataErasureV1
    public static var messageType: MessageType { MessageType("\(Owner.service.rawValue).erase-tenant-data", version: 1) }
    public static var destination: CommandDestination { .service(Owner.service) }
    public static var summary: String {
        "Deletes the tenant's documents that \(Owner.service.rawValue) stores, in one transaction (seed-ops tenants erase; operators only, no gateway route)."
    }
    public static var example: Self { Self(tenantId: "tenant_7d1e2b") }

    public var tenantId: String

    public init(tenantId: String) { self.tenantId = tenantId }
}

/// How many documents of one collection an erasure deleted.
public struct TenantCollectionCountV1: Codable, Sendable, Equatable {
    public var collection: String
    public var documents: Int

    public init(collection: String, documents: Int) {
        self.collection = collection
        self.documents = documents
    }
}

/// What one service's erasure of a tenant deleted.
public struct TenantDataErasureV1: Message, Equatable {
    public static let messageType = MessageType("system.tenant-data-erasure", version: 1)
    public static let summary = "What one service deleted of a tenant: documents per collection and the stored files no other document references any more."
    public static let example = TenantDataErasureV1(
        service: .documents, tenantId: "tenant_7d1e2b",
        collections: [TenantCollectionCountV1(collection: "documents", documents: 12), TenantCollectionCountV1(collection: "document_texts", documents: 9)],
        filesReleased: 11, erasedAt: Date(timeIntervalSince1970: 1_767_260_200))

    public var service: ServiceName
    public var tenantId: String
    /// Every tenant collection of the service, with how many documents went (0 included).
    public var collections: [TenantCollectionCountV1]
    /// Stored files (blobs) the erased documents referenced and that were deleted unless another
    /// document still references them.
    public var filesReleased: Int
    public var erasedAt: Date

    /// Documents deleted in all collections.
    public var documentsErased: Int { collections.reduce(0) { $0 + $1.documents } }

    public init(service: ServiceName, tenantId: String, collections: [TenantCollectionCountV1], filesReleased: Int, erasedAt: Date) {
        self.service = service
        self.tenantId = tenantId
        self.collections = collections
        self.filesReleased = filesReleased
        self.erasedAt = erasedAt
    }
}

/// A service erased a tenant's data (published once per erasure that ran, with its counts).
public struct TenantDataErasedV1<Owner: TenantDataOwner>: Event, Equatable {
    public static var messageType: MessageType { MessageType("\(Owner.service.rawValue).tenant-data-erased", version: 1) }
    public static var source: ServiceName { Owner.service }
    public static var summary: String { "\(Owner.service.rawValue) erased a tenant's data; the counts per collection." }
    public static var example: Self {
        var erasure = TenantDataErasureV1.example
        erasure.service = Owner.service
        return Self(erasure: erasure)
    }

    public var erasure: TenantDataErasureV1

    public init(erasure: TenantDataErasureV1) { self.erasure = erasure }
}
