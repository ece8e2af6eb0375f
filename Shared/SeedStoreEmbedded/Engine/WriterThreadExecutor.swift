import Dispatch
import Foundation
import Synchronization

/// A `TaskExecutor` that runs its jobs on the writer connection's thread for the length of one
/// transaction.
///
/// ``EmbeddedStore/withTransaction(_:)`` hands the writer's dispatch queue to ``serve()`` and runs the
/// transaction's body with this executor as its preference. The body, and every operation it calls, then
/// run on the writer's thread and reach SQLite through GRDB's reentrant access, with no thread hand-off
/// per operation. The thread waits for the body's jobs in between (the writer belongs to the
/// transaction anyway until it ends). After ``finish()`` the thread returns to GRDB, and jobs that still
/// arrive (a task leaving the preference scope late) go to the global concurrent executor, so a task that
/// prefers this executor always makes progress.
final class WriterThreadExecutor: TaskExecutor, Sendable {
    private struct Queue {
        var jobs: [UnownedJob] = []
        /// Whether ``serve()`` takes jobs (true until it has seen ``finish()``).
        var serving = true
        var finishing = false
        /// Whether the serving thread waits on `wake`.
        var sleeping = false
        /// The serving thread, while it serves.
        var thread: pthread_t?
    }

    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)

    /// Queues `job` for the serving thread, or the global concurrent executor once serving is over.
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

    /// Runs jobs on the calling thread (the writer's) until ``finish()``.
    func serve() {
        queue.withLock { $0.thread = pthread_self() }
        let executor = asUnownedTaskExecutor()
        while true {
            let next: (jobs: [UnownedJob], done: Bool) = queue.withLock { queue in
                let jobs = queue.jobs
                queue.jobs = []
                if jobs.isEmpty {
                    if queue.finishing {
                        queue.serving = false
                        queue.thread = nil
                        return ([], true)
                    }
                    queue.sleeping = true
                }
                return (jobs, false)
            }
            if next.done { return }
            if next.jobs.isEmpty {
                wake.wait()
                continue
            }
            for job in next.jobs { job.runSynchronously(on: executor) }
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
