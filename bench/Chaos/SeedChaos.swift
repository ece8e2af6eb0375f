import ArgumentParser
import Foundation
import Logging
import SeedBus

/// `seed-chaos`: the chaos suite's driver (bench/README.md, scripts/chaos).
@main
struct SeedChaos: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-chaos",
        abstract: "Sends marked commands through the gateway while scripts/chaos kills the suite's parts, then counts what was lost, duplicated and published.",
        discussion: """
            Sets up users, a conversation and a board through the gateway, starts a listener bus on the broker \
            (the events user-registered, message-sent, meal-logged and task-assigned), writes <control>/ready and \
            offers --rate requests/s (registrations, messages, meal logs, task creations; one attempt each, never \
            retried), each with a unique marker, until <control>/faults-done exists and --tail seconds have passed. \
            Then it waits for the answers and for events to drain, reads every change back through the gateway and \
            prints `name value unit` lines: acknowledged, failed, lost (acknowledged but not stored), duplicated \
            (stored more than once), events per committed change, and per fault of <control>/timeline \
            (`<fault> killed|restarted <unix seconds>` lines) the recovery time from the restart to the first \
            acknowledged request of the kinds it touched. Exits 1 when lost, duplicated or an event count is not 0, \
            0, 1, or a fault never recovered.
            """)

    @Option(help: "The gateway: http://host:port.")
    var url: String

    @Option(help: "The broker the suite uses, for the listener bus.")
    var amqp: String

    @Option(help: "The identity service's bootstrap administrator (SEED_IDENTITY_BOOTSTRAP_ADMIN_EMAIL), who reads users back.")
    var adminEmail: String

    @Option(help: "Folder shared with scripts/chaos: ready, timeline, faults-done.")
    var control: String

    @Option(help: "Requests offered per second, all kinds together.")
    var rate: Double = 10

    @Option(help: "Seconds of load after faults-done appears.")
    var tail: Double = 10

    @Option(help: "Longest run of load in seconds, whatever the faults do.")
    var maxSeconds: Double = 1800

    @Option(help: "Longest wait in seconds after the load for outstanding events.")
    var drainSeconds: Double = 120

    func run() async throws {
        var logger = Logger(label: "seed-chaos")
        logger.logLevel = .warning
        let gateway = GatewayClient(base: url)
        let ledger = Ledger()
        let tally = EventTally()
        let listener = try tally.listener(amqp: amqp, logger: logger)
        let listening = Task { try await listener.run() }
        let connected = ContinuousClock.now + .seconds(60)
        while !listener.isConnected {
            guard ContinuousClock.now < connected else { throw ChaosError("the listener bus did not connect to \(amqp) within 60 s") }
            try await Task.sleep(for: .milliseconds(100))
        }

        let world = try await World.setUp(gateway, adminEmail: adminEmail)
        try Data().write(to: URL(fileURLWithPath: control + "/ready"))

        // The load: open loop, request i due at i/rate whatever earlier ones did.
        let pattern: [Kind] = Array(repeating: [Kind.message, .meal, .task], count: 6).flatMap { $0 } + [.message, .register]
        let start = ContinuousClock.now
        var doneAt: ContinuousClock.Instant?
        await withDiscardingTaskGroup { group in
            var index = 0
            while true {
                let due = start + .nanoseconds(Int64(Double(index) * 1e9 / rate))
                if due > .now { try? await Task.sleep(until: due) }
                if doneAt == nil, FileManager.default.fileExists(atPath: control + "/faults-done") { doneAt = .now }
                if let doneAt, doneAt.duration(to: .now) > .seconds(tail) { break }
                if start.duration(to: .now) > .seconds(maxSeconds) { break }
                let kind = pattern[index % pattern.count]
                let sequence = index
                index += 1
                group.addTask { await world.send(kind, sequence: sequence, through: gateway, ledger: ledger) }
            }
        }
        let offeredFor = start.duration(to: .now)

        // Drain: every change committed must reach the listener once; wait until none is missing or the time is up.
        while ledger.inFlight > 0 { try await Task.sleep(for: .milliseconds(200)) }
        var stored = try await Stored.read(world, gateway)
        try await stored.readUsers(ledger.all, world, gateway)
        let users = stored.users
        let drainDeadline = ContinuousClock.now + .seconds(drainSeconds)
        while ContinuousClock.now < drainDeadline {
            let missing = stored.changes(ledger).filter { tally.distinct($0) == 0 }
            if missing.isEmpty { break }
            try await Task.sleep(for: .seconds(2))
            stored = try await Stored.read(world, gateway)
            stored.users = users
        }
        // Copies published late (an outbox relay repeating itself after a crash) arrive within seconds.
        try await Task.sleep(for: .seconds(5))
        stored = try await Stored.read(world, gateway)
        stored.users = users

        // Every attempt, for a closer look at a run: marker, kind, sent, answered (unix seconds), status, times stored, events.
        let rows = ledger.all.sorted { $0.sentAt < $1.sentAt }.map {
            "\($0.marker)\t\($0.kind.rawValue)\t\($0.sentAt)\t\($0.answeredAt)\t\($0.status)\t\(stored.times($0))\t\(tally.distinct($0.marker))"
        }
        try ("marker\tkind\tsent\tanswered\tstatus\tstored\tevents\n" + rows.joined(separator: "\n") + "\n").write(
            toFile: control + "/attempts.tsv", atomically: true, encoding: .utf8)
        let report = Report(ledger: ledger, tally: tally, stored: stored, timeline: Timeline.read(control + "/timeline"), offeredFor: offeredFor)
        let healthy = report.print(rate: rate)
        listening.cancel()
        await listener.shutdown()
        try await gateway.shutdown()
        if !healthy { throw ExitCode(1) }
    }
}

