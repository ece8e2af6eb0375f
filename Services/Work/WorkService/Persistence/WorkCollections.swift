public import SeedStore

/// The work database's collections and their indexes, created at start-up.
public enum WorkCollections {
    public static let all: [CollectionSpec] = []
}
