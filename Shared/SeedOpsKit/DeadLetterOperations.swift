import Foundation
public import SeedBus
public import SeedContracts

/// Which of a service's consumed queues an operation looks at.
public enum QueueKind: String, Codable, Sendable, CaseIterable {
    /// `seed.<service>.commands`.
    case commands
    /// `seed.<service>.events`.
    case events
}

/// Which dead letters an operator means: every criterion given must hold.
public struct DeadLetterFilter: Sendable {
    /// Services whose dead-letter queues are looked at.
    public var services: [ServiceName]
    /// Command queues, event queues or both.
    public var kinds: [QueueKind] = QueueKind.allCases
    /// A message type wire name (`work.create-task.v1`) or its prefix (`work.`).
    public var type: String?
    /// Text the failure reason contains (case-insensitive).
    public var reason: String?
    /// Only letters whose message was sent at least this many seconds ago.
    public var olderThan: TimeInterval?
    /// Only letters whose message was sent at most this many seconds ago.
    public var newerThan: TimeInterval?
    /// Only these message ids (empty: any).
    public var ids: Set<String> = []

    public init(services: [ServiceName], kinds: [QueueKind] = QueueKind.allCases) {
        self.services = services
        self.kinds = kinds
    }

    /// Whether any criterion beyond the queues is set.
    public var selectsMessages: Bool {
        type != nil || reason != nil || olderThan != nil || newerThan != nil || !ids.isEmpty
    }

    /// Whether `record` meets every criterion.
    public func matches(_ record: DeadLetterRecord) -> Bool {
        if !ids.isEmpty, !ids.contains(record.id) { return false }
        if let type, !(record.type ?? "").hasPrefix(type) { return false }
        if let reason, !(record.reason ?? "").localizedCaseInsensitiveContains(reason) { return false }
        if let olderThan, (record.ageSeconds ?? -1) < olderThan { return false }
        if let newerThan, (record.ageSeconds ?? .infinity) > newerThan { return false }
        return true
    }
}

/// One dead letter as `seed-ops` shows it.
public struct DeadLetterRecord: Codable, Sendable, Equatable {
    /// The message id (`-` when the message had none).
    public var id: String
    /// The message type's wire name.
    public var type: String?
    /// Why its last attempt failed.
    public var reason: String?
    /// How many attempts were made.
    public var attempts: Int?
    /// The service whose queue it failed in.
    public var service: String
    /// The queue a replay sends it back to.
    public var queue: String
    /// The dead-letter queue holding it.
    public var deadLetterQueue: String
    public var correlationId: String?
    /// The envelope's tenant, if the body could be read.
    public var tenant: String?
    /// When the sender created the message (the envelope's `occurredAt`), if the body could be read.
    public var occurredAt: Date?
    /// Seconds since `occurredAt`.
    public var ageSeconds: Double?
    /// The body as UTF-8 text (only from `inspect`).
    public var body: String?

    init(_ letter: DeadLetter, service: ServiceName, queue: String, deadLetterQueue: String, now: Date, withBody: Bool) {
        let envelope = try? WireCoding.decode(value: EnvelopeOnly.self, from: letter.body).envelope
        id = letter.messageId ?? envelope?.messageId ?? "-"
        type = letter.type ?? envelope?.type.wireName
        reason = letter.reason
        attempts = letter.attempts
        self.service = service.rawValue
        self.queue = queue
        self.deadLetterQueue = deadLetterQueue
        correlationId = letter.correlationId ?? envelope?.correlationId
        tenant = envelope?.tenant
        occurredAt = envelope?.occurredAt
        ageSeconds = envelope.map { (now.timeIntervalSince($0.occurredAt) * 1000).rounded() / 1000 }
        body = withBody ? String(decoding: letter.body, as: UTF8.self) : nil
    }
}

/// The dead-letter queues of the services a filter names, for an operator.
public struct DeadLetterOperations: Sendable {
    public let bus: Bus

    public init(bus: Bus) { self.bus = bus }

    /// The consumed queues (and their services) the filter covers whose dead-letter queue exists.
    func queues(_ filter: DeadLetterFilter) async throws -> [(service: ServiceName, queue: String)] {
        var found: [(ServiceName, String)] = []
        for service in filter.services {
            for kind in filter.kinds {
                let queue = kind == .commands ? bus.names.commandQueue(of: service) : bus.names.eventQueue(of: service)
                if try await bus.queueStatus(of: bus.names.deadLetterQueue(of: queue)) != nil {
                    found.append((service, queue))
                }
            }
        }
        return found
    }

    /// The dead letters the filter picks, oldest first per queue, at most `limit`; they stay in place.
    public func list(_ filter: DeadLetterFilter, limit: Int = .max, withBody: Bool = false) async throws -> [DeadLetterRecord] {
        var records: [DeadLetterRecord] = []
        let now = Date()
        for (service, queue) in try await queues(filter) where records.count < limit {
            let dlq = bus.deadLetters(of: queue)
            for letter in try await dlq.peek(limit: .max) {
                let record = DeadLetterRecord(letter, service: service, queue: queue, deadLetterQueue: dlq.name, now: now, withBody: withBody)
                if filter.matches(record), records.count < limit { records.append(record) }
            }
        }
        return records
    }

    /// The dead letter with message id `id`, with its body, or `nil`.
    public func inspect(id: String, in filter: DeadLetterFilter) async throws -> DeadLetterRecord? {
        var filter = filter
        filter.ids = [id]
        return try await list(filter, limit: 1, withBody: true).first
    }

    /// Replays (to their queues, with fresh attempts) the dead letters the filter picks, at most `limit`.
    public func replay(_ filter: DeadLetterFilter, limit: Int = .max) async throws -> [DeadLetterRecord] {
        try await settle(filter, limit: limit, action: .replay)
    }

    /// Deletes the dead letters the filter picks; with no message criterion, empties the queues at
    /// once (`queue.purge`) and returns how many there were.
    public func purge(_ filter: DeadLetterFilter) async throws -> Int {
        guard filter.selectsMessages else {
            var purged = 0
            for (_, queue) in try await queues(filter) {
                purged += try await bus.deadLetters(of: queue).purge()
            }
            return purged
        }
        return try await settle(filter, limit: .max, action: .discard).count
    }

    private func settle(_ filter: DeadLetterFilter, limit: Int, action: DeadLetterQueue.SelectionAction) async throws -> [DeadLetterRecord] {
        var records: [DeadLetterRecord] = []
        let now = Date()
        for (service, queue) in try await queues(filter) where records.count < limit {
            let dlq = bus.deadLetters(of: queue)
            let name = dlq.name
            let settled = try await dlq.settle(limit: limit - records.count, where: { letter in
                filter.matches(DeadLetterRecord(letter, service: service, queue: queue, deadLetterQueue: name, now: now, withBody: false))
            }, action: action)
            records += settled.map { DeadLetterRecord($0, service: service, queue: queue, deadLetterQueue: name, now: now, withBody: false) }
        }
        return records
    }
}
