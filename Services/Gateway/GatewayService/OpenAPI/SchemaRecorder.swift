import Foundation
import SeedContracts

/// A string enumeration whose values the OpenAPI document lists.
protocol OpenAPIEnumeration: Decodable {
    static var openAPIValues: [String] { get }
    static var openAPISample: Self { get }
}

extension OpenAPIEnumeration where Self: CaseIterable & RawRepresentable, RawValue == String {
    static var openAPIValues: [String] { allCases.map(\.rawValue) }
    static var openAPISample: Self { allCases.first! }
}

extension UserRole: OpenAPIEnumeration {}
extension UserStatus: OpenAPIEnumeration {}
extension ServiceName: OpenAPIEnumeration {}
extension ErrorCode: OpenAPIEnumeration {}

/// A type whose properties have rules beyond their Swift types (lengths, patterns, formats), which
/// the document states so that a client knows them. The rules themselves live in the owning service;
/// the gateway's tests and schemathesis check that the two agree.
protocol OpenAPIConstrained {
    /// Extra JSON Schema members per property name.
    static var openAPIConstraints: [String: [(String, JSONValue)]] { get }
}

/// A type with members that are not part of the public API (the gateway fills them in): the
/// document leaves them out of the type's schema.
protocol OpenAPIInternalMembers {
    /// Property names the schema omits.
    static var openAPIInternalMembers: Set<String> { get }
}

/// A value that is any JSON value (a setting's value): its schema constrains nothing.
protocol OpenAPIAnyValue: Decodable {
    static var openAPISample: Self { get }
}

/// Arrays, seen through their element type.
protocol OpenAPIArray {
    static var elementType: any Decodable.Type { get }
}

extension Array: OpenAPIArray where Element: Decodable {
    static var elementType: any Decodable.Type { Element.self }
}

/// Derives JSON Schemas from `Decodable` types by decoding them once with a decoder that records
/// every property it is asked for: `decode` makes a required property, `decodeIfPresent` an optional
/// one. The schemas are therefore the types' own Codable shape and cannot drift from them.
final class SchemaRecorder {
    /// Named object schemas, in the order they were first met.
    private(set) var components: [(String, JSONValue)] = []
    private var samples: [String: Any] = [:]
    private var inProgress: Set<String> = []

    /// The schema of `type`: a `$ref` for objects (recorded in ``components``), inline otherwise.
    func schema(for type: any Decodable.Type) -> JSONValue {
        if let scalar = Self.scalarSchema(type) { return scalar }
        if type is any OpenAPIAnyValue.Type { return .object([("description", .string("Any JSON value."))]) }
        if let enumeration = type as? any OpenAPIEnumeration.Type {
            return .object([("type", .string("string")), ("enum", .array(enumeration.openAPIValues.map(JSONValue.string)))])
        }
        if let cases = type as? any CaseIterable.Type, let values = Self.stringCases(of: cases) {
            return .object([("type", .string("string")), ("enum", .array(values.map(JSONValue.string)))])
        }
        if type == [String: String].self {
            return .object([("type", .string("object")), ("additionalProperties", .object([("type", .string("string"))]))])
        }
        if let array = type as? any OpenAPIArray.Type {
            return .object([("type", .string("array")), ("items", schema(for: array.elementType))])
        }
        let name = Self.name(of: type)
        if samples[name] == nil, !inProgress.contains(name) {
            inProgress.insert(name)
            let recording = RecordingDecoder(recorder: self, hiding: (type as? any OpenAPIInternalMembers.Type)?.openAPIInternalMembers ?? [])
            if let value = try? type.init(from: recording) { samples[name] = value }
            let constraints = (type as? any OpenAPIConstrained.Type)?.openAPIConstraints ?? [:]
            components.append((name, recording.objectSchema(constraints: constraints)))
            inProgress.remove(name)
        }
        return .object([("$ref", .string("#/components/schemas/\(name)"))])
    }

    /// A value of `type` made while recording it (empty strings, zeros, first enum cases, empty arrays).
    func sample<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type: return "" as! T
        case is Bool.Type: return false as! T
        case is Date.Type: return Date(timeIntervalSince1970: 0) as! T
        case is Decimal.Type: return Decimal(0) as! T
        case is Data.Type: return Data() as! T
        case is [String: String].Type: return [String: String]() as! T
        default: break
        }
        if let enumeration = type as? any OpenAPIEnumeration.Type { return enumeration.openAPISample as! T }
        if let cases = type as? any CaseIterable.Type, Self.stringCases(of: cases) != nil, let first = Self.firstCase(of: cases) as? T {
            return first
        }
        if let any = type as? any OpenAPIAnyValue.Type { return any.openAPISample as! T }
        if type is any OpenAPIArray.Type { return try T(from: RecordingDecoder(recorder: SchemaRecorder(), hiding: [])) }
        _ = schema(for: type)
        guard let value = samples[Self.name(of: type)] as? T else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no sample of \(type)"))
        }
        return value
    }

    static func name(of type: any Any.Type) -> String { String(describing: type) }

    /// The raw values of a string enumeration (every contract enum is `String, CaseIterable`), or
    /// `nil` for a case-iterable type whose cases are not strings.
    static func stringCases<E: CaseIterable>(of type: E.Type) -> [String]? {
        let values = type.allCases.compactMap { ($0 as? any RawRepresentable)?.rawValue as? String }
        return values.isEmpty || values.count != type.allCases.count ? nil : values
    }

    static func firstCase<E: CaseIterable>(of type: E.Type) -> Any? { type.allCases.first }

    private static func scalarSchema(_ type: any Decodable.Type) -> JSONValue? {
        switch type {
        case is String.Type: .object([("type", .string("string"))])
        case is Bool.Type: .object([("type", .string("boolean"))])
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt8.Type, is UInt16.Type: .object([("type", .string("integer"))])
        case is Double.Type, is Float.Type, is Decimal.Type: .object([("type", .string("number"))])
        case is Date.Type: .object([("type", .string("string")), ("format", .string("date-time"))])
        case is Data.Type: .object([("type", .string("string")), ("contentEncoding", .string("base64"))])
        default: nil
        }
    }
}

