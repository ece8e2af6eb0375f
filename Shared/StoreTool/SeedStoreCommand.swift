import ArgumentParser
import Foundation
import SeedStore
import SeedStoreEmbedded

/// `seed-store`: maintenance of an embedded store file.
@main
struct SeedStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-store",
        abstract: "Back up, restore and probe an embedded Seed Suite document store.",
        subcommands: [Backup.self, Restore.self, WriteProbe.self])
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

extension EmbeddedStore.Configuration {
    /// For short-lived tools: no background TTL sweep.
    static var maintenance: Self {
        var configuration = Self()
        configuration.ttlSweepInterval = nil
        return configuration
    }
}
