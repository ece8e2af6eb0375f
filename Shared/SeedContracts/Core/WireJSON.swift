import Foundation

/// A JSON encoder and decoder for message bodies that produce exactly what `WireCoding`'s Foundation
/// `JSONEncoder`/`JSONDecoder` produce (sorted keys, slashes unescaped, wire dates), several times faster.
///
/// They cover what messages are made of: strings, booleans, integers, dates, optionals, arrays,
/// string-keyed dictionaries and nested types. Anything else (floating point, `Decimal`, `Data`, `URL`,
/// super encoders, a body that is not plain JSON they are sure to read as Foundation does) makes them
/// give up, and `WireCoding` then uses Foundation for that message, so the result — value, bytes or
/// error — is always Foundation's. See decision 0009.
enum WireJSON {
    /// The fast coder does not handle this value; use Foundation.
    struct Unsupported: Error {}

    // MARK: Encoding

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let sink = Sink()
        try sink.write(value, parent: nil, key: nil)
        guard !sink.failed else { throw Unsupported() }
        return sink.bytes
    }

    /// The bytes being written, in one pass, with the objects and arrays still open in them.
    ///
    /// A member is written where its value is encoded, in the order `encode(to:)` gives; when an object is
    /// complete, its members are put in key order if they are not in it already. An object or array is
    /// complete when the `encode(to:)` that opened it returns, or when a container of an enclosing value
    /// writes again. Writing into a complete container (legal in `Codable`, never done by synthesized
    /// conformances) is left to Foundation.
    ///
    /// Its stored properties opt out of dynamic exclusivity checks (`@exclusivity(unchecked)`), which were
    /// about a tenth of the coder's CPU time: a sink is created by one `encode` call, used by that call's
    /// synchronous `encode(to:)` chain on one thread, and dropped when it returns; and no method of it
    /// calls out (to a container, an encoder or a value's `encode(to:)`) while it is modifying a property,
    /// so no access to a property can overlap another.
    final class Sink {
        @exclusivity(unchecked) var bytes: [UInt8] = []
        /// Set when something was asked that cannot throw but is left to Foundation (a super encoder, a
        /// second container of another kind, a write into a complete container); checked at the end.
        @exclusivity(unchecked) var failed = false

        /// An open object or array.
        struct Frame {
            /// Tells containers apart: a container writes only while its frame is open.
            let serial: Int
            let isObject: Bool
            /// Where its first member or element starts (just after `{` or `[`).
            let start: Int
            /// Where its members begin in ``memberKeys`` and ``memberStarts``.
            let memberBase: Int
            var count = 0
        }

        @exclusivity(unchecked) private var frames: [Frame] = []
        @exclusivity(unchecked) private var nextSerial = 0
        /// Keys and start offsets (of the key's opening quote) of the members of the open objects.
        @exclusivity(unchecked) private var memberKeys: [String] = []
        @exclusivity(unchecked) private var memberStarts: [Int] = []

        init() {
            bytes.reserveCapacity(512)
            frames.reserveCapacity(8)
            memberKeys.reserveCapacity(16)
            memberStarts.reserveCapacity(16)
        }

        /// How many objects and arrays are open.
        var depth: Int { frames.count }

        /// Writes `value` at the current position: strings, numbers, booleans, dates and envelopes
        /// directly, anything else through its `encode(to:)` with a child encoder.
        func write<T: Encodable>(_ value: T, parent: Encoder?, key: (any CodingKey)?) throws {
            // Metatype comparisons, not casts: this runs unspecialized for every value.
            if T.self == String.self { return writeString(unsafeBitCast(value, to: String.self)) }
            if T.self == Int.self { return writeInteger(Int64(unsafeBitCast(value, to: Int.self))) }
            if T.self == Bool.self { return writeBool(unsafeBitCast(value, to: Bool.self)) }
            if T.self == Date.self { return writeString(WireDate.format(unsafeBitCast(value, to: Date.self))) }
            if T.self == MessageEnvelope.self { return writeEnvelope(unsafeBitCast(value, to: MessageEnvelope.self)) }
            if T.self == Int64.self { return writeInteger(unsafeBitCast(value, to: Int64.self)) }
            if T.self == Int32.self { return writeInteger(Int64(unsafeBitCast(value, to: Int32.self))) }
            if T.self == Int16.self { return writeInteger(Int64(unsafeBitCast(value, to: Int16.self))) }
            if T.self == Int8.self { return writeInteger(Int64(unsafeBitCast(value, to: Int8.self))) }
            if T.self == UInt.self { return writeUnsigned(UInt64(unsafeBitCast(value, to: UInt.self))) }
            if T.self == UInt64.self { return writeUnsigned(unsafeBitCast(value, to: UInt64.self)) }
            if T.self == UInt32.self { return writeUnsigned(UInt64(unsafeBitCast(value, to: UInt32.self))) }
            if T.self == UInt16.self { return writeUnsigned(UInt64(unsafeBitCast(value, to: UInt16.self))) }
            if T.self == UInt8.self { return writeUnsigned(UInt64(unsafeBitCast(value, to: UInt8.self))) }
            if T.self == Decimal.self {
                // Foundation writes a Decimal as its description (the nutrition amounts, decision 0021).
                let decimal = unsafeBitCast(value, to: Decimal.self)
                guard decimal.isFinite else { throw Unsupported() }
                bytes.append(contentsOf: decimal.description.utf8)
                return
            }
            if T.self == Double.self || T.self == Float.self || T.self == Data.self || T.self == URL.self {
                throw Unsupported()
            }
            let encoder = Encoder(sink: self, parent: parent, key: key)
            try value.encode(to: encoder)
            // A value that asked for no container is left to Foundation.
            guard encoder.slot != .empty else { throw Unsupported() }
            close(downTo: encoder.depth)
        }

        // MARK: Containers

        /// Opens an object or array here and returns its serial.
        func open(isObject: Bool) -> Int {
            bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
            nextSerial += 1
            frames.append(Frame(serial: nextSerial, isObject: isObject, start: bytes.count, memberBase: memberKeys.count))
            return nextSerial
        }

        /// Starts member `key` of object `serial`: `,"key":`. Throws when the object is complete.
        func beginMember(of serial: Int, key: String) throws {
            try resume(serial)
            if frames[frames.count - 1].count > 0 { bytes.append(UInt8(ascii: ",")) }
            frames[frames.count - 1].count += 1
            memberKeys.append(key)
            memberStarts.append(bytes.count)
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
        }

        /// Starts the next element of array `serial` and returns its index.
        func beginElement(of serial: Int) throws -> Int {
            try resume(serial)
            let index = frames[frames.count - 1].count
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            frames[frames.count - 1].count += 1
            return index
        }

        /// How many members or elements container `serial` has so far.
        func count(of serial: Int) -> Int {
            frames.last(where: { $0.serial == serial })?.count ?? 0
        }

        /// Makes `serial` the innermost open container again, completing those inside it.
        private func resume(_ serial: Int) throws {
            if frames.last?.serial == serial { return }
            guard let index = frames.lastIndex(where: { $0.serial == serial }) else {
                failed = true
                throw Unsupported()
            }
            close(downTo: index + 1)
        }

        /// Completes the innermost containers until `depth` remain open.
        func close(downTo depth: Int) {
            while frames.count > depth {
                let frame = frames.removeLast()
                guard frame.isObject else {
                    bytes.append(UInt8(ascii: "]"))
                    continue
                }
                sortMembers(of: frame)
                memberKeys.removeSubrange(frame.memberBase...)
                memberStarts.removeSubrange(frame.memberBase...)
                bytes.append(UInt8(ascii: "}"))
            }
        }

        /// Puts the members of a complete object in key order (by UTF-8 bytes, as Foundation's
        /// `.sortedKeys`); a repeated key is left to Foundation, which keeps one value per key.
        private func sortMembers(of frame: Frame) {
            let base = frame.memberBase
            let count = memberKeys.count - base
            guard count > 1 else { return }
            var ordered = true
            for index in (base + 1)..<(base + count) where !memberKeys[index - 1].utf8.lexicographicallyPrecedes(memberKeys[index].utf8) {
                ordered = false
                break
            }
            // Keys equal as Swift strings (canonically equivalent) but not byte for byte are not
            // neighbours in byte order, so duplicates are looked for separately.
            if count <= 8 {
                for first in base..<(base + count - 1) {
                    for second in (first + 1)..<(base + count) where memberKeys[first] == memberKeys[second] {
                        failed = true
                        return
                    }
                }
            } else if Set(memberKeys[base...]).count != count {
                failed = true
                return
            }
            guard !ordered else { return }
            var order = Array(0..<count)
            // Insertion sort: objects are small, and it needs no closure.
            for position in 1..<count {
                let moving = order[position]
                var hole = position
                while hole > 0, memberKeys[base + moving].utf8.lexicographicallyPrecedes(memberKeys[base + order[hole - 1]].utf8) {
                    order[hole] = order[hole - 1]
                    hole -= 1
                }
                order[hole] = moving
            }
            let end = bytes.count
            let written = Array(bytes[frame.start..<end])
            bytes.removeSubrange(frame.start...)
            for (position, member) in order.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                // A member runs from its key to the comma before the next member (or to the end).
                let from = memberStarts[base + member] - frame.start
                let to = member + 1 < count ? memberStarts[base + member + 1] - frame.start - 1 : end - frame.start
                bytes.append(contentsOf: written[from..<to])
            }
        }

        // MARK: Values

        func writeBool(_ value: Bool) {
            if value {
                bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
            } else {
                bytes.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e")])
            }
        }

        func writeNull() {
            bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
        }

        func writeInteger(_ value: Int64) {
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            writeUnsigned(value.magnitude)
        }

        /// Decimal digits, as `String(value)` writes them.
        func writeUnsigned(_ value: UInt64) {
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: UInt64.max has 20 digits
            withUnsafeMutableBytes(of: &digits) { buffer in
                var remaining = value
                var position = buffer.count
                repeat {
                    position -= 1
                    buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
                    remaining /= 10
                } while remaining > 0
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
            }
        }

        /// Every message has an envelope: its members are written directly, in key order, as its
        /// synthesized `encode(to:)` would (`encodeIfPresent` for the optional ones).
        func writeEnvelope(_ envelope: MessageEnvelope) {
            bytes.append(UInt8(ascii: "{"))
            var first = true
            func member(_ key: StaticString, _ value: String?) {
                guard let value else { return }
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                bytes.append(UInt8(ascii: "\""))
                bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
                bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
                writeString(value)
            }
            member("actor", envelope.actor)
            member("causationId", envelope.causationId)
            member("correlationId", envelope.correlationId)
            member("messageId", envelope.messageId)
            member("occurredAt", WireDate.format(envelope.occurredAt))
            member("tenant", envelope.tenant)
            member("traceparent", envelope.traceparent)
            member("type", envelope.type.wireName)
            bytes.append(UInt8(ascii: "}"))
        }

        private static let hex = Array("0123456789abcdef".utf8)

        /// A string as Foundation's `JSONWriter` writes it: `"` `\` and control characters escaped
        /// (`\b \f \n \r \t`, others `\u00xx`), the rest, `/` included, as is.
        func writeString(_ string: String) {
            var string = string
            bytes.append(UInt8(ascii: "\""))
            string.withUTF8 { utf8 in
                var mark = 0
                for index in 0..<utf8.count {
                    let byte = utf8[index]
                    guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                    if index > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index])) }
                    mark = index + 1
                    switch byte {
                    case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                    case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                    case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                    case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                    case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                    case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                    case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                    default:
                        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                        bytes.append(Self.hex[Int(byte >> 4)])
                        bytes.append(Self.hex[Int(byte & 0xF)])
                    }
                }
                if utf8.count > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...])) }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// The encoder of one value; its container writes into the shared ``Sink``.
    final class Encoder: Swift.Encoder {
        let sink: Sink
        let parent: Encoder?
        let key: (any CodingKey)?
        /// How many containers were open when this value began: its own container opens just inside them.
        let depth: Int
        /// The container this value asked for, if it did.
        var slot = Slot.empty

        enum Slot: Equatable {
            case empty
            case keyed(serial: Int)
            case unkeyed(serial: Int)
            case single
        }

        init(sink: Sink, parent: Encoder?, key: (any CodingKey)?) {
            self.sink = sink
            self.parent = parent
            self.key = key
            self.depth = sink.depth
        }

        var codingPath: [any CodingKey] {
            var path: [any CodingKey] = []
            var current: Encoder? = self
            while let encoder = current, let key = encoder.key {
                path.append(key)
                current = encoder.parent
            }
            return path.reversed()
        }

        var userInfo: [CodingUserInfoKey: Any] { [:] }

        /// Whether this value may start writing now: it has not written yet, and nothing was opened
        /// since it began.
        private var canBegin: Bool { slot == .empty && sink.depth == depth }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .keyed(let serial) = slot {
                return KeyedEncodingContainer(KeyedContainer(encoder: self, serial: serial))
            }
            guard canBegin else {
                sink.failed = true
                return KeyedEncodingContainer(KeyedContainer(encoder: self, serial: 0))
            }
            let serial = sink.open(isObject: true)
            slot = .keyed(serial: serial)
            return KeyedEncodingContainer(KeyedContainer(encoder: self, serial: serial))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .unkeyed(let serial) = slot { return UnkeyedContainer(encoder: self, serial: serial) }
            guard canBegin else {
                sink.failed = true
                return UnkeyedContainer(encoder: self, serial: 0)
            }
            let serial = sink.open(isObject: false)
            slot = .unkeyed(serial: serial)
            return UnkeyedContainer(encoder: self, serial: serial)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            SingleValueContainer(encoder: self)
        }

        /// Claims this value for a single value (once).
        func beginSingle() throws {
            guard canBegin else { throw Unsupported() }
            slot = .single
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: Encoder
        /// The object's frame in the sink (0: none, every write fails).
        let serial: Int
        var codingPath: [any CodingKey] { encoder.codingPath }
        private var sink: Sink { encoder.sink }

        mutating func encodeNil(forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeNull() }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeBool(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeString(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Float, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeInteger(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try sink.beginMember(of: serial, key: key.stringValue); sink.writeUnsigned(value) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try sink.beginMember(of: serial, key: key.stringValue)
            try sink.write(value, parent: encoder, key: key)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = Encoder(sink: sink, parent: encoder, key: key)
            do { try sink.beginMember(of: serial, key: key.stringValue) } catch {
                return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: nested, serial: 0))
            }
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: nested, serial: sink.open(isObject: true)))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = Encoder(sink: sink, parent: encoder, key: key)
            do { try sink.beginMember(of: serial, key: key.stringValue) } catch {
                return UnkeyedContainer(encoder: nested, serial: 0)
            }
            return UnkeyedContainer(encoder: nested, serial: sink.open(isObject: false))
        }

        mutating func superEncoder() -> any Swift.Encoder {
            sink.failed = true
            return Encoder(sink: sink, parent: encoder, key: nil)
        }

        mutating func superEncoder(forKey key: Key) -> any Swift.Encoder {
            sink.failed = true
            return Encoder(sink: sink, parent: encoder, key: key)
        }
    }

    struct IndexKey: CodingKey {
        var stringValue: String { "Index \(index)" }
        var intValue: Int? { index }
        let index: Int
        init(_ index: Int) { self.index = index }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { index = intValue }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: Encoder
        /// The array's frame in the sink (0: none, every write fails).
        let serial: Int
        var codingPath: [any CodingKey] { encoder.codingPath }
        var count: Int { encoder.sink.count(of: serial) }
        private var sink: Sink { encoder.sink }

        mutating func encodeNil() throws { _ = try sink.beginElement(of: serial); sink.writeNull() }
        mutating func encode(_ value: Bool) throws { _ = try sink.beginElement(of: serial); sink.writeBool(value) }
        mutating func encode(_ value: String) throws { _ = try sink.beginElement(of: serial); sink.writeString(value) }
        mutating func encode(_ value: Double) throws { throw Unsupported() }
        mutating func encode(_ value: Float) throws { throw Unsupported() }
        mutating func encode(_ value: Int) throws { _ = try sink.beginElement(of: serial); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int8) throws { _ = try sink.beginElement(of: serial); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int16) throws { _ = try sink.beginElement(of: serial); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int32) throws { _ = try sink.beginElement(of: serial); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int64) throws { _ = try sink.beginElement(of: serial); sink.writeInteger(value) }
        mutating func encode(_ value: UInt) throws { _ = try sink.beginElement(of: serial); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt8) throws { _ = try sink.beginElement(of: serial); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt16) throws { _ = try sink.beginElement(of: serial); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt32) throws { _ = try sink.beginElement(of: serial); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt64) throws { _ = try sink.beginElement(of: serial); sink.writeUnsigned(value) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            let index = try sink.beginElement(of: serial)
            try sink.write(value, parent: encoder, key: IndexKey(index))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            guard let index = try? sink.beginElement(of: serial) else {
                return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, serial: 0))
            }
            let nested = Encoder(sink: sink, parent: encoder, key: IndexKey(index))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: nested, serial: sink.open(isObject: true)))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            guard let index = try? sink.beginElement(of: serial) else {
                return UnkeyedContainer(encoder: encoder, serial: 0)
            }
            let nested = Encoder(sink: sink, parent: encoder, key: IndexKey(index))
            return UnkeyedContainer(encoder: nested, serial: sink.open(isObject: false))
        }

        mutating func superEncoder() -> any Swift.Encoder {
            sink.failed = true
            return Encoder(sink: sink, parent: encoder, key: nil)
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: Encoder
        var codingPath: [any CodingKey] { encoder.codingPath }
        private var sink: Sink { encoder.sink }

        mutating func encodeNil() throws { try encoder.beginSingle(); sink.writeNull() }
        mutating func encode(_ value: Bool) throws { try encoder.beginSingle(); sink.writeBool(value) }
        mutating func encode(_ value: String) throws { try encoder.beginSingle(); sink.writeString(value) }
        mutating func encode(_ value: Double) throws { throw Unsupported() }
        mutating func encode(_ value: Float) throws { throw Unsupported() }
        mutating func encode(_ value: Int) throws { try encoder.beginSingle(); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int8) throws { try encoder.beginSingle(); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int16) throws { try encoder.beginSingle(); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int32) throws { try encoder.beginSingle(); sink.writeInteger(Int64(value)) }
        mutating func encode(_ value: Int64) throws { try encoder.beginSingle(); sink.writeInteger(value) }
        mutating func encode(_ value: UInt) throws { try encoder.beginSingle(); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt8) throws { try encoder.beginSingle(); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt16) throws { try encoder.beginSingle(); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt32) throws { try encoder.beginSingle(); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt64) throws { try encoder.beginSingle(); sink.writeUnsigned(value) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            // The same value, encoded as `T`: a child with the same key, so the coding path is unchanged.
            try encoder.beginSingle()
            try sink.write(value, parent: encoder.parent, key: encoder.key)
        }
    }
}

