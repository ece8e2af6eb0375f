import Foundation
import Logging
import SeedBus
import SeedContracts
import Synchronization

/// The kinds of command the driver sends, each a change with a client-chosen marker in its payload.
enum Kind: String, CaseIterable, Sendable {
    /// POST /api/v1/auth/register, marker in the email's local part (identity).
    case register
    /// POST /api/v1/conversations/{id}/messages, marker as the content and clientMessageId (messaging).
    case message
    /// POST /api/v1/nutrition/meals, marker as the food's name (nutrition).
    case meal
    /// POST /api/v1/tasks assigned to the caller, marker as the title (work).
    case task

    /// The service that stores this kind's change (and the fault that takes it away).
    var service: String {
        switch self {
        case .register: "identity"
        case .message: "messaging"
        case .meal: "nutrition"
        case .task: "work"
        }
    }

    /// The event its committed change publishes.
    var event: String {
        switch self {
        case .register: UserRegisteredV1.messageType.wireName
        case .message: MessageSentV1.messageType.wireName
        case .meal: MealLoggedV1.messageType.wireName
        case .task: TaskAssignedV1.messageType.wireName
        }
    }
}

/// One attempt: what was sent, when, and how the gateway answered.
struct Attempt: Sendable {
    var marker: String
    var kind: Kind
    /// Seconds since 1970 (the script's timeline uses the same clock).
    var sentAt: Double
    var answeredAt: Double = 0
    /// HTTP status, 0 for no response.
    var status: Int = -1
    /// The stored entity's id from a 2xx reply (a registration's user id).
    var id: String?
}

/// Every attempt of the run, by marker.
final class Ledger: Sendable {
    private let attempts = Mutex<[String: Attempt]>([:])

    func sent(_ attempt: Attempt) { attempts.withLock { $0[attempt.marker] = attempt } }

    func answered(_ marker: String, status: Int, id: String?) {
        let now = Date().timeIntervalSince1970
        attempts.withLock { all in
            all[marker]?.status = status
            all[marker]?.answeredAt = now
            all[marker]?.id = id
        }
    }

    var all: [Attempt] { attempts.withLock { Array($0.values) } }
    var inFlight: Int { attempts.withLock { $0.values.filter { $0.status < 0 }.count } }
}

/// Counts the events of the run's changes as a subscriber sees them: per marker, the distinct message
/// ids (effects downstream, after the inbox's dedup by message id) and the raw deliveries (the
/// at-least-once copies a subscriber's inbox has to absorb).
final class EventTally: Sendable {
    private struct State {
        var ids: [String: Set<String>] = [:]
        var deliveries: [String: Int] = [:]
        var total = 0
    }

    private let state = Mutex(State())

    func saw(marker: String, messageId: String) {
        guard marker.hasPrefix("chaos-") else { return }
        state.withLock { state in
            state.ids[marker, default: []].insert(messageId)
            state.deliveries[marker, default: 0] += 1
            state.total += 1
        }
    }

    /// Distinct events per marker.
    func distinct(_ marker: String) -> Int { state.withLock { $0.ids[marker]?.count ?? 0 } }
    func deliveries(_ marker: String) -> Int { state.withLock { $0.deliveries[marker] ?? 0 } }
    var markers: Set<String> { state.withLock { Set($0.ids.keys) } }
    var total: Int { state.withLock { $0.total } }

    /// A consuming bus that counts the four events through a durable event queue of its own.
    ///
    /// The bus consumes as `documents`, whose service the chaos run does not start, so its durable
    /// event queue `seed.documents.events` is the listener's alone: it survives the broker's kill -9 like
    /// every service's queue, and deliveries unacknowledged at a crash come again (counted as copies).
    func listener(amqp: String, logger: Logger) throws -> Bus {
        let bus = Bus(service: .documents, configuration: try BusConfiguration(url: amqp), logger: logger)
        bus.subscribe(UserRegisteredV1.self) { [self] event, context in
            saw(marker: String((event.user.email ?? "").prefix { $0 != "@" }), messageId: context.envelope.messageId)
        }
        bus.subscribe(MessageSentV1.self) { [self] event, context in
            saw(marker: event.message.content ?? "", messageId: context.envelope.messageId)
        }
        bus.subscribe(MealLoggedV1.self) { [self] event, context in
            saw(marker: event.meal.foods.first?.name ?? "", messageId: context.envelope.messageId)
        }
        bus.subscribe(TaskAssignedV1.self) { [self] event, context in
            saw(marker: event.task.title, messageId: context.envelope.messageId)
        }
        return bus
    }
}
