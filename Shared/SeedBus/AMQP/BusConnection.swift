import CThreadName
import DequeModule
import Foundation
import Glibc
import Logging
import Synchronization

/// The Swift side of one broker connection: callers enqueue operations, a dedicated thread
/// (``ConnectionLoop``) owns the librabbitmq connection and answers them.
///
/// The cooperative pool never blocks: every method either enqueues and returns, or suspends on a
/// continuation that the connection thread resumes.
///
/// The connection is also a `TaskExecutor`: tasks that prefer it (the handlers of consumed deliveries)
/// run on the connection thread between two rounds of I/O, so a delivery, its handler, and the reply
/// and acknowledgement it produces need no thread hand-off at all.
final class BusConnection: TaskExecutor, Sendable {
    /// Channel for synchronous methods: declarations, `basic.get`, purges.
    static let topologyChannel: UInt16 = 1
    /// Channel in confirm mode for events, commands, retries and dead letters.
    static let confirmChannel: UInt16 = 2
    /// Channel that publishes requests and consumes their replies from direct reply-to.
    static let replyChannel: UInt16 = 3
    /// Channel of the command and event consumers (and the replies they publish).
    static let consumerChannel: UInt16 = 4
    /// Channel of the process's own queue (no-ack, ``InstanceQueue``), if it has one.
    static let instanceChannel: UInt16 = 5
    /// The pseudo-queue of RabbitMQ's direct reply-to.
    static let directReplyTo = "amq.rabbitmq.reply-to"

    private struct Inbox {
        var operations = Deque<ConnectionOperation>()
        /// Jobs of tasks that prefer this executor, run by the connection thread in order.
        var jobs = Deque<UnownedJob>()
        var threadStarted = false
        var threadFinished = false
        /// The connection thread is (about to be) asleep in `poll()` with an empty inbox: the next
        /// enqueue must write to the wake pipe. While it is awake it looks at the inbox again before
        /// sleeping, so enqueues need no system call.
        var sleeping = false
        /// A caller is publishing on the link (``request(_:timeout:)``); the thread, waking, waits for it.
        var linkBorrowed = false
        /// The live link, while there is one; usable by other threads only as ``request(_:timeout:)`` does.
        var link: SharedLink?
    }

    /// The live link, handed to callers that publish a request themselves.
    ///
    /// `@unchecked Sendable` is safe because of how the link is used, not because it is thread-safe:
    /// the connection thread sets ``Inbox/sleeping`` under the inbox lock and then calls only `poll()`
    /// (on a descriptor it read before) until ``wokeUp()`` has seen ``Inbox/linkBorrowed`` false. Another
    /// thread uses the link only after setting `linkBorrowed` under that lock while `sleeping` was true
    /// and no one else had borrowed it, and until it clears `linkBorrowed` under the lock again, so
    /// exactly one thread at a time calls into librabbitmq. The connection thread publishes and clears
    /// the link only while awake.
    struct SharedLink: @unchecked Sendable {
        let link: AMQPLink
        let socket: Int32
    }

    /// What the connection thread takes from its inbox in one go.
    struct Work {
        var operations: Deque<ConnectionOperation>
        var jobs: Deque<UnownedJob>
    }

    let configuration: BusConfiguration
    let plan: TopologyPlan
    let logger: Logger
    /// Receives every consumed delivery on the connection thread; must return quickly.
    let deliveries: DeliverySink
    let wake: WakeSignal
    private let inbox = Mutex(Inbox())
    private let connected = Atomic<Bool>(false)
    private let currentGeneration = Atomic<UInt64>(0)

    init(configuration: BusConfiguration, plan: TopologyPlan, logger: Logger, deliveries: DeliverySink) throws(BusError) {
        self.configuration = configuration
        self.plan = plan
        self.logger = logger
        self.deliveries = deliveries
        self.wake = try WakeSignal()
    }

    /// Whether a link is open with its topology declared (and consumers started, if asked).
    var isConnected: Bool { connected.load(ordering: .acquiring) }

