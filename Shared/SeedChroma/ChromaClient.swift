/// The ChromaDB HTTP API adapter: filled in by the business-ai ingestion work.
public enum SeedChroma {}
