import Foundation
import Synchronization

/// The random bits of message ids and trace ids: the kernel's CSPRNG read 4 KiB at a time.
///
/// Every message needs a message id (16 random bytes) and a trace or span id (8–24 bytes); drawing each
/// 8 bytes with its own `getrandom` call (`SystemRandomNumberGenerator`) cost about eight system calls per
/// bus round trip. Here one `arc4random_buf` call (a single `getrandom` on Linux) fills a 4 KiB pool that
/// serves some 60 round trips. The bits are the kernel's, unchanged; they are only handed out later.
/// Ids are unique and unpredictable to other parties, not secrets: a secret (a token, a key) must not be
/// drawn from here. See decision 0010.
struct IdRandomNumberGenerator: RandomNumberGenerator {
    init() {}

    mutating func next() -> UInt64 {
        Self.pool.withLock { $0.next() }
    }

    /// A 64-bit value that is never zero (W3C trace context forbids all-zero ids).
    mutating func nextNonZero() -> UInt64 {
        var value: UInt64 = 0
        repeat { value = next() } while value == 0
        return value
    }

    private struct Pool: ~Copyable {
        static let words = 512
        var buffer = [UInt64](repeating: 0, count: Pool.words)
        /// The next unused word; `words` when the pool is used up.
        var position = Pool.words

        mutating func next() -> UInt64 {
            if position == Self.words {
                buffer.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
                position = 0
            }
            defer {
                // A word is handed out once: it is cleared as it leaves the pool.
                buffer[position] = 0
                position += 1
            }
            return buffer[position]
        }
    }

    private static let pool = Mutex(Pool())
}
