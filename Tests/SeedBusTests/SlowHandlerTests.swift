import Foundation
import SeedBus
import SeedContracts
import SeedWorkPool
import Synchronization
import Testing

@Suite("Slow handlers and the connection thread")
struct SlowHandlerTests {
    /// The longest the slow handler's blocking work waits for the test to release it.
    static let releaseTimeout = 15.0

    /// The slow handler's work blocks its pool thread until the test has its pong back, so the ping can
    /// only be answered while the handler is blocked; if the connection thread were held by the handler,
    /// the ping would time out. No wall-clock threshold, so a loaded machine cannot make it fail.
    @Test("a handler blocked in a work pool does not delay a ping on the same connection")
    func slowPooledHandlerDoesNotDelayPing() async throws {
        let configuration = try TestBroker.configuration()
        let pool = BlockingWorkPool(threadCount: 2, name: "slow-work")
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        let threads = Recorder<String>()
        let slowStarted = Atomic<Bool>(false)
        let release = DispatchSemaphore(value: 0)
        let releasedByTest = Atomic<Bool>(false)
        owner.handle(EchoV1.self) { command, context in
            await threads.record("handler: \(currentThreadName())")
            // The way a service hashes a file or embeds text: the blocking part goes to the pool,
            // and the handler (on the connection thread) suspends until it is done.
            let worker = await pool.run {
                slowStarted.store(true, ordering: .releasing)
                if release.wait(timeout: .now() + Self.releaseTimeout) == .success {
                    releasedByTest.store(true, ordering: .releasing)
                }
                return currentThreadName()
            }
            await threads.record("work: \(worker)")
            return EchoedV1(text: command.text, attempt: context.attempt)
        }
        owner.handle(PingV1.self) { ping, _ in PongV1(service: .work, instance: "test", note: ping.note) }
        let caller = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("caller"))
        try await whileRunning(owner) {
            try await caller.connect()
            // A first ping: both sides are connected and warm before anything is timed.
            _ = try await caller.request(PingV1(note: "warm-up"), to: .work)

            async let slowReply = caller.request(EchoV1(text: "slow"), timeout: .seconds(30))
            try await eventually("the slow handler's work started") { slowStarted.load(ordering: .acquiring) }

            // The slow handler is blocked now, and stays blocked until the pong is here.
            let pong = try await caller.request(PingV1(note: "during"), to: .work, timeout: .seconds(10))
            #expect(pong.note == "during")
            release.signal()

            let reply = try await slowReply
            #expect(reply.text == "slow")
            let wasReleasedByTest = releasedByTest.load(ordering: .acquiring)
            #expect(wasReleasedByTest,
                    "the slow work was still blocked when the pong arrived, and was released by the test")
        }
        await caller.shutdown()
        let seen = try await threads.waitFor(2)
        #expect(seen.contains("handler: bus-work"), "the handler itself runs on the connection thread: \(seen)")
        #expect(seen.contains { $0.hasPrefix("work: slow-work-") }, "the blocking work runs in the pool: \(seen)")
    }
}
