public import Foundation
import Synchronization

/// A clock the tests move by hand; pass `{ clock.now }` where a service takes its time.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A count that tests read after the code under test bumped it.
public final class Counter: Sendable {
    private let value = Mutex(0)

    public init() {}

    public var count: Int { value.withLock { $0 } }

    public func increment() { value.withLock { $0 += 1 } }
}
