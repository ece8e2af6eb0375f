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
                let versions = try await DocumentCollection(DocumentVersion.self, in: operations).find(.equal("tenantId", .string(tenant)))
                return Set(versions.map(\.checksum) + versions.compactMap(\.thumbnailKey)).sorted()
            },
            release: { keys in try await purgeIfUnreferenced(keys) })
    }
}
