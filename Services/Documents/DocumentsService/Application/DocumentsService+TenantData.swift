import SeedContracts
import SeedServiceKit
import SeedStore

extension DocumentsService {
    /// The blobs of a tenant's erasure (decision 0039): the bytes and thumbnails its versions reference,
    /// read in the erasure's transaction; after the commit each is deleted unless a version of another
    /// tenant still references it (blobs are content-addressed, so identical files are stored once).
    var tenantFiles: TenantFiles {
        TenantFiles(
            referenced: { operations, tenant in
                let versions = try await operations.find(
                    in: DocumentVersion.collection.name, where: .equal("tenantId", .string(tenant)), options: FindOptions(projection: ["checksum", "thumbnailKey"]))
                let keys = versions.flatMap { version in
                    ["checksum", "thumbnailKey"].compactMap { field -> String? in if case .string(let key)? = version[field] { key } else { nil } }
                }
                return Set(keys).sorted()
            },
            release: { keys in try await purgeIfUnreferenced(keys) })
    }
}