    /// The generation of the current link; delivery tags of other generations are stale.
    var generation: UInt64 { currentGeneration.load(ordering: .acquiring) }

    /// Starts the connection thread (once).
    func start(threadName: String) {
        let shouldStart = inbox.withLock { inbox in
            defer { inbox.threadStarted = true }
            return !inbox.threadStarted
        }
        guard shouldStart else { return }
        // Named by the thread itself, before it connects: Foundation's `Thread.name` does not reliably
        // reach the system on Linux, and without it the thread shows its creator's name in `top -H`
        // and `perf`. (Linux refuses names over 15 bytes; `Bus.threadName(of:)` stays within them.)
        let thread = Thread { [self] in
            _ = seed_name_this_thread(threadName)
            ConnectionLoop(connection: self).run()
        }
        thread.start()
    }

    // MARK: Used by the connection thread

    func setConnected(_ isConnected: Bool, generation: UInt64) {
        currentGeneration.store(generation, ordering: .releasing)
        connected.store(isConnected, ordering: .releasing)
    }

    /// Takes every operation and job enqueued so far. `finishing` refuses later operations and
    /// sends later jobs to the global executor, since the thread is about to end.
    func takeWork(finishing: Bool = false) -> Work {
        inbox.withLock { inbox in
            if finishing { inbox.threadFinished = true }
            defer {
                inbox.operations.removeAll(keepingCapacity: true)
                inbox.jobs.removeAll(keepingCapacity: true)
            }
            return Work(operations: inbox.operations, jobs: inbox.jobs)
        }
    }

    /// Called by the connection thread before `poll()`: whether the inbox is empty, in which case
    /// the next enqueue wakes the thread through the pipe.
    func prepareToSleep() -> Bool {
        inbox.withLock { inbox in
            inbox.sleeping = inbox.operations.isEmpty && inbox.jobs.isEmpty
            return inbox.sleeping
        }
    }

    /// Called by the connection thread when `poll()` returned. Waits for a caller that is
    /// publishing on the link (``request(_:timeout:)``) to finish: a few `send` calls, so it yields
    /// the processor rather than sleeping on a lock.
    func wokeUp() {
        while inbox.withLock({ inbox in
            inbox.sleeping = false
            return inbox.linkBorrowed
        }) {
            sched_yield()
        }
    }

    /// Called by the connection thread, awake, when a link is up with its topology (or gone).
    func share(_ link: AMQPLink?) {
        inbox.withLock { $0.link = link.map { SharedLink(link: $0, socket: $0.socket) } }
    }

    // MARK: Used by the bus

    /// Hands `operation` to the connection thread, waking it when it sleeps.
    func enqueue(_ operation: ConnectionOperation) {
        let outcome: (accepted: Bool, wake: Bool) = inbox.withLock { inbox in
            guard !inbox.threadFinished else { return (false, false) }
            inbox.operations.append(operation)
            defer { inbox.sleeping = false }
            return (true, inbox.sleeping)
        }
        if !outcome.accepted {
            operation.fail(.shutDown)
        } else if outcome.wake {
            wake.signal()
        }
    }