/// What the setup made: the users (each with a token and a board of their own), pairs of them in
/// conversations, the administrator's token. The load spreads over them so that no one user's data
/// grows so large in one run that its reads, not the faults, decide the figures.
struct World: Sendable {
    struct Member: Sendable {
        var id: String
        var token: String
        var board: String
        /// The conversation this user writes to (one per pair of users).
        var conversation: String
    }

    var admin: String
    var members: [Member]

    static let people = 6

    static func setUp(_ gateway: GatewayClient, adminEmail: String) async throws -> World {
        func person(_ email: String) async throws -> (id: String, token: String) {
            let credentials: [String: Any] = ["email": email, "password": "correct horse battery"]
            let registered = await gateway.call(.POST, "/api/v1/auth/register", body: credentials)
            guard registered.acknowledged || registered.status == 409 else {
                throw ChaosError("registering \(email) answered \(registered.status): \(String(decoding: registered.body, as: UTF8.self))")
            }
            let session = try await gateway.setup(.POST, "/api/v1/auth/login", body: credentials)
            guard let token = session["accessToken"] as? String, let id = (session["user"] as? [String: Any])?["id"] as? String else {
                throw ChaosError("login of \(email) returned no token")
            }
            return (id, token)
        }
        // The gateway may still be connecting: the first registration waits for it.
        let readyBy = ContinuousClock.now + .seconds(120)
        while (await gateway.call(.GET, "/health/ready")).status != 200 {
            guard ContinuousClock.now < readyBy else { throw ChaosError("the gateway was not ready within 120 s") }
            try await Task.sleep(for: .milliseconds(200))
        }
        let admin = try await person(adminEmail)
        var people: [(id: String, token: String)] = []
        for n in 0..<Self.people { people.append(try await person("chaos.user\(n)@example.com")) }
        var members: [Member] = []
        for (n, user) in people.enumerated() {
            let board = try await gateway.setup(
                .POST, "/api/v1/boards", token: user.token, body: ["boardType": "project", "name": "Chaos board \(n)", "visibility": "private"])
            _ = try await gateway.setup(
                .PUT, "/api/v1/nutrition/profile", token: user.token,
                body: ["name": "Chaos \(n)", "age": 30, "weight": 70, "height": 175, "activityLevel": "moderately_active", "dailyCalorieGoal": 2000, "timeZone": "UTC"])
            var conversation = members.last?.conversation ?? ""
            if n % 2 == 0 {
                let partner = people[(n + 1) % people.count]
                let created = try await gateway.setup(
                    .POST, "/api/v1/conversations", token: user.token, body: ["type": "group", "title": "Chaos \(n)", "memberIds": [partner.id]])
                conversation = created["id"] as? String ?? ""
            }
            guard let boardId = board["id"] as? String, !conversation.isEmpty else { throw ChaosError("a board or conversation came back without an id") }
            members.append(Member(id: user.id, token: user.token, board: boardId, conversation: conversation))
        }
        return World(admin: admin.token, members: members)
    }