/// The decoder that records one object's properties.
private final class RecordingDecoder: Decoder {
    let recorder: SchemaRecorder
    /// Members decoded but left out of the schema (``OpenAPIInternalMembers``).
    let hidden: Set<String>
    var properties: [(String, JSONValue)] = []
    var required: [String] = []
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(recorder: SchemaRecorder, hiding hidden: Set<String>) {
        self.recorder = recorder
        self.hidden = hidden
    }

    /// The recorder that makes samples for `key`: a scratch one for hidden members, so that their
    /// types add no component to the document.
    func sampler(for key: String) -> SchemaRecorder {
        hidden.contains(key) ? SchemaRecorder() : recorder
    }

    /// The object's schema: `constraints` refine the properties' own schemas, and an optional
    /// property also accepts `null` (Swift decodes a JSON `null` as absent).
    func objectSchema(constraints: [String: [(String, JSONValue)]]) -> JSONValue {
        let constrained = properties.map { name, schema -> (String, JSONValue) in
            var refined = schema
            if let extra = constraints[name], case .object(var members) = schema {
                for (key, value) in extra {
                    if let index = members.firstIndex(where: { $0.0 == key }) { members[index].1 = value } else { members.append((key, value)) }
                }
                refined = .object(members)
            }
            guard !required.contains(name) else { return (name, refined) }
            return (name, .object([("anyOf", .array([refined, .object([("type", .string("null"))])]))]))
        }
        var members: [(String, JSONValue)] = [("type", .string("object")), ("properties", .object(constrained))]
        if !required.isEmpty { members.append(("required", .array(required.map(JSONValue.string)))) }
        return .object(members)
    }

    func record(_ key: String, _ type: any Decodable.Type, required isRequired: Bool) {
        guard !hidden.contains(key), !properties.contains(where: { $0.0 == key }) else { return }
        properties.append((key, recorder.schema(for: type)))
        if isRequired { required.append(key) }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RecordingKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { EmptyUnkeyedContainer() }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SampleSingleValueContainer(recorder: recorder) }
}

private struct RecordingKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: RecordingDecoder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        decoder.record(key.stringValue, type, required: true)
        return try decoder.sampler(for: key.stringValue).sample(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        decoder.record(key.stringValue, type, required: false)
        return nil
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type as String.Type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try number(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try number(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try number(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try number(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try number(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try number(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try number(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try number(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try number(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try number(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try number(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try number(type, key) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { optional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { optional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { optional(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { optional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { optional(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { optional(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { optional(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { optional(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { optional(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { optional(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { optional(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { optional(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { optional(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { optional(type, key) }

    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        decoder.record(key.stringValue, type, required: true)
        return try decoder.sampler(for: key.stringValue).sample(type)
    }

    private func number<T: Decodable & Numeric>(_ type: T.Type, _ key: Key) throws -> T {
        decoder.record(key.stringValue, type, required: true)
        return 0
    }

    private func optional<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        decoder.record(key.stringValue, type, required: false)
        return nil
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(RecordingKeyedContainer<NestedKey>(decoder: RecordingDecoder(recorder: decoder.recorder, hiding: [])))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { EmptyUnkeyedContainer() }
    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
}

/// An empty array.
private struct EmptyUnkeyedContainer: UnkeyedDecodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 0 }
    var isAtEnd: Bool { true }
    var currentIndex: Int { 0 }

    mutating func decodeNil() throws -> Bool { true }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        throw DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "empty"))
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
        throw DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "empty"))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { self }
    mutating func superDecoder() throws -> any Decoder {
        throw DecodingError.valueNotFound(Self.self, .init(codingPath: [], debugDescription: "empty"))
    }
}

/// A single value: samples of the scalar asked for.
private struct SampleSingleValueContainer: SingleValueDecodingContainer {
    let recorder: SchemaRecorder
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { false }
    func decode(_ type: String.Type) throws -> String { "" }
    func decode(_ type: Double.Type) throws -> Double { 0 }
    func decode(_ type: Float.Type) throws -> Float { 0 }
    func decode(_ type: Int.Type) throws -> Int { 0 }
    func decode(_ type: Int8.Type) throws -> Int8 { 0 }
    func decode(_ type: Int16.Type) throws -> Int16 { 0 }
    func decode(_ type: Int32.Type) throws -> Int32 { 0 }
    func decode(_ type: Int64.Type) throws -> Int64 { 0 }
    func decode(_ type: UInt.Type) throws -> UInt { 0 }
    func decode(_ type: UInt8.Type) throws -> UInt8 { 0 }
    func decode(_ type: UInt16.Type) throws -> UInt16 { 0 }
    func decode(_ type: UInt32.Type) throws -> UInt32 { 0 }
    func decode(_ type: UInt64.Type) throws -> UInt64 { 0 }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try recorder.sample(type) }
}
