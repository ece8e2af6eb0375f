import Foundation

/// ``DocumentValue`` as MongoDB Extended JSON v2 (canonical mode), so that every BSON type survives
/// a trip through JSON: `{"$numberLong": "42"}`, `{"$date": {"$numberLong": "1767260200000"}}`,
/// `{"$oid": "…"}`, `{"$binary": {"base64": "…", "subType": "00"}}`, `{"$numberDecimal": "1.50"}`,
/// `{"$numberInt": "7"}`, `{"$numberDouble": "1.5"}`.
extension DocumentValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let flag = try? container.decode(Bool.self) { self = .bool(flag); return }
        if let text = try? container.decode(String.self) { self = .string(text); return }
        if let elements = try? container.decode([DocumentValue].self) { self = .array(elements); return }
        let object = try container.decode(OrderedObject.self)
        self = try DocumentValue.fromTagged(object, codingPath: decoder.codingPath)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements)
        case .document(let document): try container.encode(OrderedObject(document.fields.map { ($0.name, $0.value) }))
        case .int32(let number): try container.encode(["$numberInt": String(number)])
        case .int64(let number): try container.encode(["$numberLong": String(number)])
        case .double(let number): try container.encode(["$numberDouble": Self.canonical(number)])
        case .decimal(let text): try container.encode(["$numberDecimal": text])
        case .objectId(let id): try container.encode(["$oid": id.description])
        case .date(let date):
            try container.encode(["$date": ["$numberLong": String(Int64((date.timeIntervalSince1970 * 1000).rounded()))]])
        case .binary(let bytes):
            try container.encode(["$binary": ["base64": Data(bytes).base64EncodedString(), "subType": "00"]])
        }
    }

    private static func canonical(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return "\(number)"
    }

    private static func fromTagged(_ object: OrderedObject, codingPath: [any CodingKey]) throws -> DocumentValue {
        func corrupt(_ what: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: codingPath, debugDescription: "malformed Extended JSON \(what)"))
        }
        guard object.fields.count == 1, let (tag, inner) = object.fields.first, tag.hasPrefix("$") else {
            return .document(Document(object.fields))
        }
        switch (tag, inner) {
        case ("$numberInt", .string(let text)):
            guard let number = Int32(text) else { throw corrupt("$numberInt") }
            return .int32(number)
        case ("$numberLong", .string(let text)):
            guard let number = Int64(text) else { throw corrupt("$numberLong") }
            return .int64(number)
        case ("$numberDouble", .string(let text)):
            switch text {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default:
                guard let number = Double(text) else { throw corrupt("$numberDouble") }
                return .double(number)
            }
        case ("$numberDecimal", .string(let text)):
            return .decimal(text)
        case ("$oid", .string(let hex)):
            guard let id = ObjectId(hex) else { throw corrupt("$oid") }
            return .objectId(id)
        case ("$date", .int64(let milliseconds)):
            // The inner {"$numberLong": …} has already been read as a 64-bit integer.
            return .date(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        case ("$binary", .document(let binary)):
            guard case .string(let base64)? = binary["base64"], let data = Data(base64Encoded: base64) else { throw corrupt("$binary") }
            return .binary(Array(data))
        default:
            return .document(Document(object.fields))
        }
    }
}

/// A JSON object read or written with its members in order.
private struct OrderedObject: Codable {
    var fields: [(String, DocumentValue)]

    init(_ fields: [(String, DocumentValue)]) { self.fields = fields }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        // JSONDecoder does not keep key order; documents compare without regard to order, and sorting
        // makes the result the same on every run.
        fields = try container.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
            ($0.stringValue, try container.decode(DocumentValue.self, forKey: $0))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, value) in fields {
            try container.encode(value, forKey: Key(stringValue: name))
        }
    }
}
