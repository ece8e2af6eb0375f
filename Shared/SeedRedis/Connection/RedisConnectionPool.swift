import Synchronization

/// A fixed set of connection threads that share one queue of pipelines.
///
/// Calls are queued in order (first come, first served) without blocking a thread. A free thread
/// takes the queue's head and every pipeline behind it, up to ``maximumCommandsPerRoundTrip``
/// commands, and sends them as one pipeline: callers that arrive while every connection is busy share
/// the next round trip instead of waiting for a connection each. Each caller's commands stay
/// contiguous and in order, and it gets exactly its own replies. A pipeline holding a command that
/// blocks its connection (`BLPOP`, `WAIT`, …) travels alone, so it never delays other callers.
/// Cancelling a task whose pipeline is still queued takes it out of the queue.
final class RedisConnectionPool: Sendable {
    /// The most commands one combined round trip carries (a single larger pipeline still goes whole).
    static let maximumCommandsPerRoundTrip = 256

    private struct Queued {
        let id: UInt64
        let commands: [RedisCommand]
        let travelsAlone: Bool
        let continuation: CheckedContinuation<Result<[RedisValue], RedisError>, Never>
    }

    private struct State {
        /// Indexes into `threads` of connections with nothing to do; the most recently used is last.
        var idle: [Int]
        /// Pipelines waiting for a connection, oldest first.
        var queue: [Queued] = []
        var queueStart = 0
        var nextID: UInt64 = 0
        var isShutDown = false

        var hasQueued: Bool { queueStart < queue.count }

        /// Takes the head of the queue and the pipelines behind it that may share its round trip.
        mutating func takeRoundTrip() -> [Queued] {
            guard hasQueued else { return [] }
            var taken = [queue[queueStart]]
            var commands = queue[queueStart].commands.count
            queueStart += 1
            if !taken[0].travelsAlone {
                while hasQueued, !queue[queueStart].travelsAlone,
                      commands + queue[queueStart].commands.count <= RedisConnectionPool.maximumCommandsPerRoundTrip {
                    commands += queue[queueStart].commands.count
                    taken.append(queue[queueStart])
                    queueStart += 1
                }
            }
            if queueStart == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueStart = 0
            }
            return taken
        }

        mutating func remove(id: UInt64) -> Queued? {
            guard let index = queue[queueStart...].firstIndex(where: { $0.id == id }) else { return nil }
            return queue.remove(at: index)
        }
    }

    private let threads: [RedisConnectionThread]
    private let state: Mutex<State>
    private let sentRoundTrips = Atomic<Int>(0)

    /// How many round trips the pool has sent so far (tests read it to see pipelines share them).
    var roundTrips: Int { sentRoundTrips.load(ordering: .relaxed) }

    init(threads: [RedisConnectionThread]) {
        self.threads = threads
        self.state = Mutex(State(idle: Array(threads.indices.reversed())))
    }

    deinit {
        for thread in threads { thread.requestStop() }
    }

    /// Sends `commands` as one pipeline (possibly in one round trip with other callers' pipelines)
    /// and returns their replies in order.
    func execute(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisValue] {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        let travelsAlone = commands.contains { $0.blocksConnection }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<[RedisValue], RedisError>, Never>) in
                enum Admission { case refused(RedisError), queued(wake: Int?) }
                let admission: Admission = state.withLock { state in
                    if state.isShutDown { return .refused(.shutdown) }
                    if Task.isCancelled { return .refused(.cancelled) }
                    state.queue.append(Queued(id: id, commands: commands, travelsAlone: travelsAlone, continuation: continuation))
                    return .queued(wake: state.idle.popLast())
                }
                switch admission {
                case .refused(let error): continuation.resume(returning: .failure(error))
                case .queued(let wake): if let wake { serve(on: wake) }
                }
            }
        } onCancel: {
            state.withLock { $0.remove(id: id) }?.continuation.resume(returning: .failure(.cancelled))
        }
        return try result.get()
    }

    /// Refuses new calls, fails every queued one with ``RedisError/shutdown``, lets round trips in
    /// flight finish and stops every thread.
    func shutdown() async {
        let queued = state.withLock { state in
            state.isShutDown = true
            defer {
                state.queue.removeAll()
                state.queueStart = 0
            }
            return Array(state.queue[state.queueStart...])
        }
        for call in queued { call.continuation.resume(returning: .failure(.shutdown)) }
        for thread in threads { await thread.stop() }
    }

    /// Has thread `index` send round trips until the queue is empty, then marks it idle.
    private func serve(on index: Int) {
        let accepted = threads[index].submit { [self] connection in
            while true {
                let calls = state.withLock { state in
                    let calls = state.takeRoundTrip()
                    if calls.isEmpty { state.idle.append(index) }
                    return calls
                }
                guard !calls.isEmpty else { return }
                send(calls, on: connection)
            }
        }
        // A stopping thread takes no work; shutdown has already failed everything queued.
        if !accepted { state.withLock { $0.idle.append(index) } }
    }

    /// One round trip for `calls`; each caller gets its own slice of the replies, or the error.
    private func send(_ calls: [Queued], on connection: RedisConnection) {
        let commands = calls.count == 1 ? calls[0].commands : calls.flatMap(\.commands)
        let result = Result { () throws(RedisError) in try connection.execute(commands) }
        sentRoundTrips.add(1, ordering: .relaxed)
        var offset = 0
        for call in calls {
            let count = call.commands.count
            call.continuation.resume(returning: result.map { Array($0[offset..<(offset + count)]) })
            offset += count
        }
    }
}

extension RedisCommand {
    /// Lower-case first letters of the blocking names and of `XREAD`.
    private static let blockingInitials: Set<UInt8> = Set("bmpswx".utf8)

    /// Commands that can hold their connection until something happens elsewhere.
    private static let blockingNames: Set<String> = [
        "BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BLMPOP", "BZPOPMIN", "BZPOPMAX", "BZMPOP", "WAIT", "WAITAOF",
        "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "MONITOR",
    ]

    /// Whether this command may block its connection (`XREAD`/`XREADGROUP` only with `BLOCK`).
    /// Asked for every call: a command whose first letter starts no blocking name is ruled out
    /// without making a string.
    var blocksConnection: Bool {
        guard let first = parts[0].bytes.first, Self.blockingInitials.contains(first | 0x20) else { return false }
        let name = self.name.uppercased()
        if Self.blockingNames.contains(name) { return true }
        guard name == "XREAD" || name == "XREADGROUP" else { return false }
        return parts.dropFirst().contains { $0.bytes.count == 5 && String(decoding: $0.bytes, as: UTF8.self).uppercased() == "BLOCK" }
    }
}