    /// Sends one marked command and records the attempt and its answer.
    func send(_ kind: Kind, sequence: Int, through gateway: GatewayClient, ledger: Ledger) async {
        let marker = "chaos-" + UUID().uuidString.lowercased()
        let member = members[(sequence / 3) % members.count]
        ledger.sent(Attempt(marker: marker, kind: kind, sentAt: Date().timeIntervalSince1970))
        let reply: GatewayReply
        switch kind {
        case .register:
            reply = await gateway.call(.POST, "/api/v1/auth/register", body: ["email": "\(marker)@example.com", "password": "correct horse battery"])
        case .message:
            reply = await gateway.call(
                .POST, "/api/v1/conversations/\(member.conversation)/messages", token: member.token, body: ["clientMessageId": marker, "content": marker])
        case .meal:
            let food: [String: Any] = ["name": marker, "calories": 250, "protein": 20, "carbs": 9, "fat": 4, "quantity": "200g"]
            reply = await gateway.call(.POST, "/api/v1/nutrition/meals", token: member.token, body: ["foods": [food], "mealType": "snack"])
        case .task:
            reply = await gateway.call(
                .POST, "/api/v1/tasks", token: member.token,
                body: ["boardId": member.board, "title": marker, "taskType": "development", "priority": "medium", "assigneeId": member.id])
        }
        ledger.answered(marker, status: reply.status, id: reply.acknowledged ? reply.object()?["id"] as? String : nil)
    }
}

/// The changes read back through the gateway: how many times each marker is stored.
struct Stored: Sendable {
    var counts: [String: Int] = [:]
    /// Registrations are read one by one by id (acknowledged ones only: a failed one has no id to ask for).
    var users: [String: Int] = [:]

    static func read(_ world: World, _ gateway: GatewayClient) async throws -> Stored {
        var stored = Stored()
        func count(_ items: [[String: Any]], _ marker: ([String: Any]) -> String?) {
            for item in items { if let value = marker(item), value.hasPrefix("chaos-") { stored.counts[value, default: 0] += 1 } }
        }
        for (n, member) in world.members.enumerated() {
            if n % 2 == 0 {
                count(try await gateway.allPages("/api/v1/conversations/\(member.conversation)/messages", key: "messages", token: member.token)) {
                    $0["content"] as? String
                }
            }
            count(try await gateway.allPages("/api/v1/nutrition/meals", key: "meals", token: member.token)) {
                (($0["foods"] as? [[String: Any]])?.first)?["name"] as? String
            }
            count(try await gateway.allPages("/api/v1/tasks?query=mine", key: "tasks", token: member.token)) { $0["title"] as? String }
        }
        return stored
    }

    /// Looks each acknowledged registration up by its id (as the administrator).
    mutating func readUsers(_ attempts: [Attempt], _ world: World, _ gateway: GatewayClient) async throws {
        for attempt in attempts where attempt.kind == .register && (200..<300).contains(attempt.status) && users[attempt.marker] == nil {
            guard let id = attempt.id else { users[attempt.marker] = 0; continue }
            var reply = await gateway.call(.GET, "/api/v1/users/\(id)", token: world.admin)
            for _ in 0..<20 where reply.status == 0 || reply.status >= 500 {
                try await Task.sleep(for: .milliseconds(500))
                reply = await gateway.call(.GET, "/api/v1/users/\(id)", token: world.admin)
            }
            guard reply.acknowledged || reply.status == 404 else { throw ChaosError("reading user \(id) back answered \(reply.status)") }
            users[attempt.marker] = (reply.object()?["email"] as? String) == "\(attempt.marker)@example.com" ? 1 : 0
        }
    }

    /// The markers of every committed change known: those stored (acknowledged or not).
    func changes(_ ledger: Ledger) -> [String] {
        Array(counts.keys) + users.filter { $0.value > 0 }.map(\.key)
    }

    func times(_ attempt: Attempt) -> Int {
        attempt.kind == .register ? users[attempt.marker] ?? 0 : counts[attempt.marker] ?? 0
    }
}

/// The faults scripts/chaos caused: `<fault> killed|restarted <unix seconds>` per line, in order.
struct Timeline {
    struct Fault {
        var name: String
        var killed: Double
        var restarted: Double?
    }

    var faults: [Fault] = []

    static func read(_ path: String) -> Timeline {
        var timeline = Timeline()
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 3, let time = Double(parts[2]) else { continue }
            if parts[1] == "killed" {
                timeline.faults.append(Fault(name: parts[0], killed: time))
            } else if parts[1] == "restarted", let index = timeline.faults.lastIndex(where: { $0.name == parts[0] }) {
                timeline.faults[index].restarted = time
            }
        }
        return timeline
    }
}
