public import SeedStore
import SeedStoreEmbedded
import SeedStoreMongo

extension ServiceHost {
    /// The service's own database: on MongoDB when `SEED_MONGODB_URI` is set (database
    /// `seed_<service>`), otherwise the embedded store in `SEED_DATA_DIR/store.sqlite`, so that a
    /// single machine needs no database server.
    public func openStore() throws(StoreError) -> any DocumentStore {
        if let uri = configuration.mongoURI {
            let database = "seed_" + configuration.service.rawValue.replacingOccurrences(of: "-", with: "_")
            return try MongoStore(configuration: MongoConfiguration(uri: uri, database: database))
        }
        return try EmbeddedStore(path: configuration.dataDirectory + "/store.sqlite")
    }
}
