import CMongoc
import SeedStore

/// The process's libmongoc client pool for one connection string.
///
/// `@unchecked Sendable`: libmongoc documents `mongoc_client_pool_t` as thread-safe; this class only
/// calls its thread-safe `pop`/`push` from worker threads, never mutates `pointer`, and destroys the pool
/// in `deinit`, when no worker can hold a reference any more.
final class MongoClientPool: @unchecked Sendable {
    private let pointer: OpaquePointer
    /// The database the store uses.
    let database: String

    /// `mongoc_init` must run once per process before any other libmongoc call. libmongoc's own log
    /// goes to stderr from warnings up; its debug and trace lines (every failed monitor probe) are dropped.
    private static let libraryInitialized: Bool = {
        mongoc_init()
        mongoc_log_set_handler({ level, domain, message, _ in
            guard level.rawValue <= MONGOC_LOG_LEVEL_WARNING.rawValue else { return }
            mongoc_log_default_handler(level, domain, message, nil)
        }, nil)
        return true
    }()

    /// Parses the URI, adds the default timeouts it lacks and creates a pool of `size` clients.
    init(configuration: MongoConfiguration, size: Int) throws(StoreError) {
        precondition(Self.libraryInitialized)
        var error = bson_error_t()
        guard let uri = mongoc_uri_new_with_error(configuration.uri, &error) else {
            throw StoreError.validation("MongoDB connection string is invalid: \(MongoFailure(error).message)")
        }
        defer { mongoc_uri_destroy(uri) }
        let defaults: [(String, Int32)] = [
            (MONGOC_URI_SERVERSELECTIONTIMEOUTMS, configuration.serverSelectionTimeoutMS),
            (MONGOC_URI_SOCKETTIMEOUTMS, configuration.socketTimeoutMS),
            (MONGOC_URI_CONNECTTIMEOUTMS, configuration.connectTimeoutMS),
        ]
        for (option, value) in defaults where !mongoc_uri_has_option(uri, option) {
            _ = mongoc_uri_set_option_as_int32(uri, option, value)
        }
        guard let database = configuration.database ?? mongoc_uri_get_database(uri).map({ String(cString: $0) }),
              !database.isEmpty
        else {
            throw StoreError.validation("no MongoDB database: name one in the configuration or the connection string path")
        }
        guard let pool = mongoc_client_pool_new_with_error(uri, &error) else {
            throw StoreError.validation("MongoDB client pool could not be created: \(MongoFailure(error).message)")
        }
        mongoc_client_pool_set_error_api(pool, MONGOC_ERROR_API_VERSION_2)
        mongoc_client_pool_max_size(pool, UInt32(size))
        _ = mongoc_client_pool_set_appname(pool, "seed-store")
        self.pointer = pool
        self.database = database
    }

    /// A client for the calling (worker) thread; blocks while all are in use.
    func pop() -> OpaquePointer {
        mongoc_client_pool_pop(pointer)
    }

    /// Returns a client taken with ``pop()``.
    func push(_ client: OpaquePointer) {
        mongoc_client_pool_push(pointer, client)
    }

    deinit { mongoc_client_pool_destroy(pointer) }
}
