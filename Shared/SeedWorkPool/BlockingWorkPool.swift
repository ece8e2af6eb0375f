import NIOCore
import NIOPosix

/// A bounded set of dedicated threads for blocking or CPU-heavy work: bcrypt, hashing or scanning a
/// file, embedding text, a blocking C library.
///
/// Such work must not run on Swift's cooperative pool (it has one thread per core and blocking one
/// starves every task) nor on a bus connection's thread (handlers run there, and while they compute
/// the connection does no I/O: decision 0006). ``run(_:)`` hands the work to one of the pool's
/// threads and suspends the calling task until it is done, so the caller's thread — a bus
/// connection's included — is free meanwhile. At most ``threadCount`` jobs run at once; the others
/// wait in submission order. Unlike `DispatchQueue.global()`, which starts more threads when its
/// jobs block, the pool never grows.
///
/// The threads (`<name>-0`, `<name>-1`, … in `top -H` and `perf`) are `NIOThreadPool`'s from
/// swift-nio. They stop when the last reference to the pool is gone; a queued job holds one, so no
/// job is ever dropped and ``run(_:)`` cannot fail for want of a pool. Keep a pool for the life of
/// the component that sizes it (a service, a store, a hasher) rather than one per call: starting it
/// starts its threads. See decision 0015.
public final class BlockingWorkPool: Sendable {
    /// How many jobs run at once, at most.
    public let threadCount: Int
    /// The prefix of the threads' names.
    public let name: String
    private let threads: NIOThreadPool

    /// The number of cores this process may use, the default size of a pool for CPU-heavy work.
    public static var coreCount: Int { System.coreCount }

    /// Starts `threadCount` threads named `<name>-<index>`.
    ///
    /// Linux keeps at most 15 bytes of a thread's name, so `name` is cut to 11 bytes.
    /// - Parameters:
    ///   - threadCount: at least 1; by default one thread per core (``coreCount``), right for
    ///     CPU-bound work. Work that mostly waits (a blocking network call) may use more.
    ///   - name: names the threads, e.g. `bcrypt` or `mongo`.
    public init(threadCount: Int = BlockingWorkPool.coreCount, name: String) {
        precondition(threadCount > 0, "a BlockingWorkPool needs at least one thread")
        self.threadCount = threadCount
        self.name = String(decoding: name.utf8.prefix(11), as: UTF8.self)
        threads = NIOThreadPool(numberOfThreads: threadCount)
        // `_start(threadNamePrefix:)` is public API of NIOThreadPool (its singleton uses it) that
        // names the threads; `start()` would call them all `TP-#<index>`.
        threads._start(threadNamePrefix: "\(self.name)-")
    }

    /// Runs `body` on one of the pool's threads and returns its value, or rethrows its error
    /// unchanged (so a `ContractError` thrown by a handler's blocking step still rejects the message).
    ///
    /// The calling task suspends until `body` has run; when all threads are busy, `body` waits for
    /// one in submission order. Cancelling the calling task does not stop `body`: check for
    /// cancellation before calling, or inside `body` through a flag of your own.
    public func run<T: Sendable, Failure: Error>(
        _ body: @escaping @Sendable () throws(Failure) -> T
    ) async throws(Failure) -> T {
        let result: Result<T, Failure> = await withCheckedContinuation { continuation in
            // The job holds `self`, so the pool cannot shut its threads down while work is queued:
            // the work item's state is always `.active` here. Were it ever `.cancelled`, running
            // `body` anyway still resumes the caller instead of leaving it suspended forever.
            threads.submit { [self] _ in
                withExtendedLifetime(self) {
                    continuation.resume(returning: Result { () throws(Failure) -> T in try body() })
                }
            }
        }
        return try result.get()
    }

    deinit {
        // Only reached once no job is queued or running (each holds `self`). The threads finish on
        // their own; the join happens on a Dispatch queue of swift-nio, so this never blocks.
        threads.shutdownGracefully { _ in }
    }
}
