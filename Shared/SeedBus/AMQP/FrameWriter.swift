import CRabbitMQ
import Glibc

/// The frames the bus writes itself — publishes and acknowledgements — gathered in one buffer and
/// sent with as few `send` calls as the socket allows (decision 0012).
///
/// librabbitmq sends each frame of a publish with its own `send` (method, header, body: three system
/// calls, each of which, over loopback, also runs the receiving side's TCP processing). Here the frames
/// are encoded with librabbitmq's own encoders (`amqp_encode_method`, `amqp_encode_properties`) into the
/// buffer, and ``flush(to:)`` writes the buffer in one go: a round of the connection thread that
/// publishes ten replies and one acknowledgement makes one `send`.
///
/// The buffer holds only whole frames, and ``AMQPLink`` flushes it before anything else writes to the
/// socket (librabbitmq's synchronous methods, heartbeats while reading), so frames never interleave.
struct FrameWriter: ~Copyable {
    private var output: [UInt8] = []

    init() {
        output.reserveCapacity(16_384)
    }

    var isEmpty: Bool { output.isEmpty }

    /// How many bytes are gathered: a mark to ``rollBack(to:)`` to.
    var count: Int { output.count }

    /// Drops what was appended since `mark`, so a publish whose frames did not all encode leaves none.
    mutating func rollBack(to mark: Int) {
        output.removeSubrange(mark...)
    }

    /// Appends a method frame: `methodId` with `arguments` (an `amqp_*_t` of that method) encoded.
    mutating func appendMethod<Arguments>(
        _ methodId: amqp_method_number_t, _ arguments: inout Arguments, channel: UInt16
    ) throws(BusError) {
        try appendFrame(type: UInt8(AMQP_FRAME_METHOD), channel: channel, capacity: 4 + 1024) { payload in
            payload.storeBytes(of: methodId.bigEndian, toByteOffset: 0, as: UInt32.self)
            let encoded = withUnsafeMutablePointer(to: &arguments) { pointer in
                amqp_encode_method(methodId, pointer, amqp_bytes_t(len: payload.count - 4, bytes: payload.baseAddress! + 4))
            }
            return encoded < 0 ? encoded : encoded + 4
        }
    }

    /// Appends a content header frame of class `basic` for a body of `bodySize` bytes.
    mutating func appendHeader(
        _ properties: inout amqp_basic_properties_t, bodySize: Int, channel: UInt16, frameMax: Int
    ) throws(BusError) {
        func encode(into payload: UnsafeMutableRawBufferPointer) -> Int32 {
            payload.storeBytes(of: UInt16(AMQP_BASIC_CLASS).bigEndian, toByteOffset: 0, as: UInt16.self)
            payload.storeBytes(of: UInt16(0), toByteOffset: 2, as: UInt16.self)  // weight
            payload.storeBytes(of: UInt64(bodySize).bigEndian, toByteOffset: 4, as: UInt64.self)
            let encoded = withUnsafeMutablePointer(to: &properties) { pointer in
                amqp_encode_properties(UInt16(AMQP_BASIC_CLASS), pointer, amqp_bytes_t(len: payload.count - 12, bytes: payload.baseAddress! + 12))
            }
            return encoded < 0 ? encoded : encoded + 12
        }
        // Properties are small unless headers are large: try a small frame first, then the largest.
        do throws(BusError) {
            try appendFrame(type: UInt8(AMQP_FRAME_HEADER), channel: channel, capacity: 2048, encode)
        } catch {
            try appendFrame(type: UInt8(AMQP_FRAME_HEADER), channel: channel, capacity: frameMax - 8, encode)
        }
    }

    /// Appends the body frames of `body`, each at most `frameMax` bytes long.
    mutating func appendBody(_ body: UnsafeRawBufferPointer, channel: UInt16, frameMax: Int) {
        let chunk = frameMax - 8
        var start = 0
        while start < body.count {
            let end = min(body.count, start + chunk)
            appendFrameHeader(type: UInt8(AMQP_FRAME_BODY), channel: channel, size: end - start)
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: body[start..<end]))
            output.append(UInt8(AMQP_FRAME_END))
            start = end
        }
    }

    /// Writes every gathered frame to `socket`, waiting (up to `timeout` in all) while the socket is
    /// full, and empties the buffer, also when writing fails (the link is then unusable anyway).
    mutating func flush(to socket: Int32, timeout: Duration) throws(BusError) {
        guard !output.isEmpty else { return }
        defer { output.removeAll(keepingCapacity: true) }
        let deadline = ContinuousClock.now + timeout
        var failure: BusError?
        output.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let result = send(socket, bytes.baseAddress! + written, bytes.count - written, Int32(MSG_NOSIGNAL))
                if result >= 0 {
                    written += result
                    continue
                }
                switch errno {
                case EINTR:
                    continue
                case EAGAIN, EWOULDBLOCK:
                    let left = deadline - .now
                    var descriptor = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
                    guard left > .zero, poll(&descriptor, 1, Int32(clamping: max(1, left.milliseconds))) > 0 else {
                        failure = .unavailable("the broker did not take a write within \(timeout)")
                        return
                    }
                default:
                    failure = .unavailable("writing to the broker failed: \(String(cString: strerror(errno)))")
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    // MARK: Frames

    /// Appends a frame whose payload `encode` writes into at most `capacity` bytes and whose length
    /// it returns (negative: a librabbitmq status, the frame is dropped).
    private mutating func appendFrame(
        type: UInt8, channel: UInt16, capacity: Int, _ encode: (UnsafeMutableRawBufferPointer) -> Int32
    ) throws(BusError) {
        let start = output.count
        appendFrameHeader(type: type, channel: channel, size: 0)
        output.append(contentsOf: repeatElement(0, count: capacity))
        let length = output.withUnsafeMutableBytes { bytes in
            encode(UnsafeMutableRawBufferPointer(rebasing: bytes[(start + 7)..<(start + 7 + capacity)]))
        }
        guard length >= 0 else {
            output.removeSubrange(start...)
            throw .malformed("a frame does not encode: \(String(cString: amqp_error_string2(length)))")
        }
        output.removeSubrange((start + 7 + Int(length))...)
        output.append(UInt8(AMQP_FRAME_END))
        output.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: UInt32(length).bigEndian, toByteOffset: start + 3, as: UInt32.self)
        }
    }

    private mutating func appendFrameHeader(type: UInt8, channel: UInt16, size: Int) {
        output.append(type)
        output.append(UInt8(truncatingIfNeeded: channel >> 8))
        output.append(UInt8(truncatingIfNeeded: channel))
        let size = UInt32(size)
        output.append(UInt8(truncatingIfNeeded: size >> 24))
        output.append(UInt8(truncatingIfNeeded: size >> 16))
        output.append(UInt8(truncatingIfNeeded: size >> 8))
        output.append(UInt8(truncatingIfNeeded: size))
    }
}
