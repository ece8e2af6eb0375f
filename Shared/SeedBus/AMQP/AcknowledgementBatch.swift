import DequeModule

/// The acknowledgements of one channel's deliveries, gathered during a round of the connection
/// thread and sent at its end: one `basic.ack` with `multiple` for the longest run of settled
/// deliveries at the front, one each for settled deliveries behind a delivery still being handled.
///
/// Every delivery acknowledged during a round is acknowledged at the end of that round, as before
/// batching, only in fewer frames: a busy consumer sends one `basic.ack` per round instead of one per
/// message (decision 0012). A crash before the end of the round loses those acknowledgements, and the
/// broker redelivers the messages, which at-least-once delivery allows.
struct AcknowledgementBatch {
    /// Tags of the deliveries not yet settled, in delivery order (the order of their tags).
    private var unsettled = Deque<UInt64>()
    /// Tags acknowledged this round and not yet sent.
    private var acknowledged = Set<UInt64>()

    /// Notes a delivery of the channel.
    mutating func delivered(_ tag: UInt64) {
        unsettled.append(tag)
    }

    /// Notes that the handler of `tag` is done with it: it is acknowledged at the end of the round.
    mutating func add(_ tag: UInt64) {
        acknowledged.insert(tag)
    }

    /// Notes a delivery settled in another way (rejected for redelivery): a later `multiple`
    /// acknowledgement must not cover it, and it must not hold up those behind it.
    mutating func settledOtherwise(_ tag: UInt64) {
        if let index = unsettled.firstIndex(of: tag) { unsettled.remove(at: index) }
    }

    /// What to send for the acknowledgements of this round: the tag that one `multiple`
    /// acknowledgement covers the front up to, if any, and the tags to acknowledge one by one.
    mutating func take() -> (upTo: UInt64?, single: [UInt64]) {
        guard !acknowledged.isEmpty else { return (nil, []) }
        var upTo: UInt64?
        while let first = unsettled.first, acknowledged.remove(first) != nil {
            unsettled.removeFirst()
            upTo = first
        }
        // Behind a delivery still being handled: one by one, so they do not wait for it.
        let single = acknowledged.sorted()
        for tag in single { settledOtherwise(tag) }
        acknowledged.removeAll(keepingCapacity: true)
        return (upTo, single)
    }

    /// How many deliveries are not settled yet.
    var unsettledCount: Int { unsettled.count }
}