    /// Runs `job` on the connection thread (`TaskExecutor`); once that thread has ended, on the
    /// global concurrent executor, so a task that prefers this executor always makes progress.
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let outcome: (accepted: Bool, wake: Bool) = inbox.withLock { inbox in
            guard !inbox.threadFinished else { return (false, false) }
            inbox.jobs.append(unowned)
            defer { inbox.sleeping = false }
            return (true, inbox.sleeping)
        }
        if !outcome.accepted {
            globalConcurrentExecutor.enqueue(ExecutorJob(unowned))
        } else if outcome.wake {
            wake.signal()
        }
    }

    /// Runs jobs the connection thread took from its inbox; called on that thread only.
    func run(_ jobs: Deque<UnownedJob>) {
        let executor = asUnownedTaskExecutor()
        for job in jobs { job.runSynchronously(on: executor) }
    }

    /// Hands jobs taken by a thread that is ending to the global concurrent executor.
    func forward(_ jobs: Deque<UnownedJob>) {
        for job in jobs { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
    }

    /// Publishes on the confirm channel and waits for the broker's confirmation.
    func publishConfirmed(_ message: OutgoingMessage, timeout: Duration) async -> Result<Void, BusError> {
        let deadline = ContinuousClock.now + timeout
        return await withCheckedContinuation { completion in
            enqueue(.publish(ConfirmedPublish(message: message, deadline: deadline, completion: completion)))
        }
    }

    /// Publishes a request with direct reply-to and waits for the reply's body.
    ///
    /// When the connection thread sleeps in `poll()` and the socket has room, the caller publishes the
    /// request itself, having borrowed the link under the inbox lock (see ``SharedLink``): the thread
    /// then wakes only once per round trip, for the reply, instead of once more to send. A request is
    /// small and the socket is writable (`POLLOUT`: at least a third of the send buffer free), so the
    /// `send` calls do not wait. The lock is not held while publishing, so concurrent callers do not
    /// queue on it: while the link is borrowed they hand their requests to the thread, which sends
    /// them together. Otherwise too, or if publishing fails, the thread sends it as any other operation.
    func request(_ message: OutgoingMessage, timeout: Duration) async -> Result<[UInt8], BusError> {
        let deadline = ContinuousClock.now + timeout
        var message = message
        message.replyTo = Self.directReplyTo
        return await withCheckedContinuation { completion in
            let request = PendingRequest(message: message, deadline: deadline, completion: completion)
            let borrowed: SharedLink? = message.body.count > Self.directRequestLimit ? nil : inbox.withLock { inbox in
                guard !inbox.threadFinished, inbox.sleeping, !inbox.linkBorrowed, let shared = inbox.link else { return nil }
                inbox.linkBorrowed = true
                return shared
            }
            guard let shared = borrowed else {
                enqueue(.request(request))
                return
            }
            var descriptor = pollfd(fd: shared.socket, events: Int16(POLLOUT), revents: 0)
            var sent = poll(&descriptor, 1, 0) == 1 && descriptor.revents == Int16(POLLOUT)
            if sent {
                do throws(BusError) {
                    try shared.link.publish(request.message, channel: Self.replyChannel)
                    try shared.link.flush()
                } catch {
                    sent = false
                }
            }
            // Registered in the same critical section that returns the link, so the thread, which
            // waits for the link before it reads, sees the request before its reply.
            let accepted = inbox.withLock { inbox in
                inbox.linkBorrowed = false
                guard sent, !inbox.threadFinished else { return false }
                inbox.operations.append(.sent(request, generation: shared.link.generation))
                return true
            }
            if !accepted { enqueue(.request(request)) }
        }
    }

    /// The largest request body a caller publishes itself.
    private static let directRequestLimit = 16_384

    /// Runs `body` on the connection thread with the live link and the topology channel,
    /// waiting up to `timeout` for a connection.
    func perform<Value: Sendable>(
        timeout: Duration, _ body: @escaping @Sendable (AMQPLink, UInt16) throws(BusError) -> Value
    ) async throws(BusError) -> Value {
        let deadline = ContinuousClock.now + timeout
        let result = await withCheckedContinuation { (completion: Completion<Value>) in
            enqueue(.perform(LinkTask(
                deadline: deadline,
                run: { link, channel throws(BusError) in
                    let value = try body(link, channel)
                    completion.resume(returning: .success(value))
                },
                fail: { error in completion.resume(returning: .failure(error)) })))
        }
        return try result.get()
    }

    /// Waits for outstanding confirmations, then closes the connection and ends its thread.
    func close() async {
        await withCheckedContinuation { continuation in enqueue(.close(continuation)) }
    }
}

/// Where the connection thread hands consumed deliveries, and says when no more will come.
struct DeliverySink: Sendable {
    /// Called on the connection thread for each delivery of the command and event consumers.
    var yield: @Sendable (Delivery) -> Void
    /// Called once the consumers are cancelled (or the connection is gone for good).
    var finish: @Sendable () -> Void
}
