import DocumentsService
import Foundation
import SeedRuntime
import SeedServiceKit
import SeedStoreMongo
import SeedWorkPool

/// `SEED_DOCUMENTS_ROOT`: the folder of the blobs and staged uploads (default `.data/documents`).
let rootVariable = ConfigurationVariable(name: "SEED_DOCUMENTS_ROOT", example: "/var/lib/seed/documents")
/// `SEED_DOCUMENTS_MAX_FILE_BYTES`: the largest file any upload accepts.
let maximumVariable = ConfigurationVariable(name: "SEED_DOCUMENTS_MAX_FILE_BYTES", example: "52428800")
/// `SEED_DOCUMENTS_RETENTION_DAYS`: how long deleted documents are kept before their bytes are purged.
let retentionVariable = ConfigurationVariable(name: "SEED_DOCUMENTS_RETENTION_DAYS", example: "30")
/// `SEED_DOCUMENTS_UPLOAD_TTL_SECONDS`: how long an upload may stay open before it is swept.
let uploadLifetimeVariable = ConfigurationVariable(name: "SEED_DOCUMENTS_UPLOAD_TTL_SECONDS", example: "3600")
/// `SEED_DOCUMENTS_WORKERS`: threads for file I/O, hashing and extraction.
let workersVariable = ConfigurationVariable(name: "SEED_DOCUMENTS_WORKERS", example: "4")

/// Where the bytes live: GridFS in the service's own database on MongoDB deployments, the
/// content-addressed folder under `root` with the embedded store (decision 0018).
func blobStore(for work: UnitOfWork, root: String) throws -> any BlobStore {
    if let mongo = work.store as? MongoStore { return GridFSBlobStore(store: mongo) }
    return try FolderBlobStore(root: root)
}

// The documents service: its store with its collections, the outbox relay, the blob folder, the
// processing pool, the sweeps, and its command handlers and subscriptions on the bus.
await SeedServiceMain.run(.documents) { host in
    let environment = ProcessInfo.processInfo.environment
    var reader = EnvironmentReader(environment: environment)
    var settings = DocumentsSettings()
    settings.maximumFileBytes = reader.read(maximumVariable, default: settings.maximumFileBytes) { raw throws(RejectedValue) in
        try ValueParsers.integer(raw, in: 1...(1 << 40))
    }
    settings.retention = TimeInterval(reader.read(retentionVariable, default: 30) { raw throws(RejectedValue) in try ValueParsers.integer(raw, in: 0...3650) }) * 86_400
    settings.uploadLifetime = TimeInterval(reader.read(uploadLifetimeVariable, default: 3600) { raw throws(RejectedValue) in
        try ValueParsers.integer(raw, in: 60...604_800)
    })
    let workers = reader.read(workersVariable, default: BlockingWorkPool.coreCount) { raw throws(RejectedValue) in try ValueParsers.integer(raw, in: 1...256) }
    guard reader.problems.isEmpty else { throw ConfigurationError(executable: "seed-documents", problems: reader.problems) }
    let root = environment[rootVariable.name] ?? ".data/documents"

    let bus = try host.addBus()
    let work = try await host.addUnitOfWork(bus: bus, collections: DocumentsCollections.all)
    let service = DocumentsService(
        work: work, blobs: try blobStore(for: work, root: root), staging: try UploadStaging(root: root),
        pool: BlockingWorkPool(threadCount: workers, name: "documents"), settings: settings)
    DocumentsHandlers.register(service, on: bus)
    host.addService(DocumentsSweep(service: service, logger: host.logger))
}
