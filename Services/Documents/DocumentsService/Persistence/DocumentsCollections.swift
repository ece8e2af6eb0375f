public import SeedStore

/// The documents database's collections and their indexes, created at start-up.
public enum DocumentsCollections {
    public static let all: [CollectionSpec] = []
}
