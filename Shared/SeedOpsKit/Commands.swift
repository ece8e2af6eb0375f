public import ArgumentParser
import Foundation
import SeedBus
import SeedContracts

/// `seed-ops`: what an operator does to a running suite, from one command.
///
/// Text for people by default, `--json` for scripts; a command that cannot do what was asked prints
/// `seed-ops: <reason>` on standard error and exits with status 1 (2 when nothing matched what was
/// named, 64 for bad arguments).
public struct SeedOpsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "seed-ops",
        abstract: "Operator commands for Seed Suite.",
        subcommands: [DeadLetters.self, Queues.self, OutboxCommand.self, Migrations.self, BootstrapAdmin.self, Tenants.self])

    public init() {}
}

/// Status 2: the command ran, but nothing matched what it named.
let nothingMatched = ExitCode(2)

/// Runs `body`; an ``OpsFailure`` (or any other error) becomes `seed-ops: <reason>` and status 1.
func reporting(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let failure as OpsFailure {
        FileHandle.standardError.write(Data("seed-ops: \(failure.description)\n".utf8))
        throw ExitCode.failure
    } catch let error as ValidationError {
        throw error
    } catch {
        FileHandle.standardError.write(Data("seed-ops: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

// MARK: dead-letters

/// The dead-letter options shared by `list`, `replay` and `purge`.
struct DeadLetterSelection: ParsableArguments {
    @Option(name: .customLong("service"), help: "A service whose dead letters to use (repeatable; default: every service).")
    var services: [String] = []

    @Option(help: "commands, events or all.")
    var kind: String = "all"

    @Option(help: "A message type wire name (work.create-task.v1) or its prefix (work.).")
    var type: String?

    @Option(help: "Text the failure reason contains (case-insensitive).")
    var reason: String?

    @Option(help: "Only messages sent at least this long ago (90s, 15m, 2h, 7d).")
    var olderThan: String?

    @Option(help: "Only messages sent at most this long ago.")
    var newerThan: String?

    func filter(ids: [String] = []) throws -> DeadLetterFilter {
        let kinds: [QueueKind]
        switch kind {
        case "all": kinds = QueueKind.allCases
        case let raw: guard let one = QueueKind(rawValue: raw) else { throw ValidationError("--kind is commands, events or all") }; kinds = [one]
        }
        var filter = DeadLetterFilter(services: try parseServices(services), kinds: kinds)
        filter.type = type
        filter.reason = reason
        filter.olderThan = try olderThan.map(parseAge)
        filter.newerThan = try newerThan.map(parseAge)
        filter.ids = Set(ids)
        return filter
    }
}

struct DeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "Lists, inspects, replays or purges the dead letters of the services' command and event queues.",
        subcommands: [List.self, Inspect.self, Replay.self, Purge.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lists dead letters (left in place), oldest first per queue.")
        @OptionGroup var broker: BrokerOptions
        @OptionGroup var selection: DeadLetterSelection
        @OptionGroup var output: OutputOptions
        @Option(help: "At most this many.") var limit: Int = 100

        func run() async throws {
            try await reporting {
                let filter = try selection.filter()
                let records = try await withOpsBus(broker) { try await DeadLetterOperations(bus: $0).list(filter, limit: limit) }
                if output.json { return try printJSON(records) }
                guard !records.isEmpty else { return print("no dead letters") }
                print(table(
                    ["ID", "SERVICE", "QUEUE", "TYPE", "ATTEMPTS", "AGE", "REASON"],
                    records.map { [$0.id, $0.service, $0.queue, $0.type ?? "-", $0.attempts.map(String.init) ?? "-", humanAge($0.ageSeconds), $0.reason ?? "-"] }))
                print("\(records.count) dead letter\(records.count == 1 ? "" : "s")")
            }
        }
    }

    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Shows one dead letter with its body (left in place).")
        @OptionGroup var broker: BrokerOptions
        @Option(name: .customLong("service"), help: "Look only in this service's queues (repeatable).") var services: [String] = []
        @OptionGroup var output: OutputOptions
        @Argument(help: "The message id.") var id: String

        func run() async throws {
            try await reporting {
                let filter = DeadLetterFilter(services: try parseServices(services))
                guard let record = try await withOpsBus(broker, { try await DeadLetterOperations(bus: $0).inspect(id: id, in: filter) }) else {
                    FileHandle.standardError.write(Data("seed-ops: no dead letter with id \(id)\n".utf8))
                    throw nothingMatched
                }
                if output.json { return try printJSON(record) }
                for (label, value) in [
                    ("id", record.id), ("type", record.type ?? "-"), ("service", record.service), ("queue", record.queue),
                    ("dead-letter queue", record.deadLetterQueue), ("attempts", record.attempts.map(String.init) ?? "-"),
                    ("reason", record.reason ?? "-"), ("correlation id", record.correlationId ?? "-"), ("tenant", record.tenant ?? "-"),
                    ("sent", record.occurredAt.map { $0.formatted(.iso8601) } ?? "-"), ("age", humanAge(record.ageSeconds)),
                ] {
                    print("\(label):".padding(toLength: 19, withPad: " ", startingAt: 0) + value)
                }
                print("body:")
                print(record.body ?? "")
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Moves dead letters back to their queue with fresh attempts: the ids given, those the filters pick, or --all.")
        @OptionGroup var broker: BrokerOptions
        @OptionGroup var selection: DeadLetterSelection
        @OptionGroup var output: OutputOptions
        @Flag(help: "Every dead letter of the selected queues (needed when no id or filter is given).") var all = false
        @Option(help: "At most this many.") var limit: Int = .max
        @Argument(help: "Message ids to replay.") var ids: [String] = []

        func run() async throws {
            try await reporting {
                let filter = try selection.filter(ids: ids)
                guard all || filter.selectsMessages else {
                    throw ValidationError("name message ids, a filter (--type, --reason, --older-than, --newer-than) or --all")
                }
                let records = try await withOpsBus(broker) { try await DeadLetterOperations(bus: $0).replay(filter, limit: limit) }
                if output.json { try printJSON(records) } else {
                    for record in records { print("replayed \(record.id) (\(record.type ?? "-")) to \(record.queue)") }
                    print("replayed \(records.count) dead letter\(records.count == 1 ? "" : "s")")
                }
                let missing = Set(ids).subtracting(records.map(\.id))
                if !missing.isEmpty {
                    FileHandle.standardError.write(Data("seed-ops: no dead letter with id \(missing.sorted().joined(separator: ", "))\n".utf8))
                    throw nothingMatched
                }
            }
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deletes dead letters: the ids given, those the filters pick, or --all.")
        @OptionGroup var broker: BrokerOptions
        @OptionGroup var selection: DeadLetterSelection
        @OptionGroup var output: OutputOptions
        @Flag(help: "Every dead letter of the selected queues (needed when no id or filter is given).") var all = false
        @Argument(help: "Message ids to delete.") var ids: [String] = []

        func run() async throws {
            try await reporting {
                let filter = try selection.filter(ids: ids)
                guard all || filter.selectsMessages else {
                    throw ValidationError("name message ids, a filter (--type, --reason, --older-than, --newer-than) or --all")
                }
                let purged = try await withOpsBus(broker) { try await DeadLetterOperations(bus: $0).purge(filter) }
                if output.json { try printJSON(["purged": purged]) } else {
                    print("purged \(purged) dead letter\(purged == 1 ? "" : "s")")
                }
                if !ids.isEmpty, purged < Set(ids).count { throw nothingMatched }
            }
        }
    }
}

// MARK: queues

struct Queues: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Depth and consumers of every queue of the suite (AMQP passive declarations: no broker-side rates).")
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .customLong("service"), help: "Only this service (repeatable).") var services: [String] = []
    @Flag(help: "Include the retry queues.") var retries = false
    @Flag(help: "Include queues the broker does not have.") var missing = false
    @Option(help: "Sample twice this many seconds apart and show how fast each depth changes.") var interval: Double?

    func run() async throws {
        try await reporting {
            let services = try parseServices(services)
            let interval = interval.map { Duration.milliseconds(Int64($0 * 1000)) }
            var rows = try await withOpsBus(broker) { try await queueReport(bus: $0, services: services, includeRetries: retries, interval: interval) }
            if !missing { rows.removeAll { !$0.exists } }
            if output.json { return try printJSON(rows) }
            var header = ["QUEUE", "ROLE", "MESSAGES", "CONSUMERS"]
            if interval != nil { header.append("CHANGE/S") }
            print(table(header, rows.map { row in
                var cells = [row.name, row.role, row.messages.map(String.init) ?? "absent", row.consumers.map(String.init) ?? "-"]
                if interval != nil { cells.append(row.depthChangePerSecond.map { String(format: "%+.2f", $0) } ?? "-") }
                return cells
            }))
        }
    }
}

// MARK: outbox

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Each service's outbox backlog: committed messages its relay has not yet published.")
    @OptionGroup var stores: StoreOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .customLong("service"), help: "Only this service (repeatable).") var services: [String] = []

    func run() async throws {
        try await reporting {
            let rows = await outboxBacklogs(try parseServices(services), stores: stores)
            if output.json { try printJSON(rows) } else {
                print(table(["SERVICE", "PENDING", "OLDEST", "RELAYED(7d)", "STORE"], rows.map { row in
                    [row.service, row.pending.map(String.init) ?? "-", humanAge(row.oldestPendingAgeSeconds), row.relayed.map(String.init) ?? "-",
                     row.error.map { "\(row.store): \($0)" } ?? row.store]
                }))
            }
            if rows.allSatisfy({ $0.error != nil }) { throw OpsFailure("no service's store could be read") }
        }
    }
}

// MARK: migrations

struct Migrations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store migrations: what each service's store has applied, and applying the pending ones now.", subcommands: [Status.self, Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Applies each service's pending store migrations now, with the start-up's migrator and lock (a running instance waits for it).")
        @OptionGroup var stores: StoreOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .customLong("service"), help: "Only this service (repeatable).") var services: [String] = []

        func run() async throws {
            try await reporting {
                let rows = await runMigrations(try parseServices(services), stores: stores)
                if output.json { try printJSON(rows) } else {
                    for row in rows {
                        if let error = row.error {
                            print("\(row.service): could not run (\(row.store): \(error))")
                        } else if row.applied.isEmpty {
                            print("\(row.service): nothing pending (\(row.declared) declared)")
                        } else {
                            for migration in row.applied { print("\(row.service): applied \(migration.version) \(migration.name)") }
                        }
                    }
                }
                let failed = rows.filter { $0.error != nil }
                if !failed.isEmpty { throw OpsFailure("migrations did not run for \(failed.map(\.service).joined(separator: ", "))") }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The migrations each service's store records as applied, and whether a run holds the lock.")
        @OptionGroup var stores: StoreOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .customLong("service"), help: "Only this service (repeatable).") var services: [String] = []

        func run() async throws {
            try await reporting {
                let rows = await migrationStatuses(try parseServices(services), stores: stores)
                if output.json { try printJSON(rows) } else {
                    print(table(["SERVICE", "APPLIED", "LATEST", "LOCKED", "STORE"], rows.map { row in
                        [row.service, row.error == nil ? "\(row.applied.count)" : "-",
                         row.applied.last.map { "\($0.version) \($0.name)" } ?? "-", row.locked ? "yes" : "no",
                         row.error.map { "\(row.store): \($0)" } ?? row.store]
                    }))
                }
                if rows.allSatisfy({ $0.error != nil }) { throw OpsFailure("no service's store could be read") }
            }
        }
    }
}

