import Synchronization

/// Counts running handlers so that `run()` returns only when consuming has stopped
/// and every handler has settled its delivery.
final class InFlightHandlers: Sendable {
    private struct State {
        var running = 0
        var stopped = false
        var waiter: CheckedContinuation<Void, Never>?

        /// The waiter to resume, if the handlers just drained.
        mutating func takeWaiterIfDrained() -> CheckedContinuation<Void, Never>? {
            guard stopped, running == 0 else { return nil }
            defer { waiter = nil }
            return waiter
        }
    }

    private let state = Mutex(State())

    /// A handler starts.
    func begin() {
        state.withLock { $0.running += 1 }
    }

    /// A handler settled its delivery.
    func end() {
        state.withLock { state in
            state.running -= 1
            return state.takeWaiterIfDrained()
        }?.resume()
    }

    /// No more deliveries will arrive.
    func stop() {
        state.withLock { state in
            state.stopped = true
            return state.takeWaiterIfDrained()
        }?.resume()
    }

    /// Waits until ``stop()`` was called and no handler is running.
    func drained() async {
        await withCheckedContinuation { continuation in
            let drained = state.withLock { state in
                guard !(state.stopped && state.running == 0) else { return true }
                state.waiter = continuation
                return false
            }
            if drained { continuation.resume() }
        }
    }
}
