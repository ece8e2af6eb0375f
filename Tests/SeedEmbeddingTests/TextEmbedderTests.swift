import SeedEmbedding
import Testing