// MARK: bootstrap-admin

struct BootstrapAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bootstrap-admin",
        abstract: "Registers the first super-admin through identity (its SEED_IDENTITY_BOOTSTRAP_ADMIN_EMAIL must be this email).")
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The administrator's email.") var email: String
    @Flag(help: "Read the password from standard input (else from $SEED_OPS_ADMIN_PASSWORD).") var passwordStdin = false

    func run() async throws {
        try await reporting {
            let password: String
            if passwordStdin {
                password = (readLine(strippingNewline: true) ?? "")
            } else if let fromEnvironment = ProcessInfo.processInfo.environment["SEED_OPS_ADMIN_PASSWORD"] {
                password = fromEnvironment
            } else {
                throw ValidationError("give the password with --password-stdin or $SEED_OPS_ADMIN_PASSWORD")
            }
            let user = try await withOpsBus(broker) { try await bootstrapAdmin(bus: $0, email: email, password: password) }
            if output.json { try printJSON(["userId": user.id, "email": user.email ?? email, "role": user.role.rawValue]) } else {
                print("\(user.email ?? email) is super_admin (user \(user.id))")
            }
        }
    }
}

// MARK: tenants

struct Tenants: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A tenant's data in every service, through the bus: export it as one JSON document, or erase it.",
        subcommands: [Export.self, Erase.self])

    /// The options both tenant commands share.
    struct TenantSelection: ParsableArguments {
        @Option(name: .customLong("service"), help: "Only this service (repeatable; default: every service).") var services: [String] = []
        @Option(help: "Seconds each service may take to answer a request.") var wait: Int = 30
        @Argument(help: "The tenant's id.") var tenantId: String
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Writes every document of the tenant, from every service, as one JSON document (service → collection → documents).")
        @OptionGroup var broker: BrokerOptions
        @OptionGroup var selection: TenantSelection
        @OptionGroup var output: OutputOptions
        @Option(name: .customLong("output"), help: "Where to write the export: a file, or - for standard output (the summary then goes to standard error).")
        var destination: String = "-"
        @Option(help: "Documents per page asked of a service (1-1000).") var pageSize: Int = 200

        func run() async throws {
            try await reporting {
                guard (1...1000).contains(pageSize) else { throw ValidationError("--page-size is 1 to 1000") }
                let services = try parseServices(selection.services)
                let export = try await withOpsBus(broker) {
                    try await TenantOperations(bus: $0, timeout: .seconds(max(selection.wait, 1)), pageSize: pageSize).export(selection.tenantId, from: services)
                }
                let summary = TenantExportSummary(tenantId: export.tenantId, output: destination, collections: export.summary)
                if destination == "-" {
                    FileHandle.standardOutput.write(Data(export.json.utf8))
                    let text = output.json ? try OpsJSON.string(summary) : summary.text
                    FileHandle.standardError.write(Data((text + "\n").utf8))
                } else {
                    do {
                        try Data(export.json.utf8).write(to: URL(fileURLWithPath: destination), options: .atomic)
                    } catch {
                        throw OpsFailure("cannot write \(destination): \(error.localizedDescription)")
                    }
                    if output.json { try printJSON(summary) } else { print(summary.text) }
                }
            }
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deletes every document of the tenant in every service (and documents' files no one else references). Irreversible: needs --confirm.")
        @OptionGroup var broker: BrokerOptions
        @OptionGroup var selection: TenantSelection
        @OptionGroup var output: OutputOptions
        @Flag(help: "Confirms the erasure (without it nothing is sent).") var confirm = false

        func run() async throws {
            guard confirm else { throw ValidationError("erasing a tenant's data cannot be undone: add --confirm") }
            try await reporting {
                let services = try parseServices(selection.services)
                let erasures = try await withOpsBus(broker) {
                    try await TenantOperations(bus: $0, timeout: .seconds(max(selection.wait, 1))).erase(selection.tenantId, from: services)
                }
                if output.json { return try printJSON(erasures) }
                print(table(["SERVICE", "COLLECTION", "ERASED"], erasures.flatMap { erasure in
                    erasure.collections.map { [erasure.service.rawValue, $0.collection, "\($0.documents)"] }
                }))
                let files = erasures.reduce(0) { $0 + $1.filesReleased }
                let total = erasures.reduce(0) { $0 + $1.documentsErased }
                print("erased \(total) document\(total == 1 ? "" : "s") of tenant \(selection.tenantId) in \(erasures.count) service\(erasures.count == 1 ? "" : "s")"
                    + (files > 0 ? "; \(files) stored file\(files == 1 ? "" : "s") released" : ""))
            }
        }
    }
}

/// What `seed-ops tenants export` wrote: documents per service and collection.
struct TenantExportSummary: Encodable {
    var tenantId: String
    var output: String
    var collections: [TenantCollectionSummary]
    var documents: Int { collections.reduce(0) { $0 + $1.documents } }

    enum CodingKeys: String, CodingKey { case tenantId, output, collections, documents }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tenantId, forKey: .tenantId)
        try container.encode(output, forKey: .output)
        try container.encode(collections, forKey: .collections)
        try container.encode(documents, forKey: .documents)
    }

    var text: String {
        table(["SERVICE", "COLLECTION", "DOCUMENTS"], collections.map { [$0.service, $0.collection, "\($0.documents)"] })
            + "\nexported \(documents) document\(documents == 1 ? "" : "s") of tenant \(tenantId) to \(output == "-" ? "standard output" : output)"
    }
}
