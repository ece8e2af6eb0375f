import ArgumentParser

/// `seed-bench-work`: the work benchmark's own tools (bench/README.md). The HTTP figures come from
/// `seed-load`; this program multiplies the sprints created through the API into the 10,000 the read
/// figures page through, and measures the same reads straight from the store (the raw baseline).
@main
struct SeedBenchWork: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-bench-work",
        abstract: "Work benchmark tools: preload sprints, measure the reads straight from the store.",
        subcommands: [PreloadSprints.self, StoreReads.self])
}
