@testable import SeedBus
import Testing

@Suite("Acknowledgements gathered in a round")
struct AcknowledgementBatchTests {
    @Test("a settled front is acknowledged by one multiple acknowledgement")
    func settledFrontIsOneMultipleAcknowledgement() {
        var batch = AcknowledgementBatch()
        for tag in 1...5 as ClosedRange<UInt64> { batch.delivered(tag) }
        for tag in [3, 1, 2] as [UInt64] { batch.add(tag) }
        let taken = batch.take()
        #expect(taken.upTo == 3)
        #expect(taken.single.isEmpty)
        #expect(batch.unsettledCount == 2)
    }

    @Test("deliveries settled behind one still being handled are acknowledged one by one, not held back")
    func settledBehindAnUnsettledDeliveryGoOneByOne() {
        var batch = AcknowledgementBatch()
        for tag in 1...4 as ClosedRange<UInt64> { batch.delivered(tag) }
        batch.add(4)
        batch.add(2)
        let taken = batch.take()
        #expect(taken.upTo == nil)
        #expect(taken.single == [2, 4])
        // Later, the first delivery finishes: a multiple acknowledgement up to it must not reach 3.
        batch.add(1)
        let next = batch.take()
        #expect(next.upTo == 1)
        #expect(next.single.isEmpty)
        #expect(batch.unsettledCount == 1)
    }

    @Test("a rejected delivery is never covered by a later multiple acknowledgement")
    func rejectedDeliveryIsNotCovered() {
        var batch = AcknowledgementBatch()
        for tag in 1...3 as ClosedRange<UInt64> { batch.delivered(tag) }
        batch.settledOtherwise(1)
        batch.add(2)
        batch.add(3)
        let taken = batch.take()
        #expect(taken.upTo == 3)
        #expect(taken.single.isEmpty)
        #expect(batch.unsettledCount == 0)
    }

    @Test("a round with nothing acknowledged sends nothing")
    func emptyRoundSendsNothing() {
        var batch = AcknowledgementBatch()
        batch.delivered(1)
        let taken = batch.take()
        #expect(taken.upTo == nil)
        #expect(taken.single.isEmpty)
        #expect(batch.unsettledCount == 1)
    }
}
