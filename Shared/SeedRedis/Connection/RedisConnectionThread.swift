import CThreadName
import Dispatch
import Foundation
import Logging
import Synchronization

/// One OS thread that owns one ``RedisConnection`` and runs blocking jobs on it, in order.
///
/// hiredis is blocking; running it here keeps the cooperative thread pool free. The thread lives
/// until ``stop()`` (or ``requestStop()``) and closes its connection on the way out.
final class RedisConnectionThread: Sendable {
    private enum Job: Sendable {
        case run(@Sendable (RedisConnection) -> Void)
        case stop(@Sendable () -> Void)
    }

    private struct Queue {
        var jobs: [Job] = []
        var isStopping = false
    }

    private let queue = Mutex(Queue())
    /// Signalled once per enqueued job; the thread waits on it between jobs.
    private let jobAvailable = DispatchSemaphore(value: 0)

    init(name: String, configuration: RedisConfiguration, logger: Logger) {
        // Named by the thread itself: Foundation's `Thread.name` does not reliably reach the system on
        // Linux (which also refuses names over 15 bytes), and `top -H` and `perf` would show the creator's.
        let thread = Thread { [self] in
            _ = seed_name_this_thread(name)
            self.serve(connection: RedisConnection(configuration: configuration, logger: logger))
        }
        thread.start()
    }

    /// Runs `job` on this thread with its connection, after the jobs submitted before it.
    /// Returns `false` (and drops `job`) once the thread is stopping.
    func submit(_ job: @escaping @Sendable (RedisConnection) -> Void) -> Bool {
        enqueue(.run(job), stopping: false)
    }

    /// Lets queued jobs finish, closes the connection, ends the thread and returns when it is done.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if !enqueue(.stop { continuation.resume() }, stopping: true) {
                continuation.resume()
            }
        }
    }

    /// Like ``stop()``, without waiting for the thread to finish.
    func requestStop() {
        _ = enqueue(.stop {}, stopping: true)
    }

    /// Appends `job` unless the thread is already stopping; returns whether it was appended.
    private func enqueue(_ job: Job, stopping: Bool) -> Bool {
        let accepted = queue.withLock { queue in
            guard !queue.isStopping else { return false }
            queue.isStopping = stopping
            queue.jobs.append(job)
            return true
        }
        if accepted { jobAvailable.signal() }
        return accepted
    }

    private func serve(connection: RedisConnection) {
        Self.blockBrokenPipeSignal()
        while true {
            jobAvailable.wait()
            let job = queue.withLock { $0.jobs.removeFirst() }
            switch job {
            case .run(let body):
                body(connection)
            case .stop(let finished):
                connection.close()
                finished()
                return
            }
        }
    }

    /// A write to a socket the server closed raises SIGPIPE, which kills the process by default.
    /// Blocking it on this thread alone makes that write fail with `EPIPE`, which hiredis reports
    /// as an I/O error, without changing the signal disposition of the rest of the process.
    private static func blockBrokenPipeSignal() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }
}
