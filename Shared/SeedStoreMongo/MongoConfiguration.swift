/// How ``MongoStore`` reaches its database.
///
/// The connection string passes to libmongoc untouched (replica set, credentials, TLS, `retryWrites`,
/// read and write concerns), except that the timeouts below are added when it does not set them and
/// the pool size is set from ``workerThreads`` and ``maximumTransactions``.
public struct MongoConfiguration: Sendable, Hashable {
    /// A `mongodb://` or `mongodb+srv://` connection string.
    public var uri: String
    /// The database the service owns; `nil` takes the one named in the URI path.
    public var database: String?
    /// Dedicated threads that run the blocking libmongoc calls (never Swift's cooperative pool).
    public var workerThreads: Int
    /// Transactions that may be open at once; more wait their turn.
    public var maximumTransactions: Int
    /// Added to the URI when it has no `serverSelectionTimeoutMS`: how long to wait for a usable server
    /// before failing with ``SeedStore/StoreError/unavailable(_:)``.
    public var serverSelectionTimeoutMS: Int32
    /// Added when the URI has no `socketTimeoutMS`: how long one network read or write may take.
    public var socketTimeoutMS: Int32
    /// Added when the URI has no `connectTimeoutMS`.
    public var connectTimeoutMS: Int32
    /// How many times a read (find, count, aggregate) outside a transaction is retried after a network
    /// error, on top of libmongoc's own `retryReads`/`retryWrites`.
    public var readRetries: Int

    /// A configuration with the given connection string and the defaults above.
    public init(
        uri: String,
        database: String? = nil,
        workerThreads: Int = 4,
        maximumTransactions: Int = 8,
        serverSelectionTimeoutMS: Int32 = 5_000,
        socketTimeoutMS: Int32 = 30_000,
        connectTimeoutMS: Int32 = 5_000,
        readRetries: Int = 1
    ) {
        self.uri = uri
        self.database = database
        self.workerThreads = workerThreads
        self.maximumTransactions = maximumTransactions
        self.serverSelectionTimeoutMS = serverSelectionTimeoutMS
        self.socketTimeoutMS = socketTimeoutMS
        self.connectTimeoutMS = connectTimeoutMS
        self.readRetries = readRetries
    }
}