// MARK: - Decoding

extension WireJSON {
    static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeBufferPointer<UInt8>) throws -> T {
        var parser = Parser(bytes: bytes)
        let value = try parser.parseDocument()
        return try Decoder(value: value, parent: nil, key: nil).decodeValue(T.self)
    }

    /// A parsed JSON value. Numbers keep their text; they are read when a type asks for one.
    enum Value {
        case string(String)
        case number(String)
        case bool(Bool)
        case null
        case array([Value])
        case object(keys: [String], values: [Value])

        func bool() throws -> Bool {
            guard case .bool(let bool) = self else { throw Unsupported() }
            return bool
        }

        /// An integer written without fraction or exponent that fits `I` (`-0` is left to Foundation).
        func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
            guard case .number(let text) = self, text != "-0",
                  !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
                  let number = I(text)
            else { throw Unsupported() }
            return number
        }

        var isNull: Bool {
            if case .null = self { return true }
            return false
        }
    }

    /// A strict RFC 8259 parser. Whatever it is unsure Foundation would read the same way (a repeated
    /// key, a lone surrogate, invalid UTF-8, deep nesting) it refuses, and Foundation decides.
    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func parseDocument() throws -> Value {
            let value = try parseValue()
            skipWhitespace()
            guard position == bytes.count else { throw Unsupported() }
            return value
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func expect(_ literal: StaticString) throws {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw Unsupported() }
            for index in 0..<count where bytes[position + index] != literal.utf8Start[index] { throw Unsupported() }
            position += count
        }

        mutating func parseValue() throws -> Value {
            skipWhitespace()
            guard position < bytes.count else { throw Unsupported() }
            switch bytes[position] {
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "{"): return try parseObject()
            case UInt8(ascii: "["): return try parseArray()
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            default: return .number(try parseNumber())
            }
        }

        mutating func parseObject() throws -> Value {
            depth += 1
            guard depth < 256 else { throw Unsupported() }
            defer { depth -= 1 }
            position += 1
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(keys: [], values: [])
            }
            // Room for a message envelope's members, so that the arrays do not grow member by member.
            var keys: [String] = []
            var values: [Value] = []
            keys.reserveCapacity(8)
            values.reserveCapacity(8)
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw Unsupported() }
                let key = try parseString()
                guard !keys.contains(key) else { throw Unsupported() }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw Unsupported() }
                position += 1
                keys.append(key)
                values.append(try parseValue())
                skipWhitespace()
                guard position < bytes.count else { throw Unsupported() }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(keys: keys, values: values)
                } else {
                    throw Unsupported()
                }
            }
        }

        mutating func parseArray() throws -> Value {
            depth += 1
            guard depth < 256 else { throw Unsupported() }
            defer { depth -= 1 }
            position += 1
            var values: [Value] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(values)
            }
            while true {
                values.append(try parseValue())
                skipWhitespace()
                guard position < bytes.count else { throw Unsupported() }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(values)
                } else {
                    throw Unsupported()
                }
            }
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as text.
        mutating func parseNumber() throws -> String {
            let start = position
            func digits() -> Int {
                let first = position
                while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
                return position - first
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count else { throw Unsupported() }
            if bytes[position] == UInt8(ascii: "0") {
                position += 1
            } else {
                guard digits() > 0 else { throw Unsupported() }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { throw Unsupported() }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard digits() > 0 else { throw Unsupported() }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }

        mutating func parseString() throws -> String {
            position += 1  // the opening quote
            let start = position
            // Every byte or'ed together: below 0x80, the string is ASCII.
            var bits: UInt8 = 0
            // The common case: no escape, so the bytes are the string.
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let content = UnsafeBufferPointer(rebasing: bytes[start..<position])
                    position += 1
                    // ASCII is valid UTF-8: `String(decoding:)` then changes nothing, and it is much faster
                    // than `String(validating:)`, which runs unspecialised here.
                    if bits < 0x80 { return String(decoding: content, as: UTF8.self) }
                    guard let string = String(validating: content, as: UTF8.self) else { throw Unsupported() }
                    return string
                }
                if byte == UInt8(ascii: "\\") { break }
                guard byte >= 0x20 else { throw Unsupported() }
                bits |= byte
                position += 1
            }
            var unescaped = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let string = String(validating: unescaped, as: UTF8.self) else { throw Unsupported() }
                    return string
                case UInt8(ascii: "\\"):
                    guard position < bytes.count else { throw Unsupported() }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
                    case UInt8(ascii: "b"): unescaped.append(0x08)
                    case UInt8(ascii: "f"): unescaped.append(0x0C)
                    case UInt8(ascii: "n"): unescaped.append(0x0A)
                    case UInt8(ascii: "r"): unescaped.append(0x0D)
                    case UInt8(ascii: "t"): unescaped.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hexQuad()
                        if (0xD800..<0xDC00).contains(scalar) {
                            try expect("\\u")
                            let low = try hexQuad()
                            guard (0xDC00..<0xE000).contains(low) else { throw Unsupported() }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw Unsupported() }
                        unescaped.append(contentsOf: String(Character(unicode)).utf8)
                    default:
                        throw Unsupported()
                    }
                default:
                    guard byte >= 0x20 else { throw Unsupported() }
                    unescaped.append(byte)
                }
            }
            throw Unsupported()
        }

        mutating func hexQuad() throws -> UInt32 {
            guard position + 4 <= bytes.count else { throw Unsupported() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                position += 1
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw Unsupported()
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
    }

    final class Decoder: Swift.Decoder {
        let value: Value
        let parent: Decoder?
        let key: (any CodingKey)?

        init(value: Value, parent: Decoder?, key: (any CodingKey)?) {
            self.value = value
            self.parent = parent
            self.key = key
        }

        var codingPath: [any CodingKey] {
            var path: [any CodingKey] = []
            var current: Decoder? = self
            while let decoder = current, let key = decoder.key {
                path.append(key)
                current = decoder.parent
            }
            return path.reversed()
        }

        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let keys, let values) = value else { throw Unsupported() }
            return KeyedDecodingContainer(KeyedReader(decoder: self, keys: keys, values: values))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let values) = value else { throw Unsupported() }
            return UnkeyedReader(decoder: self, values: values)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            SingleValueReader(decoder: self)
        }

        /// This decoder's value as `T`. Primitives are recognised by comparing metatypes (a pointer
        /// comparison) and returned with `unsafeBitCast` once `T` is known to be that very type, so no
        /// dynamic cast runs per value.
        func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
            if T.self == String.self {
                guard case .string(let string) = value else { throw Unsupported() }
                return unsafeBitCast(string, to: T.self)
            }
            if T.self == MessageEnvelope.self { return unsafeBitCast(try envelope(), to: T.self) }
            if T.self == Int.self { return unsafeBitCast(try value.integer(Int.self), to: T.self) }
            if T.self == Bool.self { return unsafeBitCast(try value.bool(), to: T.self) }
            if T.self == Date.self {
                guard case .string(let string) = value, let date = WireDate.parse(string) else { throw Unsupported() }
                return unsafeBitCast(date, to: T.self)
            }
            if T.self == Int64.self { return unsafeBitCast(try value.integer(Int64.self), to: T.self) }
            if T.self == Int32.self { return unsafeBitCast(try value.integer(Int32.self), to: T.self) }
            if T.self == Int16.self { return unsafeBitCast(try value.integer(Int16.self), to: T.self) }
            if T.self == Int8.self { return unsafeBitCast(try value.integer(Int8.self), to: T.self) }
            if T.self == UInt.self { return unsafeBitCast(try value.integer(UInt.self), to: T.self) }
            if T.self == UInt64.self { return unsafeBitCast(try value.integer(UInt64.self), to: T.self) }
            if T.self == UInt32.self { return unsafeBitCast(try value.integer(UInt32.self), to: T.self) }
            if T.self == UInt16.self { return unsafeBitCast(try value.integer(UInt16.self), to: T.self) }
            if T.self == UInt8.self { return unsafeBitCast(try value.integer(UInt8.self), to: T.self) }
            if T.self == Decimal.self {
                // Only numbers whose text is the Decimal's own description; anything else Foundation reads.
                guard case .number(let text) = value, let decimal = Decimal(string: text), decimal.description == text else { throw Unsupported() }
                return unsafeBitCast(decimal, to: T.self)
            }
            if T.self == Double.self || T.self == Float.self || T.self == Data.self || T.self == URL.self {
                throw Unsupported()
            }
            return try T(from: self)
        }

        /// An envelope read directly, as its synthesized `init(from:)` would read it.
        func envelope() throws -> MessageEnvelope {
            guard case .object(let keys, let values) = value else { throw Unsupported() }
            var messageId: String?, correlationId: String?, causationId: String?, type: MessageType?
            var tenant: String?, actor: String?, occurredAt: Date?, traceparent: String?
            func optional(_ value: Value) throws -> String? {
                switch value {
                case .string(let string): return string
                case .null: return nil
                default: throw Unsupported()
                }
            }
            func required(_ value: Value) throws -> String {
                guard case .string(let string) = value else { throw Unsupported() }
                return string
            }
            for index in keys.indices {
                let value = values[index]
                switch keys[index] {
                case "messageId": messageId = try required(value)
                case "correlationId": correlationId = try required(value)
                case "causationId": causationId = try optional(value)
                case "type":
                    guard let parsed = MessageType(wireName: try required(value)) else { throw Unsupported() }
                    type = parsed
                case "tenant": tenant = try optional(value)
                case "actor": actor = try optional(value)
                case "occurredAt":
                    guard let date = WireDate.parse(try required(value)) else { throw Unsupported() }
                    occurredAt = date
                case "traceparent": traceparent = try optional(value)
                default: continue
                }
            }
            guard let messageId, let correlationId, let type, let occurredAt else { throw Unsupported() }
            var envelope = MessageEnvelope(
                messageId: messageId, correlationId: correlationId, causationId: causationId, type: type,
                tenant: tenant, actor: actor, occurredAt: occurredAt, traceparent: traceparent)
            // The synthesized initialiser stores the date as read, without rounding it again.
            envelope.occurredAt = occurredAt
            return envelope
        }

        func child(_ value: Value, key: (any CodingKey)?) -> Decoder {
            Decoder(value: value, parent: self, key: key)
        }
    }

    struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: Decoder
        let keys: [String]
        let values: [Value]
        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { keys.contains(key.stringValue) }

        func value(_ key: Key) throws -> Value {
            let name = key.stringValue
            guard let index = keys.firstIndex(of: name) else { throw Unsupported() }
            return values[index]
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            try value(key).isNull
        }

        /// One look-up instead of the default's three (`contains`, `decodeNil`, `decode`).
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let index = keys.firstIndex(of: key.stringValue), !values[index].isNull else { return nil }
            return try decoder.child(values[index], key: key).decodeValue(type)
        }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            guard let index = keys.firstIndex(of: key.stringValue) else { return nil }
            switch values[index] {
            case .null: return nil
            case .string(let string): return string
            default: throw Unsupported()
            }
        }

        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            guard let index = keys.firstIndex(of: key.stringValue), !values[index].isNull else { return nil }
            return try values[index].integer(type)
        }

        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            guard let index = keys.firstIndex(of: key.stringValue), !values[index].isNull else { return nil }
            return try values[index].bool()
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).bool() }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            guard case .string(let string) = try value(key) else { throw Unsupported() }
            return string
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { throw Unsupported() }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw Unsupported() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).integer(type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(key).integer(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(key).integer(type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(key).integer(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).integer(type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(key).integer(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(key).integer(type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(key).integer(type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(key).integer(type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key).integer(type) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try decoder.child(value(key), key: key).decodeValue(type)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try decoder.child(value(key), key: key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try decoder.child(value(key), key: key).unkeyedContainer()
        }

        func superDecoder() throws -> any Swift.Decoder { throw Unsupported() }
        func superDecoder(forKey key: Key) throws -> any Swift.Decoder { throw Unsupported() }
    }

    struct UnkeyedReader: UnkeyedDecodingContainer {
        let decoder: Decoder
        let values: [Value]
        var currentIndex = 0
        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { values.count }
        var isAtEnd: Bool { currentIndex >= values.count }

        init(decoder: Decoder, values: [Value]) {
            self.decoder = decoder
            self.values = values
        }

        mutating func next() throws -> Decoder {
            guard currentIndex < values.count else { throw Unsupported() }
            defer { currentIndex += 1 }
            return decoder.child(values[currentIndex], key: IndexKey(currentIndex))
        }

        /// The next element's value, for primitives that need no decoder of their own.
        mutating func nextValue() throws -> Value {
            guard currentIndex < values.count else { throw Unsupported() }
            defer { currentIndex += 1 }
            return values[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard currentIndex < values.count else { throw Unsupported() }
            if case .null = values[currentIndex] {
                currentIndex += 1
                return true
            }
            return false
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try nextValue().bool() }
        mutating func decode(_ type: String.Type) throws -> String { try next().decodeValue(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { throw Unsupported() }
        mutating func decode(_ type: Float.Type) throws -> Float { throw Unsupported() }
        mutating func decode(_ type: Int.Type) throws -> Int { try nextValue().integer(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try nextValue().integer(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try nextValue().integer(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try nextValue().integer(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try nextValue().integer(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try nextValue().integer(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try nextValue().integer(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try nextValue().integer(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try nextValue().integer(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try nextValue().integer(type) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try next().unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Swift.Decoder { throw Unsupported() }
    }

    struct SingleValueReader: SingleValueDecodingContainer {
        let decoder: Decoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool {
            if case .null = decoder.value { return true }
            return false
        }

        func decode(_ type: Bool.Type) throws -> Bool { try decoder.value.bool() }
        func decode(_ type: String.Type) throws -> String { try decoder.decodeValue(type) }
        func decode(_ type: Double.Type) throws -> Double { throw Unsupported() }
        func decode(_ type: Float.Type) throws -> Float { throw Unsupported() }
        func decode(_ type: Int.Type) throws -> Int { try decoder.value.integer(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try decoder.value.integer(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try decoder.value.integer(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try decoder.value.integer(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try decoder.value.integer(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try decoder.value.integer(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.value.integer(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.value.integer(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.value.integer(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.value.integer(type) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            // The same value, decoded as `T`: a child with the same key, so the coding path is unchanged.
            try Decoder(value: decoder.value, parent: decoder.parent, key: decoder.key).decodeValue(type)
        }
    }
}
