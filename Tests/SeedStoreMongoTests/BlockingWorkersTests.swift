import Dispatch
import SeedStore
@testable import SeedStoreMongo
import Synchronization
import Testing

/// The MongoDB adapter's blocking calls run on a fixed set of dedicated threads (decision 0015), not on
/// Dispatch's global queue, which starts more threads when its jobs block.
@Suite("MongoDB worker threads")
struct BlockingWorkersTests {
    @Test("N worker threads run N of N+1 blocking jobs at once and the last only when one ends")
    func workersRunAtMostTheirCountAtOnce() async throws {
        let workers = BlockingWorkers(count: 2, name: "bounded")
        defer { workers.shutdown() }
        let probe = BlockedJobs()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for job in 0..<3 {
                group.addTask { try await workers.run { () throws(StoreError) -> Int in probe.block(job) } }
            }
            try await probe.waitUntil(started: 2)
            // The third job is queued but has no thread while both threads block.
            try await Task.sleep(for: .milliseconds(300))
            #expect(probe.started == 2)
            probe.release()
            try await probe.waitUntil(started: 3)
            probe.release()
            probe.release()
            var finished: [Int] = []
            for try await job in group { finished.append(job) }
            #expect(finished.sorted() == [0, 1, 2])
        }
        #expect(probe.mostAtOnce == 2)
    }

    @Test("a job submitted after shutdown fails as unavailable instead of running")
    func jobAfterShutdownIsUnavailable() async {
        let workers = BlockingWorkers(count: 1, name: "stopped")
        workers.shutdown()
        await #expect(throws: StoreError.unavailable("the MongoDB store has been shut down")) {
            try await workers.run { () throws(StoreError) in () }
        }
    }
}

/// Jobs that block their thread until the test releases them, one release per job.
private final class BlockedJobs: Sendable {
    private struct Counts {
        var started = 0
        var running = 0
        var mostAtOnce = 0
    }

    private let counts = Mutex(Counts())
    private let gate = DispatchSemaphore(value: 0)

    var started: Int { counts.withLock { $0.started } }
    var mostAtOnce: Int { counts.withLock { $0.mostAtOnce } }

    func block(_ job: Int) -> Int {
        counts.withLock { counts in
            counts.started += 1
            counts.running += 1
            counts.mostAtOnce = max(counts.mostAtOnce, counts.running)
        }
        gate.wait()
        counts.withLock { $0.running -= 1 }
        return job
    }

    func release() { gate.signal() }

    func waitUntil(started count: Int) async throws {
        // Generous: on a loaded 2-core machine a new thread may wait long for its first time slice.
        let deadline = ContinuousClock.now + .seconds(60)
        while started < count {
            guard ContinuousClock.now < deadline else {
                Issue.record("only \(started) of \(count) jobs started")
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
