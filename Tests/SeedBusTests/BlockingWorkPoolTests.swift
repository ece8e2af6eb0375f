import Dispatch
import Foundation
import SeedContracts
import SeedWorkPool
import Synchronization
import Testing

@Suite("Blocking work pool")
struct BlockingWorkPoolTests {
    @Test("a pool of N threads runs N of N+1 blocking jobs at once and the last only when one ends")
    func poolRunsAtMostItsThreadCountAtOnce() async throws {
        let pool = BlockingWorkPool(threadCount: 2, name: "bounded")
        let probe = JobProbe()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for job in 0..<3 {
                group.addTask { await pool.run { probe.block(job) } }
            }
            try await eventually("two jobs run") { probe.started == 2 }
            // The third job has a queue slot but no thread: it must not start while both threads block.
            try await Task.sleep(for: .milliseconds(300))
            #expect(probe.started == 2)
            #expect(probe.mostAtOnce == 2)
            probe.release()
            try await eventually("the third job runs once a thread is free") { probe.started == 3 }
            probe.release()
            probe.release()
            var finished: [Int] = []
            for try await job in group { finished.append(job) }
            #expect(finished.sorted() == [0, 1, 2])
        }
        #expect(probe.mostAtOnce == 2)
    }

    @Test("a job runs on one of the pool's named threads, not on the caller's")
    func jobRunsOnPoolThread() async {
        let pool = BlockingWorkPool(threadCount: 1, name: "named-pool")
        let name = await pool.run { currentThreadName() }
        #expect(name == "named-pool-0")
        #expect(BlockingWorkPool(threadCount: 1, name: "a-very-long-pool-name").name.utf8.count == 11)
    }

    @Test("a job's error reaches the caller unchanged and typed, so a ContractError still rejects")
    func jobErrorIsRethrownUnchanged() async {
        let pool = BlockingWorkPool(threadCount: 1, name: "errors")
        await #expect(throws: ContractError.validation("unreadable file", field: "file")) {
            try await pool.run { () throws(ContractError) -> Int in
                throw ContractError.validation("unreadable file", field: "file")
            }
        }
        // A job after a failed one still runs: the thread survives a throwing body.
        #expect(await pool.run { 42 } == 42)
    }

    @Test("the default size is one thread per core")
    func defaultSizeIsCoreCount() {
        let pool = BlockingWorkPool(name: "cores")
        #expect(pool.threadCount == BlockingWorkPool.coreCount)
        #expect(pool.threadCount >= 1)
    }
}

/// Counts jobs that block until the test releases them, one release per job.
final class JobProbe: Sendable {
    private struct Counts {
        var started = 0
        var running = 0
        var mostAtOnce = 0
    }

    private let counts = Mutex(Counts())
    private let gate = DispatchSemaphore(value: 0)

    var started: Int { counts.withLock { $0.started } }
    var mostAtOnce: Int { counts.withLock { $0.mostAtOnce } }

    /// Runs on a pool thread: counts itself in, blocks that thread until ``release()``, counts itself out.
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

    /// Lets one blocked job finish.
    func release() {
        gate.signal()
    }
}

/// The name of the calling thread, as `top -H` shows it (Linux).
func currentThreadName() -> String {
    ((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "")
        .trimmingCharacters(in: .whitespacesAndNewlines)
}
