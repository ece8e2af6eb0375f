import NIOCore
import NIOHTTP1
import NIOPosix

/// One open-loop run: a pool of keep-alive HTTP/1.1 connections, all on one event loop, and the
/// schedule that starts request `i` when it is due — on an idle connection, or, when every one is
/// busy, as soon as one frees up (its latency still counts from when it was due).
///
/// Every mutable property is read and written on `loop` only, which is what makes the unchecked
/// `Sendable` safe: the connect callbacks, the handlers and the schedule's timers all run there.
final class LoadRun: @unchecked Sendable {
    let loop: any EventLoop
    let schedule: Schedule
    let spec: RequestSpec
    let values: ValueTable
    let runId: String
    let host: String
    let port: Int
    let hostHeader: String
    let isExpected: @Sendable (UInt) -> Bool
    /// How long after the schedule's end outstanding requests may still answer, in nanoseconds.
    let drainTimeout: Int64

    private var handlers: [ResponseHandler?]
    /// The request each connection is waiting on, or -1.
    private var inFlight: [Int]
    private var idle: [Int] = []
    /// Requests that were due while every connection was busy, first due first.
    private var pending: [Int] = []
    private var pendingHead = 0
    private(set) var maxQueued = 0
    private var next = 0
    private var start = NIODeadline.now()
    private var completedCount = 0
    private var ended = false
    private(set) var reconnects = 0

    // Figures of the measured requests.
    private(set) var latencies: [Int64] = []
    private(set) var errors: [String: Int] = [:]
    private(set) var lastCompletion: Int64 = 0
    private let done: EventLoopPromise<Void>

    init(loop: any EventLoop, schedule: Schedule, spec: RequestSpec, values: ValueTable, runId: String, host: String, port: Int,
         connections: Int, drainTimeout: Int64, isExpected: @escaping @Sendable (UInt) -> Bool) {
        self.loop = loop
        self.schedule = schedule
        self.spec = spec
        self.values = values
        self.runId = runId
        self.host = host
        self.port = port
        hostHeader = port == 80 ? host : "\(host):\(port)"
        self.drainTimeout = drainTimeout
        self.isExpected = isExpected
        handlers = Array(repeating: nil, count: connections)
        inFlight = Array(repeating: -1, count: connections)
        done = loop.makePromise()
        latencies.reserveCapacity(schedule.measuredCount)
    }

    /// Opens every connection of the pool; fails if any cannot be opened.
    func connectAll() async throws {
        let futures = (0..<handlers.count).map { connect(slot: $0) }
        try await EventLoopFuture.andAllSucceed(futures, on: loop).get()
    }

