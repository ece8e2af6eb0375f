public import SeedStore

/// The businessAI database's collections and their indexes, created at start-up.
public enum BusinessAICollections {
    public static let all: [CollectionSpec] = []
}
