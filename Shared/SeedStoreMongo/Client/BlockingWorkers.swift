import Dispatch
import Foundation
import SeedStore
import Synchronization

/// A fixed set of dedicated threads for blocking libmongoc calls, so that they never occupy a thread
/// of Swift's cooperative pool. Jobs run in submission order on whichever thread is free.
final class BlockingWorkers: Sendable {
    private typealias Job = @Sendable () -> Void

    private struct Queue {
        var jobs: [Job] = []
        var next = 0
        var stopping = false
    }

    private let queue = Mutex(Queue())
    /// Counts queued jobs (and, on shutdown, one wake-up per thread).
    private let available = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let count: Int

    /// Starts `count` threads named `name-0`, `name-1`, ….
    init(count: Int, name: String) {
        precondition(count > 0, "at least one worker thread is needed")
        self.count = count
        for index in 0..<count {
            let thread = Thread { [self] in work() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Runs `body` on a worker thread and returns its result to the calling task.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(StoreError) -> T) async throws(StoreError) -> T {
        let result: Result<T, StoreError> = await withCheckedContinuation { continuation in
            let accepted = queue.withLock { queue in
                guard !queue.stopping else { return false }
                queue.jobs.append { continuation.resume(returning: Result { () throws(StoreError) -> T in try body() }) }
                return true
            }
            if accepted {
                available.signal()
            } else {
                continuation.resume(returning: .failure(.unavailable("the MongoDB store has been shut down")))
            }
        }
        return try result.get()
    }

    /// Lets the queued jobs finish, then stops and joins every thread; later jobs fail as unavailable.
    func shutdown() {
        let first = queue.withLock { queue in
            defer { queue.stopping = true }
            return !queue.stopping
        }
        guard first else { return }
        for _ in 0..<count { available.signal() }
        for _ in 0..<count { finished.wait() }
    }

    private func work() {
        while true {
            available.wait()
            let job: Job? = queue.withLock { queue in
                guard queue.next < queue.jobs.count else { return nil }
                let job = queue.jobs[queue.next]
                queue.next += 1
                if queue.next > 64, queue.next * 2 > queue.jobs.count {
                    queue.jobs.removeFirst(queue.next)
                    queue.next = 0
                }
                return job
            }
            if let job {
                job()
            } else if queue.withLock({ $0.stopping }) {
                finished.signal()
                return
            }
        }
    }
}
