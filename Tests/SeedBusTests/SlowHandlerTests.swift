import Foundation
import SeedBus
import SeedContracts
import SeedWorkPool
import Synchronization
import Testing

@Suite("Slow handlers and the connection thread")
struct SlowHandlerTests {
    /// How long the slow handler's blocking work takes.
    static let slowWork = Duration.seconds(2)

    @Test("a handler blocked for 2 s in a work pool does not delay a ping on the same connection")
    func slowPooledHandlerDoesNotDelayPing() async throws {
        let configuration = try TestBroker.configuration()
        let pool = BlockingWorkPool(threadCount: 2, name: "slow-work")
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        let threads = Recorder<String>()
        let slowStarted = Atomic<Bool>(false)
        owner.handle(EchoV1.self) { command, context in
            await threads.record("handler: \(currentThreadName())")
            // The way a service hashes a file or embeds text: the blocking part goes to the pool,
            // and the handler (on the connection thread) suspends until it is done.
            let worker = await pool.run {
                slowStarted.store(true, ordering: .releasing)
                Thread.sleep(forTimeInterval: Double(Self.slowWork.components.seconds))
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

            let slowSent = ContinuousClock.now
            async let slowReply = caller.request(EchoV1(text: "slow"), timeout: .seconds(10))
            try await eventually("the slow handler's work started") { slowStarted.load(ordering: .acquiring) }

            let pingSent = ContinuousClock.now
            let pong = try await caller.request(PingV1(note: "during"), to: .work, timeout: .seconds(10))
            let pingTook = ContinuousClock.now - pingSent
            #expect(pong.note == "during")
            #expect(pingTook < .milliseconds(500), "the ping took \(pingTook) while the slow handler worked")

            let reply = try await slowReply
            let slowTook = ContinuousClock.now - slowSent
            #expect(reply.text == "slow")
            #expect(slowTook >= Self.slowWork, "the slow handler's work really took \(Self.slowWork)")
            #expect(pingSent + pingTook < slowSent + slowTook, "the ping was answered before the slow request")
        }
        await caller.shutdown()
        let seen = try await threads.waitFor(2)
        #expect(seen.contains("handler: bus-work"), "the handler itself runs on the connection thread: \(seen)")
        #expect(seen.contains { $0.hasPrefix("work: slow-work-") }, "the blocking work runs in the pool: \(seen)")
    }
}
