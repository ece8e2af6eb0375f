import Synchronization

/// A fixed set of connection threads, leased to one caller at a time.
///
/// A caller that finds every connection busy waits in line (first come, first served) without
/// blocking a thread; cancelling its task takes it out of the line.
final class RedisConnectionPool: Sendable {
    private typealias Waiter = (id: UInt64, continuation: CheckedContinuation<Result<Int, RedisError>, Never>)

    private struct State {
        /// Indexes into `threads` of connections nobody holds; the most recently used is last.
        var idle: [Int]
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var isShutDown = false
    }

    private let threads: [RedisConnectionThread]
    private let state: Mutex<State>

    init(threads: [RedisConnectionThread]) {
        self.threads = threads
        self.state = Mutex(State(idle: Array(threads.indices.reversed())))
    }

    deinit {
        for thread in threads { thread.requestStop() }
    }

    /// Leases a connection, runs `body` on its thread and gives the connection back.
    func withConnection<Value: Sendable>(
        _ body: @escaping @Sendable (RedisConnection) throws(RedisError) -> Value
    ) async throws(RedisError) -> Value {
        let index = try await lease()
        defer { release(index) }
        return try await threads[index].run(body)
    }

    /// Refuses new leases, fails every waiter with ``RedisError/shutdown``, lets running commands
    /// finish and stops every thread.
    func shutdown() async {
        let waiters = state.withLock { state in
            state.isShutDown = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.continuation.resume(returning: .failure(.shutdown)) }
        for thread in threads { await thread.stop() }
    }

    private func lease() async throws(RedisError) -> Int {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Int, RedisError>, Never>) in
                state.withLock { state in
                    if state.isShutDown {
                        continuation.resume(returning: .failure(.shutdown))
                    } else if let index = state.idle.popLast() {
                        continuation.resume(returning: .success(index))
                    } else if Task.isCancelled {
                        continuation.resume(returning: .failure(.cancelled))
                    } else {
                        state.waiters.append((id, continuation))
                    }
                }
            }
        } onCancel: {
            let cancelled = state.withLock { state in
                state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0) }
            }
            cancelled?.continuation.resume(returning: .failure(.cancelled))
        }
        return try result.get()
    }

    private func release(_ index: Int) {
        let next = state.withLock { state -> Waiter? in
            guard !state.waiters.isEmpty else {
                state.idle.append(index)
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume(returning: .success(index))
    }
}
