import SeedContracts
import Synchronization

/// One WebSocket client's outgoing side: a bounded buffer of frames between whoever produces them (the
/// hub, for live events; the endpoint, for replies and the replay) and the task that writes them.
///
/// A client that reads too slowly fills the buffer: the next frame does not fit, the connection is
/// marked overflowed and ``overflowed`` fires once, which closes it with
/// ``RealTimeProtocol/CloseCode/slowConsumer``. Memory per connection is so bounded by
/// `capacity` frames, whatever the client does.
///
/// During a resume, live frames wait (in the same bound) until the replay is out, and every frame whose
/// id is not after the last id sent is dropped, so nothing arrives twice.
final class RealTimeConnection: Sendable {
    /// What the writer task does next.
    enum Outgoing: Sendable {
        case frame([UInt8])
        case close(RealTimeProtocol.CloseCode, String)
    }

    let userId: String
    let tenant: String?
    /// The identity session of the access token the connection was opened with.
    let sessionId: String
    /// Distinguishes connections of one user.
    let number: Int
    let outgoing: AsyncStream<Outgoing>
    private let continuation: AsyncStream<Outgoing>.Continuation
    private let capacity: Int
    private let overflowed: @Sendable () -> Void

    private struct State {
        var replaying = false
        /// Live frames held back during a replay.
        var held: [(id: String?, frame: [UInt8])] = []
        var lastSent: StreamPosition?
        var closed = false
        var overflowReported = false
    }

    private let state = Mutex(State())

    init(userId: String, tenant: String?, sessionId: String = "", number: Int, capacity: Int, overflowed: @escaping @Sendable () -> Void) {
        self.userId = userId
        self.tenant = tenant
        self.sessionId = sessionId
        self.number = number
        self.capacity = max(1, capacity)
        self.overflowed = overflowed
        (outgoing, continuation) = AsyncStream.makeStream(of: Outgoing.self, bufferingPolicy: .bufferingOldest(self.capacity))
    }

    /// Holds live frames back until ``endReplay()`` (call before registering with the hub).
    func beginReplay() {
        state.withLock { $0.replaying = true }
    }

    /// A live frame (from the hub); `id` is its resume position, if it has one.
    func deliver(id: String?, frame: [UInt8]) {
        enum Action { case nothing, send, overflow }
        let action: Action = state.withLock { state in
            guard !state.closed else { return .nothing }
            if state.replaying {
                guard state.held.count < capacity else { return .overflow }
                state.held.append((id, frame))
                return .nothing
            }
            return Self.advance(&state, to: id) ? .send : .nothing
        }
        switch action {
        case .send: push(FrameBytes.withID(id, frame))
        case .overflow: fail()
        case .nothing: break
        }
    }

    /// A replayed frame (from the resume stream), in order.
    func replay(id: String, frame: [UInt8]) {
        let send = state.withLock { Self.advance(&$0, to: id) }
        if send { push(FrameBytes.withID(id, frame)) }
    }

    /// Sends the live frames held during the replay (those not already replayed) and goes live.
    func endReplay() {
        let held: [(id: String?, frame: [UInt8])] = state.withLock { state in
            state.replaying = false
            var out: [(String?, [UInt8])] = []
            for item in state.held where Self.advance(&state, to: item.id) { out.append(item) }
            state.held = []
            return out
        }
        for (id, frame) in held { push(FrameBytes.withID(id, frame)) }
    }

    /// A frame without a resume position (ready, pong, typing, presence, error).
    func send(_ frame: [UInt8]) {
        push(frame)
    }

    /// Asks the writer to close with `code` after the frames already buffered.
    func close(_ code: RealTimeProtocol.CloseCode, reason: String) {
        guard state.withLock({ state in
            defer { state.closed = true }
            return !state.closed
        }) else { return }
        if case .dropped = continuation.yield(.close(code, reason)) { overflowed() }
        continuation.finish()
    }

    /// Ends the outgoing stream (the connection is gone).
    func finish() {
        state.withLock { $0.closed = true }
        continuation.finish()
    }

    private func push(_ frame: [UInt8]) {
        guard !state.withLock({ $0.closed }) else { return }
        switch continuation.yield(.frame(frame)) {
        case .enqueued: break
        case .dropped: fail()
        case .terminated: break
        @unknown default: break
        }
    }

    private func fail() {
        let first = state.withLock { state in
            defer {
                state.closed = true
                state.overflowReported = true
            }
            return !state.overflowReported
        }
        continuation.finish()
        if first { overflowed() }
    }

    /// Whether a frame with `id` is new for this connection (and records it as sent).
    private static func advance(_ state: inout State, to id: String?) -> Bool {
        guard let id, let position = StreamPosition(id) else { return true }
        if let last = state.lastSent, position <= last { return false }
        state.lastSent = position
        return true
    }
}
