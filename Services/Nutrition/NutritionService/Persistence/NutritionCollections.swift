public import SeedStore

/// The nutrition database's collections and their indexes, created at start-up.
public enum NutritionCollections {
    public static let all: [CollectionSpec] = []
}
