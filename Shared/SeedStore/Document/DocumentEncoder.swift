import Foundation

/// Turns `Encodable` values into ``Document``s, keeping BSON types: `Date` becomes a date (rounded to
/// milliseconds), `Data` and `[UInt8]` binary, ``ObjectId`` an ObjectId, `Decimal` a Decimal128, `Int`/`Int64` a
/// 64-bit integer, `Int32` and smaller a 32-bit integer. Optional properties that are `nil` are left out.
public struct DocumentEncoder: Sendable {
    public init() {}

    /// Encodes a value whose encoding is keyed (a struct or class) as a document.
    public func encode<T: Encodable>(_ value: T) throws(StoreError) -> Document {
        let encoded = try encodeValue(value)
        guard case .document(let document) = encoded else {
            throw StoreError.validation("\(T.self) does not encode as a document (it encodes as \(encoded.typeName))")
        }
        return document
    }

    /// Encodes any value (a filter operand, an update value).
    public func encodeValue<T: Encodable>(_ value: T) throws(StoreError) -> DocumentValue {
        do {
            return try EncodingSlot.encode(value, parentPath: [], key: .none).resolve()
        } catch let error as EncodingError {
            throw StoreError.validation("cannot encode \(T.self): \(error)")
        } catch {
            throw StoreError.validation("cannot encode \(T.self): \(error)")
        }
    }
}

/// A value under construction; containers fill it in, `resolve()` turns it into a ``DocumentValue``.
private final class EncodingSlot {
    enum Content {
        case empty
        case value(DocumentValue)
        case keyed([(String, EncodingSlot)])
        case unkeyed([EncodingSlot])
    }

    var content: Content = .empty

    /// Types with a BSON form of their own are recognised by comparing metatypes (see
    /// `ValueDecoder.decodeValue`); the cast runs only for a value of that very type.
    static func encode<T: Encodable>(_ value: T, parentPath: [any CodingKey], key: CodingPathStep) throws -> EncodingSlot {
        let slot = EncodingSlot()
        if T.self == Date.self, let date = value as? Date {
            slot.content = .value(.date(Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)))
        } else if T.self == Data.self, let data = value as? Data {
            slot.content = .value(.binary(Array(data)))
        } else if T.self == [UInt8].self, let bytes = value as? [UInt8] {
            // Bytes are binary too, as `Data` is: element by element they became an array of 32-bit
            // integers, which an outbox record's message body (about a kilobyte) made the largest cost
            // of a send (decision 0043).
            slot.content = .value(.binary(bytes))
        } else if T.self == ObjectId.self, let id = value as? ObjectId {
            slot.content = .value(.objectId(id))
        } else if T.self == Decimal.self, let decimal = value as? Decimal {
            slot.content = .value(.decimal(decimal.description))
        } else if T.self == URL.self, let url = value as? URL {
            slot.content = .value(.string(url.absoluteString))
        } else if T.self == DocumentValue.self, let raw = value as? DocumentValue {
            slot.content = .value(raw)
        } else if T.self == Document.self, let raw = value as? Document {
            slot.content = .value(.document(raw))
        } else {
            try value.encode(to: SlotEncoder(slot: slot, parentPath: parentPath, key: key))
        }
        return slot
    }

    func resolve() -> DocumentValue {
        switch content {
        case .empty: .document(Document())
        case .value(let value): value
        case .keyed(let fields): .document(Document(fields.map { ($0.0, $0.1.resolve()) }))
        case .unkeyed(let elements): .array(elements.map { $0.resolve() })
        }
    }
}

private struct SlotEncoder: Encoder {
    let slot: EncodingSlot
    let parentPath: [any CodingKey]
    let key: CodingPathStep
    var codingPath: [any CodingKey] { key.appended(to: parentPath) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = slot.content {} else { slot.content = .keyed([]) }
        return KeyedEncodingContainer(KeyedSlotContainer(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = slot.content {} else { slot.content = .unkeyed([]) }
        return UnkeyedSlotContainer(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleSlotContainer(slot: slot, codingPath: codingPath)
    }
}

/// Integer and floating-point conversions shared by the containers.
private enum Scalar {
    static func integer<T: FixedWidthInteger>(_ value: T, codingPath: @autoclosure () -> [any CodingKey]) throws -> DocumentValue {
        if T.bitWidth <= 32 && (T.isSigned || T.bitWidth < 32) { return .int32(Int32(value)) }
        guard let wide = Int64(exactly: value) else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath(), debugDescription: "\(value) does not fit a 64-bit integer"))
        }
        return .int64(wide)
    }
}