    private func connect(slot: Int) -> EventLoopFuture<Void> {
        ClientBootstrap(group: loop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    let handler = ResponseHandler(run: self, slot: slot)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    self.handlers[slot] = handler
                }
            }
            .connect(host: host, port: port)
            .map { _ in }
    }

    /// Starts the schedule and returns when every request has answered, failed or timed out.
    func run() async throws {
        loop.execute {
            self.start = .now()
            self.idle = Array((0..<self.handlers.count).reversed())
            self.tick()
        }
        try await done.futureResult.get()
    }

    /// Starts every request that is due, then sleeps until the next one is.
    private func tick() {
        guard !ended else { return }
        let elapsed = (NIODeadline.now() - start).nanoseconds
        while next < schedule.totalCount, schedule.offset(of: next) <= elapsed {
            dispatch(next)
            next += 1
        }
        if next < schedule.totalCount {
            loop.scheduleTask(deadline: start + .nanoseconds(schedule.offset(of: next))) { self.tick() }
        } else {
            loop.scheduleTask(deadline: start + .nanoseconds(schedule.end + drainTimeout)) { self.timeOut() }
        }
    }

    private func dispatch(_ index: Int) {
        if let slot = idle.popLast() {
            send(index, on: slot)
        } else {
            pending.append(index)
            maxQueued = max(maxQueued, pending.count - pendingHead)
        }
    }

    private func send(_ index: Int, on slot: Int) {
        guard let handler = handlers[slot] else {
            pending.insert(index, at: pendingHead)
            return
        }
        inFlight[slot] = index
        let request = spec.render(index, values: values, run: runId)
        var headers = HTTPHeaders()
        headers.add(name: "host", value: hostHeader)
        for (name, value) in request.headers { headers.add(name: name, value: value) }
        if let body = request.body {
            headers.add(name: "content-length", value: String(body.count))
        } else if spec.method != "GET" && spec.method != "HEAD" {
            headers.add(name: "content-length", value: "0")
        }
        let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: spec.method), uri: request.path, headers: headers)
        handler.send(head, body: request.body)
    }

    /// A connection's response ended.
    fileprivate func completed(slot: Int, status: UInt) {
        let index = inFlight[slot]
        guard index >= 0, !ended else { return }
        inFlight[slot] = -1
        record(index, error: isExpected(status) ? nil : "status_\(status)")
        guard !ended else { return }
        takeNext(on: slot)
    }

    /// A connection closed (the server's choice or an error): its request failed; open another.
    fileprivate func closed(slot: Int) {
        handlers[slot] = nil
        idle.removeAll { $0 == slot }
        let index = inFlight[slot]
        inFlight[slot] = -1
        guard !ended else { return }
        if index >= 0 { record(index, error: "connection_closed") }
        guard !ended else { return }
        reconnects += 1
        connect(slot: slot).whenComplete { result in
            switch result {
            case .success: self.takeNext(on: slot)
            case .failure: self.loop.scheduleTask(in: .milliseconds(100)) { self.closed(slot: slot) }
            }
        }
    }

    private func takeNext(on slot: Int) {
        if pendingHead < pending.count {
            let index = pending[pendingHead]
            pendingHead += 1
            if pendingHead > 4096, pendingHead * 2 > pending.count {
                pending.removeFirst(pendingHead)
                pendingHead = 0
            }
            send(index, on: slot)
        } else {
            idle.append(slot)
        }
    }

    private func record(_ index: Int, error: String?) {
        completedCount += 1
        if schedule.isMeasured(index) {
            let now = (NIODeadline.now() - start).nanoseconds
            if let error {
                errors[error, default: 0] += 1
            } else {
                latencies.append(now - schedule.offset(of: index))
            }
            lastCompletion = max(lastCompletion, now)
        }
        if completedCount == schedule.totalCount { finish() }
    }

    /// The drain time is over: whatever has not answered counts as timed out.
    private func timeOut() {
        guard !ended else { return }
        for slot in inFlight.indices where inFlight[slot] >= 0 {
            let index = inFlight[slot]
            inFlight[slot] = -1
            if schedule.isMeasured(index) { errors["timeout", default: 0] += 1 }
        }
        for index in pending[pendingHead...] where schedule.isMeasured(index) { errors["timeout", default: 0] += 1 }
        // Requests never started (the loop fell behind by more than the drain time) count too.
        for index in next..<schedule.totalCount where schedule.isMeasured(index) { errors["timeout", default: 0] += 1 }
        lastCompletion = schedule.end + drainTimeout
        finish()
    }

    private func finish() {
        guard !ended else { return }
        ended = true
        for handler in handlers { handler?.close() }
        done.succeed()
    }

    /// The measured window in nanoseconds: from when the first measured request was due until the
    /// schedule's end or the last measured answer, whichever is later.
    var measuredWindow: Int64 {
        max(schedule.end, lastCompletion) - schedule.measuredStart
    }
}

/// One connection's end of the pipeline: writes a request, reads its response's status and end.
final class ResponseHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    private let run: LoadRun
    private let slot: Int
    private var context: ChannelHandlerContext?
    private var status: UInt = 0

    init(run: LoadRun, slot: Int) {
        self.run = run
        self.slot = slot
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func send(_ head: HTTPRequestHead, body: [UInt8]?) {
        guard let context else { return }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func close() {
        context?.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = head.status.code
        case .body: break
        case .end: run.completed(slot: slot, status: status)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        run.closed(slot: slot)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
