import ArgumentParser
import Foundation
import SeedStore
import SeedStoreEmbedded
import WorkService

/// Writes sprints straight into work's embedded store file while the service is stopped: copies of the
/// sprints already in it (created through the API, questionnaire → review, so they are the service's
/// own documents with every field), each with a new `_id`, its own `questionnaireId` (unique per
/// sprint), a name and a creation time spread over the last year. The copies keep their original's
/// client, tenant and team, so each client's list grows in proportion. Written with the service's
/// collections and indexes (`WorkCollections.all`), in transactions of `--batch`.
struct PreloadSprints: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preload-sprints", abstract: "Copies the stored sprints until there are --sprints of them (service stopped).")

    @Option(help: "work's store: SEED_DATA_DIR/store.sqlite.")
    var store: String

    @Option(help: "How many sprints in all, the originals included.")
    var sprints: Int = 10_000

    @Option(help: "Writes every sprint's `clientId<TAB>sprintId` here afterwards.")
    var list: String?

    @Option(help: "Sprints per transaction.")
    var batch: Int = 1_000

    func run() async throws {
        let clock = ContinuousClock()
        let begin = clock.now
        let store = try EmbeddedStore(path: store)
        defer { store.close() }
        for collection in WorkCollections.all { try await store.prepare(collection) }
        let originals = try await store.find(in: "sprints", where: .all, options: FindOptions(sort: [SortKey("_id")]))
        guard !originals.isEmpty else { throw ValidationError("no sprints in \(self.store): create them through the API first") }
        let now = Date().timeIntervalSince1970
        let year = 365.0 * 86_400
        var written = 0
        let total = max(0, sprints - originals.count)
        while written < total {
            let size = min(batch, total - written)
            var documents: [Document] = []
            documents.reserveCapacity(size)
            for index in written..<written + size {
                var copy = originals[index % originals.count]
                let at = Date(timeIntervalSince1970: (now - year + year * Double(index) / Double(total)).rounded(.down))
                copy["_id"] = .string(ObjectId().description)
                copy["questionnaireId"] = .string(ObjectId().description)
                copy["name"] = .string("Bench sprint \(index)")
                copy["createdAt"] = .date(at)
                copy["updatedAt"] = .date(at)
                documents.append(copy)
            }
            try await store.insert(documents, into: "sprints")
            written += size
        }
        let end = clock.now
        if let list {
            let all = try await store.find(in: "sprints", where: .all, options: FindOptions(projection: ["clientId"]))
            let lines = all.compactMap { sprint -> String? in
                guard case .string(let id)? = sprint["_id"], case .string(let client)? = sprint["clientId"] else { return nil }
                return "\(client)\t\(id)\n"
            }
            try lines.joined().write(toFile: list, atomically: true, encoding: .utf8)
        }
        print("preload.sprints \(originals.count + total) sprints")
        print("preload.copied \(total) sprints")
        print("preload.seconds \(format((end - begin).seconds)) s")
    }
}

func format(_ value: Double) -> String { "\((value * 100).rounded() / 100)" }

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
