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
        let root = Encoder(parent: nil, key: nil)
        let node = try Encoder.node(for: value, parent: root, key: nil)
        guard !root.failed else { throw Unsupported() }
        var writer = Writer()
        writer.bytes.reserveCapacity(512)
        writer.write(node)
        return writer.bytes
    }

    /// An encoded value: a tree, because keys are written sorted when the object is complete.
    enum Node {
        case string(String)
        /// A number, `true`, `false` or `null`, written as is.
        case literal(String)
        case object(Object)
        case array(ArrayNode)
    }

    final class Object {
        var keys: [String] = []
        var values: [Node] = []

        func append(_ key: String, _ value: Node) throws {
            // Foundation keeps one value per key; a repeated key is left to it.
            guard !keys.contains(key) else { throw Unsupported() }
            keys.append(key)
            values.append(value)
        }
    }

    final class ArrayNode {
        var values: [Node] = []
    }

    final class Encoder: Swift.Encoder {
        let parent: Encoder?
        let key: (any CodingKey)?
        var node: Node?
        /// Set when something was asked that cannot throw but is left to Foundation (a super encoder, a
        /// second container of another kind); checked once the value is encoded.
        private var ownFailure = false

        init(parent: Encoder?, key: (any CodingKey)?) {
            self.parent = parent
            self.key = key
        }

        var failed: Bool {
            get { ownFailure }
            set { if let parent { parent.failed = newValue } else { ownFailure = newValue } }
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

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            switch node {
            case .object(let object):
                return KeyedEncodingContainer(KeyedContainer(encoder: self, object: object))
            case nil:
                let object = Object()
                node = .object(object)
                return KeyedEncodingContainer(KeyedContainer(encoder: self, object: object))
            default:
                failed = true
                return KeyedEncodingContainer(KeyedContainer(encoder: self, object: Object()))
            }
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            switch node {
            case .array(let array):
                return UnkeyedContainer(encoder: self, array: array)
            case nil:
                let array = ArrayNode()
                node = .array(array)
                return UnkeyedContainer(encoder: self, array: array)
            default:
                failed = true
                return UnkeyedContainer(encoder: self, array: ArrayNode())
            }
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            SingleValueContainer(encoder: self)
        }

        /// Sets this encoder's value once.
        func set(_ value: Node) throws {
            guard node == nil else { throw Unsupported() }
            node = value
        }

        /// The node of `value`, encoded by a child encoder unless it is a string, a number, a boolean or a date.
        static func node<T: Encodable>(for value: T, parent: Encoder, key: (any CodingKey)?) throws -> Node {
            if T.self == String.self { return .string(value as! String) }
            if T.self == Int.self { return .literal(String(value as! Int)) }
            if T.self == Bool.self { return .literal((value as! Bool) ? "true" : "false") }
            if T.self == Date.self { return .string(WireDate.format(value as! Date)) }
            if T.self == MessageEnvelope.self { return envelopeNode(value as! MessageEnvelope) }
            switch value {
            case let number as Int64: return .literal(String(number))
            case let number as Int32: return .literal(String(number))
            case let number as Int16: return .literal(String(number))
            case let number as Int8: return .literal(String(number))
            case let number as UInt: return .literal(String(number))
            case let number as UInt64: return .literal(String(number))
            case let number as UInt32: return .literal(String(number))
            case let number as UInt16: return .literal(String(number))
            case let number as UInt8: return .literal(String(number))
            case is Double, is Float, is Decimal, is Data, is URL: throw Unsupported()
            default: break
            }
            let encoder = Encoder(parent: parent, key: key)
            try value.encode(to: encoder)
            // A value that asked for no container is left to Foundation.
            guard let node = encoder.node else { throw Unsupported() }
            return node
        }
    }

    /// Every message has an envelope: its members are written directly, as its synthesized
    /// `encode(to:)` would (`encodeIfPresent` for the optional ones).
    static func envelopeNode(_ envelope: MessageEnvelope) -> Node {
        let object = Object()
        object.keys.reserveCapacity(8)
        object.values.reserveCapacity(8)
        func add(_ key: String, _ value: String?) {
            guard let value else { return }
            object.keys.append(key)
            object.values.append(.string(value))
        }
        add("messageId", envelope.messageId)
        add("correlationId", envelope.correlationId)
        add("causationId", envelope.causationId)
        add("type", envelope.type.wireName)
        add("tenant", envelope.tenant)
        add("actor", envelope.actor)
        add("occurredAt", WireDate.format(envelope.occurredAt))
        add("traceparent", envelope.traceparent)
        return .object(object)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: Encoder
        let object: Object
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil(forKey key: Key) throws { try object.append(key.stringValue, .literal("null")) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try object.append(key.stringValue, .literal(value ? "true" : "false")) }
        mutating func encode(_ value: String, forKey key: Key) throws { try object.append(key.stringValue, .string(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Float, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int, forKey key: Key) throws { try object.append(key.stringValue, .literal(String(value))) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try object.append(key.stringValue, .literal(String(value))) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try object.append(key.stringValue, .literal(String(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try object.append(key.stringValue, .literal(String(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try object.append(key.stringValue, .literal(String(value))) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try object.append(key.stringValue, .literal(String(value))) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try object.append(key.stringValue, .literal(String(value))) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try object.append(key.stringValue, .literal(String(value))) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try object.append(key.stringValue, .literal(String(value))) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try object.append(key.stringValue, .literal(String(value))) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try object.append(key.stringValue, try Encoder.node(for: value, parent: encoder, key: key))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = Object()
            do { try object.append(key.stringValue, .object(nested)) } catch { encoder.failed = true }
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: Encoder(parent: encoder, key: key), object: nested))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = ArrayNode()
            do { try object.append(key.stringValue, .array(nested)) } catch { encoder.failed = true }
            return UnkeyedContainer(encoder: Encoder(parent: encoder, key: key), array: nested)
        }

        mutating func superEncoder() -> any Swift.Encoder {
            encoder.failed = true
            return Encoder(parent: encoder, key: nil)
        }

        mutating func superEncoder(forKey key: Key) -> any Swift.Encoder {
            encoder.failed = true
            return Encoder(parent: encoder, key: key)
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
        let array: ArrayNode
        var codingPath: [any CodingKey] { encoder.codingPath }
        var count: Int { array.values.count }

        mutating func encodeNil() throws { array.values.append(.literal("null")) }
        mutating func encode(_ value: Bool) throws { array.values.append(.literal(value ? "true" : "false")) }
        mutating func encode(_ value: String) throws { array.values.append(.string(value)) }
        mutating func encode(_ value: Double) throws { throw Unsupported() }
        mutating func encode(_ value: Float) throws { throw Unsupported() }
        mutating func encode(_ value: Int) throws { array.values.append(.literal(String(value))) }
        mutating func encode(_ value: Int8) throws { array.values.append(.literal(String(value))) }
        mutating func encode(_ value: Int16) throws { array.values.append(.literal(String(value))) }
        mutating func encode(_ value: Int32) throws { array.values.append(.literal(String(value))) }
        mutating func encode(_ value: Int64) throws { array.values.append(.literal(String(value))) }
        mutating func encode(_ value: UInt) throws { array.values.append(.literal(String(value))) }
        mutating func encode(_ value: UInt8) throws { array.values.append(.literal(String(value))) }
        mutating func encode(_ value: UInt16) throws { array.values.append(.literal(String(value))) }
        mutating func encode(_ value: UInt32) throws { array.values.append(.literal(String(value))) }
        mutating func encode(_ value: UInt64) throws { array.values.append(.literal(String(value))) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            array.values.append(try Encoder.node(for: value, parent: encoder, key: IndexKey(array.values.count)))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = Object()
            let key = IndexKey(array.values.count)
            array.values.append(.object(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: Encoder(parent: encoder, key: key), object: nested))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = ArrayNode()
            let key = IndexKey(array.values.count)
            array.values.append(.array(nested))
            return UnkeyedContainer(encoder: Encoder(parent: encoder, key: key), array: nested)
        }

        mutating func superEncoder() -> any Swift.Encoder {
            encoder.failed = true
            return Encoder(parent: encoder, key: nil)
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: Encoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws { try encoder.set(.literal("null")) }
        mutating func encode(_ value: Bool) throws { try encoder.set(.literal(value ? "true" : "false")) }
        mutating func encode(_ value: String) throws { try encoder.set(.string(value)) }
        mutating func encode(_ value: Double) throws { throw Unsupported() }
        mutating func encode(_ value: Float) throws { throw Unsupported() }
        mutating func encode(_ value: Int) throws { try encoder.set(.literal(String(value))) }
        mutating func encode(_ value: Int8) throws { try encoder.set(.literal(String(value))) }
        mutating func encode(_ value: Int16) throws { try encoder.set(.literal(String(value))) }
        mutating func encode(_ value: Int32) throws { try encoder.set(.literal(String(value))) }
        mutating func encode(_ value: Int64) throws { try encoder.set(.literal(String(value))) }
        mutating func encode(_ value: UInt) throws { try encoder.set(.literal(String(value))) }
        mutating func encode(_ value: UInt8) throws { try encoder.set(.literal(String(value))) }
        mutating func encode(_ value: UInt16) throws { try encoder.set(.literal(String(value))) }
        mutating func encode(_ value: UInt32) throws { try encoder.set(.literal(String(value))) }
        mutating func encode(_ value: UInt64) throws { try encoder.set(.literal(String(value))) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try encoder.set(try Encoder.node(for: value, parent: encoder.parent ?? encoder, key: encoder.key))
        }
    }

    /// Writes a tree as Foundation's `JSONWriter` does without pretty printing: keys sorted by their
    /// UTF-8 bytes, `"` `\` and control characters escaped (`\b \f \n \r \t`, others `\u00xx`), the rest,
    /// `/` included, as is.
    struct Writer {
        var bytes: [UInt8] = []

        mutating func write(_ node: Node) {
            switch node {
            case .string(let string):
                writeString(string)
            case .literal(let literal):
                var literal = literal
                literal.withUTF8 { bytes.append(contentsOf: $0) }
            case .array(let array):
                bytes.append(UInt8(ascii: "["))
                for (index, value) in array.values.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    write(value)
                }
                bytes.append(UInt8(ascii: "]"))
            case .object(let object):
                bytes.append(UInt8(ascii: "{"))
                for (position, index) in Self.sortedOrder(object.keys).enumerated() {
                    if position > 0 { bytes.append(UInt8(ascii: ",")) }
                    writeString(object.keys[index])
                    bytes.append(UInt8(ascii: ":"))
                    write(object.values[index])
                }
                bytes.append(UInt8(ascii: "}"))
            }
        }

        static func sortedOrder(_ keys: [String]) -> [Int] {
            var order = Array(keys.indices)
            // Insertion sort: objects are small, and it needs no closure allocation.
            if order.count > 1 {
                for position in 1..<order.count {
                    let moving = order[position]
                    var hole = position
                    while hole > 0, keys[moving].utf8.lexicographicallyPrecedes(keys[order[hole - 1]].utf8) {
                        order[hole] = order[hole - 1]
                        hole -= 1
                    }
                    order[hole] = moving
                }
            }
            return order
        }

        private static let hex = Array("0123456789abcdef".utf8)

        mutating func writeString(_ string: String) {
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
            var keys: [String] = []
            var values: [Value] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(keys: keys, values: values)
            }
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
            // The common case: no escape, so the bytes are the string.
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let content = UnsafeBufferPointer(rebasing: bytes[start..<position])
                    position += 1
                    guard let string = String(validating: content, as: UTF8.self) else { throw Unsupported() }
                    return string
                }
                if byte == UInt8(ascii: "\\") { break }
                guard byte >= 0x20 else { throw Unsupported() }
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

        /// This decoder's value as `T`.
        func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
            if T.self == String.self {
                guard case .string(let string) = value else { throw Unsupported() }
                return string as! T
            }
            if T.self == MessageEnvelope.self { return try envelope() as! T }
            if T.self == Int.self { return try integer(Int.self) as! T }
            if T.self == Bool.self { return try bool() as! T }
            if T.self == Date.self {
                guard case .string(let string) = value, let date = WireDate.parse(string) else { throw Unsupported() }
                return date as! T
            }
            switch type {
            case is Int64.Type: return try integer(Int64.self) as! T
            case is Int32.Type: return try integer(Int32.self) as! T
            case is Int16.Type: return try integer(Int16.self) as! T
            case is Int8.Type: return try integer(Int8.self) as! T
            case is UInt.Type: return try integer(UInt.self) as! T
            case is UInt64.Type: return try integer(UInt64.self) as! T
            case is UInt32.Type: return try integer(UInt32.self) as! T
            case is UInt16.Type: return try integer(UInt16.self) as! T
            case is UInt8.Type: return try integer(UInt8.self) as! T
            case is Double.Type, is Float.Type, is Decimal.Type, is Data.Type, is URL.Type: throw Unsupported()
            default: return try T(from: self)
            }
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

        func bool() throws -> Bool {
            guard case .bool(let bool) = value else { throw Unsupported() }
            return bool
        }

        /// An integer written without fraction or exponent that fits `I` (`-0` is left to Foundation).
        func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
            guard case .number(let text) = value, text != "-0",
                  !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
                  let number = I(text)
            else { throw Unsupported() }
            return number
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
            if case .null = try value(key) { return true }
            return false
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.child(value(key), key: key).bool() }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            guard case .string(let string) = try value(key) else { throw Unsupported() }
            return string
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { throw Unsupported() }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw Unsupported() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.child(value(key), key: key).integer(type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.child(value(key), key: key).integer(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.child(value(key), key: key).integer(type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.child(value(key), key: key).integer(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.child(value(key), key: key).integer(type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.child(value(key), key: key).integer(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.child(value(key), key: key).integer(type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.child(value(key), key: key).integer(type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.child(value(key), key: key).integer(type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.child(value(key), key: key).integer(type) }

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

        mutating func decodeNil() throws -> Bool {
            guard currentIndex < values.count else { throw Unsupported() }
            if case .null = values[currentIndex] {
                currentIndex += 1
                return true
            }
            return false
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try next().bool() }
        mutating func decode(_ type: String.Type) throws -> String { try next().decodeValue(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { throw Unsupported() }
        mutating func decode(_ type: Float.Type) throws -> Float { throw Unsupported() }
        mutating func decode(_ type: Int.Type) throws -> Int { try next().integer(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().integer(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().integer(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().integer(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().integer(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try next().integer(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().integer(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().integer(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().integer(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().integer(type) }
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

        func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool() }
        func decode(_ type: String.Type) throws -> String { try decoder.decodeValue(type) }
        func decode(_ type: Double.Type) throws -> Double { throw Unsupported() }
        func decode(_ type: Float.Type) throws -> Float { throw Unsupported() }
        func decode(_ type: Int.Type) throws -> Int { try decoder.integer(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(type) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            // The same value, decoded as `T`: a child with the same key, so the coding path is unchanged.
            try Decoder(value: decoder.value, parent: decoder.parent, key: decoder.key).decodeValue(type)
        }
    }
}