private struct KeyedSlotContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]

    private func set(_ key: Key, _ child: EncodingSlot) {
        guard case .keyed(var fields) = slot.content else { return }
        slot.content = .empty  // so that `fields` is the array's only reference and grows in place
        if let index = fields.firstIndex(where: { $0.0 == key.stringValue }) {
            fields[index].1 = child
        } else {
            fields.append((key.stringValue, child))
        }
        slot.content = .keyed(fields)
    }

    private func set(_ key: Key, _ value: DocumentValue) {
        let child = EncodingSlot()
        child.content = .value(value)
        set(key, child)
    }

    mutating func encodeNil(forKey key: Key) throws { set(key, .null) }
    // `encodeIfPresent` is the protocol's: a `nil` optional is left out.
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(key, .double(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(key, .double(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, try Scalar.integer(value, codingPath: codingPath + [key])) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, try Scalar.integer(value, codingPath: codingPath + [key])) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, try Scalar.integer(value, codingPath: codingPath + [key])) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, try Scalar.integer(value, codingPath: codingPath + [key])) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, try Scalar.integer(value, codingPath: codingPath + [key])) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, try Scalar.integer(value, codingPath: codingPath + [key])) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, try Scalar.integer(value, codingPath: codingPath + [key])) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, try Scalar.integer(value, codingPath: codingPath + [key])) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, try Scalar.integer(value, codingPath: codingPath + [key])) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, try Scalar.integer(value, codingPath: codingPath + [key])) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(key, try EncodingSlot.encode(value, parentPath: codingPath, key: .key(key)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingSlot()
        set(key, child)
        return SlotEncoder(slot: child, parentPath: codingPath, key: .key(key)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodingSlot()
        set(key, child)
        return SlotEncoder(slot: child, parentPath: codingPath, key: .key(key)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = EncodingSlot()
        set(key, child)
        return SlotEncoder(slot: child, parentPath: codingPath, key: .key(key))
    }
}

/// The coding key of an array element, for coding paths in errors.
struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ index: Int) { intValue = index; stringValue = String(index) }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.init(intValue) }
}

private struct UnkeyedSlotContainer: UnkeyedEncodingContainer {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]

    var count: Int {
        if case .unkeyed(let elements) = slot.content { return elements.count }
        return 0
    }

    private func append(_ child: EncodingSlot) {
        guard case .unkeyed(var elements) = slot.content else { return }
        slot.content = .empty  // so that `elements` is the array's only reference and grows in place
        elements.append(child)
        slot.content = .unkeyed(elements)
    }

    private func append(_ value: DocumentValue) {
        let child = EncodingSlot()
        child.content = .value(value)
        append(child)
    }

    private var nextPath: [any CodingKey] { codingPath + [IndexKey(count)] }


    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(.double(value)) }
    mutating func encode(_ value: Float) throws { append(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { append(try Scalar.integer(value, codingPath: nextPath)) }
    mutating func encode(_ value: Int8) throws { append(try Scalar.integer(value, codingPath: nextPath)) }
    mutating func encode(_ value: Int16) throws { append(try Scalar.integer(value, codingPath: nextPath)) }
    mutating func encode(_ value: Int32) throws { append(try Scalar.integer(value, codingPath: nextPath)) }
    mutating func encode(_ value: Int64) throws { append(try Scalar.integer(value, codingPath: nextPath)) }
    mutating func encode(_ value: UInt) throws { append(try Scalar.integer(value, codingPath: nextPath)) }
    mutating func encode(_ value: UInt8) throws { append(try Scalar.integer(value, codingPath: nextPath)) }
    mutating func encode(_ value: UInt16) throws { append(try Scalar.integer(value, codingPath: nextPath)) }
    mutating func encode(_ value: UInt32) throws { append(try Scalar.integer(value, codingPath: nextPath)) }
    mutating func encode(_ value: UInt64) throws { append(try Scalar.integer(value, codingPath: nextPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws { append(try EncodingSlot.encode(value, parentPath: codingPath, key: .index(count))) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingSlot()
        let path = nextPath
        append(child)
        return SlotEncoder(slot: child, parentPath: path, key: .none).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = EncodingSlot()
        let path = nextPath
        append(child)
        return SlotEncoder(slot: child, parentPath: path, key: .none).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let child = EncodingSlot()
        let path = nextPath
        append(child)
        return SlotEncoder(slot: child, parentPath: path, key: .none)
    }
}

private struct SingleSlotContainer: SingleValueEncodingContainer {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]

    private func set(_ value: DocumentValue) { slot.content = .value(value) }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(.double(value)) }
    mutating func encode(_ value: Float) throws { set(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { set(try Scalar.integer(value, codingPath: codingPath)) }
    mutating func encode(_ value: Int8) throws { set(try Scalar.integer(value, codingPath: codingPath)) }
    mutating func encode(_ value: Int16) throws { set(try Scalar.integer(value, codingPath: codingPath)) }
    mutating func encode(_ value: Int32) throws { set(try Scalar.integer(value, codingPath: codingPath)) }
    mutating func encode(_ value: Int64) throws { set(try Scalar.integer(value, codingPath: codingPath)) }
    mutating func encode(_ value: UInt) throws { set(try Scalar.integer(value, codingPath: codingPath)) }
    mutating func encode(_ value: UInt8) throws { set(try Scalar.integer(value, codingPath: codingPath)) }
    mutating func encode(_ value: UInt16) throws { set(try Scalar.integer(value, codingPath: codingPath)) }
    mutating func encode(_ value: UInt32) throws { set(try Scalar.integer(value, codingPath: codingPath)) }
    mutating func encode(_ value: UInt64) throws { set(try Scalar.integer(value, codingPath: codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        slot.content = try EncodingSlot.encode(value, parentPath: codingPath, key: .none).content
    }
}
