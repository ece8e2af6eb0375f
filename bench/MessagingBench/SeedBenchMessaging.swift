import ArgumentParser

/// `seed-bench-messaging`: the messaging benchmark's own tools (bench/README.md). The HTTP figures
/// come from `seed-load`; this program writes the history the read figure pages through, and measures
/// the ingest ceiling next to the broker's raw confirmed publishes.
@main
struct SeedBenchMessaging: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-bench-messaging",
        abstract: "Messaging benchmark tools: preload a stored history, measure the ingest ceiling.",
        subcommands: [Preload.self, Ingest.self])
}
