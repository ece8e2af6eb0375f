import ArgumentParser
import Foundation
import SeedStore
import SeedStoreEmbedded
import SeedOutbox
import SeedBus
import SeedContracts

/// `seed-store`: maintenance of an embedded store file.
@main
struct SeedStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-store",
        abstract: "Back up, restore and probe an embedded Seed Suite document store.",
        subcommands: [Backup.self, Restore.self, WriteProbe.self, OutboxProbe.self])
}

/// `seed-store backup --store FILE --to FILE`: a consistent copy of a live store.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy a (possibly live) store to a backup file.")

    @Option(help: "The store file.") var store: String
    @Option(help: "The backup file to create.") var to: String

    func run() async throws {
        let opened = try EmbeddedStore(path: store, configuration: .maintenance)
        try await opened.backup(to: to)
        print("backed up \(store) to \(to)")
    }
}

/// `seed-store restore --from FILE --store FILE`: replaces a stopped store with a backup.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Replace a store (not open anywhere) with a backup.")

    @Option(help: "The backup file.") var from: String
    @Option(help: "The store file to replace.") var store: String

    func run() throws {
        try EmbeddedStore.restore(from: from, to: store)
        print("restored \(store) from \(from)")
    }
}

/// `seed-store write-probe --store FILE --count N`: inserts documents one by one and prints the `_id`
/// of each as soon as its insert is acknowledged (the crash test kills it mid-way).
struct WriteProbe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write-probe",
        abstract: "Insert documents one at a time, printing each acknowledged _id.")

    @Option(help: "The store file.") var store: String
    @Option(help: "How many documents to insert.") var count = 1_000_000
    @Option(help: "The collection to insert into.") var collection = "probe"

    func run() async throws {
        let opened = try EmbeddedStore(path: store, configuration: .maintenance)
        for index in 0..<count {
            let id = ObjectId()
            try await opened.insert([["_id": .objectId(id), "n": .int64(Int64(index))]], into: collection)
            // Unbuffered: the line is out before the next insert starts.
            FileHandle.standardOutput.write(Data("\(id)\n".utf8))
        }
    }
}

/// `seed-store outbox-probe --store FILE --count N`: commits N state changes, each with its event in the
/// outbox, and prints each change's id once committed; it never relays. The outbox crash test kills it
/// mid-way and checks that every committed change's event is relayed afterwards and nothing is half-done.
struct OutboxProbe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox-probe",
        abstract: "Commit state changes with outbox events, printing each committed id (crash-test helper).")

    /// The event the probe stages: `probe.counter-incremented.v1` with `{"n": <index>}`.
    struct CounterIncrementedV1: Event {
        static let messageType = MessageType("probe.counter-incremented", version: 1)
        static let source = ServiceName.work
        static let summary = "Staged by seed-store outbox-probe."
        static let example = CounterIncrementedV1(n: 1)
        var n: Int
    }

    @Option(help: "The store file.") var store: String
    @Option(help: "How many changes to commit.") var count = 1_000_000

    func run() async throws {
        let opened = try EmbeddedStore(path: store, configuration: .maintenance)
        try await Outbox.prepare(opened)
        try await opened.prepare(CollectionSpec("counters"))
        for index in 0..<count {
            let id = "change-\(index)"
            let event = try Bus.prepare(CounterIncrementedV1(n: index), envelope: MessageEnvelope(messageId: id, type: CounterIncrementedV1.messageType))
            try await opened.withTransaction { operations in
                try await operations.insert([["_id": .string(id), "n": .int64(Int64(index))]], into: "counters")
                try await Outbox.stage(event, in: operations)
            }
            FileHandle.standardOutput.write(Data("\(id)\n".utf8))
        }
    }
}

extension EmbeddedStore.Configuration {
    /// For short-lived tools: no background TTL sweep.
    static var maintenance: Self {
        var configuration = Self()
        configuration.ttlSweepInterval = nil
        return configuration
    }
}
