import Dispatch
import Foundation
import Synchronization

/// A `TaskExecutor` that runs its jobs on the writer connection's thread while transactions hold the
/// writer: the store's transaction lane.
///
/// ``EmbeddedStore/withTransaction(_:)`` runs with this executor as its task's preference. When a
/// transaction takes the writer and nobody serves the lane, it hands GRDB's writer dispatch queue to
/// ``serve()`` and moves onto that thread (``resumeOnLane(_:)``). The transaction's body, and every
/// operation it calls, then run on the writer's thread and reach SQLite through GRDB's reentrant
/// access, with no thread hand-off per operation.
/// When it ends and the next waiting writer is another transaction, the writer is handed over on this
/// thread: the next transaction's task, which prefers this executor too, is resumed straight onto it,
/// so consecutive transactions cost no thread wake-up between them (decision 0007). Otherwise
/// ``finish()`` lets the thread return to GRDB. Jobs that arrive while nobody serves (a task leaving
/// the preference scope late, a waiting transaction resumed by the group-commit drain) go to the global
/// concurrent executor, so a task that prefers this executor always makes progress.
final class WriterThreadExecutor: TaskExecutor, Sendable {
    private struct Queue {
        var jobs: [UnownedJob] = []
        /// Suspended tasks to resume from the serving thread (``resumeOnLane(_:)``).
        var arrivals: [CheckedContinuation<Void, Never>] = []
        /// Whether jobs wait for a serving thread (from ``beginServing()`` until ``serve()`` has seen
        /// ``finish()``).
        var serving = false
        var finishing = false
        /// Whether the serving thread waits on `wake`.
        var sleeping = false
        /// The serving thread, while it serves.
        var thread: pthread_t?
    }

    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)

    /// Queues `job` for the serving thread, or the global concurrent executor while nobody serves.
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let outcome: (accepted: Bool, wake: Bool) = queue.withLock { queue in
            guard queue.serving else { return (false, false) }
            queue.jobs.append(unowned)
            defer { queue.sleeping = false }
            return (true, queue.sleeping)
        }
        if !outcome.accepted {
            globalConcurrentExecutor.enqueue(ExecutorJob(unowned))
        } else if outcome.wake {
            wake.signal()
        }
    }

    /// Whether the caller runs on the serving thread (and may use the writer connection directly).
    var isServingThread: Bool {
        queue.withLock { queue in queue.thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    /// Makes jobs wait for ``serve()`` instead of going to the global executor, unless a thread already
    /// serves the lane (the writer was handed over by a transaction). Returns whether it started serving:
    /// the caller, which holds the writer, then hands the writer's queue to `serve`.
    func beginServing() -> Bool {
        queue.withLock { queue in
            guard !queue.serving else { return false }
            queue.serving = true
            return true
        }
    }

    /// Resumes `continuation` from the serving thread. A task that prefers this executor and was
    /// suspended on `continuation` then continues on that thread; one resumed before it had actually
    /// suspended continues where it was, so callers check ``isServingThread`` and ask again.
    func resumeOnLane(_ continuation: CheckedContinuation<Void, Never>) {
        let wakeUp = queue.withLock { queue in
            precondition(queue.serving, "nobody serves the transaction lane")
            queue.arrivals.append(continuation)
            defer { queue.sleeping = false }
            return queue.sleeping
        }
        if wakeUp { wake.signal() }
    }

    /// Runs jobs on the calling thread (the writer's) until ``finish()``.
    func serve() {
        queue.withLock { $0.thread = pthread_self() }
        let executor = asUnownedTaskExecutor()
        while true {
            enum Step { case run([UnownedJob]), again, sleep, done }
            let (arrivals, step): ([CheckedContinuation<Void, Never>], Step) = queue.withLock { queue in
                let arrivals = queue.arrivals
                queue.arrivals = []
                if !queue.jobs.isEmpty {
                    defer { queue.jobs = [] }
                    return (arrivals, .run(queue.jobs))
                }
                if !arrivals.isEmpty { return (arrivals, .again) }
                if queue.finishing {
                    queue.serving = false
                    queue.finishing = false
                    queue.thread = nil
                    return ([], .done)
                }
                queue.sleeping = true
                return ([], .sleep)
            }
            // Resumed outside the lock: a resumption enqueues the task's job here.
            for arrival in arrivals { arrival.resume() }
            switch step {
            case .run(let jobs):
                for job in jobs { job.runSynchronously(on: executor) }
            case .again:
                continue
            case .sleep:
                wake.wait()
            case .done:
                return
            }
        }
    }

    /// Lets ``serve()`` return once it has run the jobs queued so far.
    func finish() {
        let wakeUp = queue.withLock { queue in
            queue.finishing = true
            defer { queue.sleeping = false }
            return queue.sleeping
        }
        if wakeUp { wake.signal() }
    }
}
