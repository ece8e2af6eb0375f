/// Lets at most `limit` transactions hold a pooled client at once; the rest wait in order.
///
/// Together with a pool of `workerThreads + limit` clients this keeps a worker thread from ever
/// blocking on an empty pool while open transactions wait for a worker.
actor TransactionGate {
    private let limit: Int
    private var open = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        precondition(limit > 0, "at least one transaction must be allowed")
        self.limit = limit
    }

    func enter() async {
        if open < limit {
            open += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the longest waiter, or frees it.
    func leave() {
        if waiting.isEmpty {
            open -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
