import Foundation
import Logging
@testable import MessagingService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@Suite("Retention")
struct RetentionTests {
    @Test("the sweep deletes messages older than their conversation's retention, with their receipts and reactions")
    func sweepDeletesExpiredMessages() async throws {
        let chat = try await ChatHarness.make()
        let weekly = try await chat.group(owner: "ada", members: ["bob"], retentionDays: 7)
        let forever = try await chat.group(owner: "ada", members: ["bob"])
        let old = try await chat.send("old news", by: "ada", in: weekly)
        let oldReply = try await chat.send("old reply", by: "bob", in: weekly, parent: old.id)
        _ = try await chat.service.addReaction(AddReactionV1(messageId: old.id, emoji: "👍"), envelope: chat.envelope(AddReactionV1.self, "bob"))
        _ = try await chat.markRead(oldReply.id, in: weekly, by: "ada")
        let kept = try await chat.send("kept forever", by: "ada", in: forever)
        chat.fixture.clock.advance(by: 6 * 86_400)
        let recent = try await chat.send("fresh", by: "bob", in: weekly)
        let bobUnreadBefore = try await chat.unread("bob", in: weekly)

        let deleted = try await chat.service.sweepRetention(now: chat.fixture.clock.now.addingTimeInterval(2 * 86_400))
        #expect(deleted == 2)
        #expect(try await chat.messageCount(in: weekly) == 1)
        #expect(try await chat.stored(recent.id).content == "fresh")
        #expect(try await chat.stored(kept.id).content == "kept forever")
        #expect(try await chat.fixture.count(Reaction.self) == 0)
        #expect(try await chat.fixture.count(MessageReceipt.self, .isIn("messageId", [.string(old.id), .string(oldReply.id)])) == 0)
        #expect(try await chat.unread("bob", in: weekly) == bobUnreadBefore)
        #expect(try await chat.storedConversation(weekly).lastSequence == 3)

        // Nothing more is due; a later sweep deletes the rest and empties the preview.
        #expect(try await chat.service.sweepRetention(now: chat.fixture.clock.now.addingTimeInterval(2 * 86_400)) == 0)
        #expect(try await chat.service.sweepRetention(now: chat.fixture.clock.now.addingTimeInterval(8 * 86_400)) == 1)
        #expect(try await chat.storedConversation(weekly).lastMessage?.content == "")
        #expect(try await chat.messageCount(in: forever) == 1)
        let next = try await chat.send("after the sweep", by: "ada", in: weekly)
        #expect(next.sequence == 4)
    }

    @Test("the sweep deletes in batches until nothing is due")
    func sweepDeletesInBatches() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"], retentionDays: 1)
        let count = MessagingService.retentionBatchSize + 20
        for index in 0..<count { try await chat.send("m\(index)", by: "ada", in: conversation) }
        #expect(try await chat.service.sweepRetention(now: chat.fixture.clock.now.addingTimeInterval(2 * 86_400)) == count)
        #expect(try await chat.messageCount() == 0)
    }

    @Test("the retention service sweeps at start and stops when cancelled")
    func retentionServiceSweepsAndStops() async throws {
        let chat = try await ChatHarness.make()
        let conversation = try await chat.group(owner: "ada", members: ["bob"], retentionDays: 1)
        try await chat.send("old", by: "ada", in: conversation)
        let clock = chat.fixture.clock
        let sweep = RetentionSweep(
            service: chat.service, interval: .milliseconds(20), logger: Logger(label: "retention-test"), now: { clock.now.addingTimeInterval(2 * 86_400) })
        let running = Task { try await sweep.run() }
        var remaining = 1
        for _ in 0..<200 where remaining > 0 {
            try await Task.sleep(for: .milliseconds(10))
            remaining = try await chat.messageCount()
        }
        #expect(remaining == 0)
        running.cancel()
        try await running.value
    }
}
