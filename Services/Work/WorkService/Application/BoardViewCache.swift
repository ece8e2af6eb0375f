import SeedContracts
import Synchronization

/// The encoded board views (`work.get-board.v1` replies) of the boards read lately, each under the
/// board's revision: every change to a board or to a task on it raises the revision in the same
/// transaction (``WorkService/save(_:_:)``), so a view cached for a revision is that revision's view,
/// and a read costs the board document and the cached bytes. Entries of older revisions are simply
/// not asked for again; the cache keeps at most ``capacity`` views and drops the oldest beyond that.
/// Decision 0041.
final class BoardViewCache: Sendable {
    struct Key: Hashable, Sendable {
        var boardId: String
        var revision: Int
        var includeArchived: Bool
        var role: BoardRole
    }

    private struct State {
        var views: [Key: [UInt8]] = [:]
        var order: [Key] = []
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    func view(_ key: Key) -> [UInt8]? {
        state.withLock { $0.views[key] }
    }

    func store(_ bytes: [UInt8], for key: Key) {
        state.withLock { state in
            if state.views.updateValue(bytes, forKey: key) == nil { state.order.append(key) }
            while state.order.count > capacity {
                state.views[state.order.removeFirst()] = nil
            }
        }
    }
}
