public import SeedStore

/// The messaging database's collections and their indexes, created at start-up.
public enum MessagingCollections {
    public static let all: [CollectionSpec] = []
}
