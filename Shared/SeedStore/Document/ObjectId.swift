import Foundation
import Synchronization

/// A MongoDB ObjectId: 12 bytes — 4 of seconds since the epoch, 5 random per process, 3 of counter.
///
/// Ids made by one process sort by creation time; `description` is the usual 24-digit lower-case hex.
public struct ObjectId: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 12 bytes, big-endian as on the wire.
    public let bytes: [UInt8]

    /// A new id, unique within this process and, with overwhelming likelihood, across processes.
    public init() {
        let seconds = UInt32(truncatingIfNeeded: Int(Date().timeIntervalSince1970))
        let count = ObjectId.counter.add(1, ordering: .relaxed).newValue & 0xFF_FFFF
        var bytes = [UInt8](repeating: 0, count: 12)
        withUnsafeBytes(of: seconds.bigEndian) { bytes.replaceSubrange(0..<4, with: $0) }
        bytes.replaceSubrange(4..<9, with: ObjectId.processUnique)
        bytes[9] = UInt8(truncatingIfNeeded: count >> 16)
        bytes[10] = UInt8(truncatingIfNeeded: count >> 8)
        bytes[11] = UInt8(truncatingIfNeeded: count)
        self.bytes = bytes
    }

    /// Wraps 12 raw bytes; `nil` for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 12 else { return nil }
        self.bytes = bytes
    }

    /// Parses 24 hex digits; `nil` for anything else.
    public init?(_ hex: String) {
        guard hex.utf8.count == 24 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(12)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.bytes = bytes
    }

    /// When the id was made (whole seconds).
    public var date: Date {
        let seconds = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    public var description: String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    public static func < (lhs: ObjectId, rhs: ObjectId) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    public init(from decoder: any Decoder) throws {
        if let documentDecoder = decoder as? DocumentValueDecoding, case .objectId(let id) = documentDecoder.value {
            self = id
            return
        }
        let container = try decoder.singleValueContainer()
        let hex = try container.decode(String.self)
        guard let id = ObjectId(hex) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(hex)' is not a 24-digit hex ObjectId")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static let counter = Atomic<UInt32>(UInt32.random(in: 0...0xFF_FFFF))
    private static let processUnique: [UInt8] = (0..<5).map { _ in UInt8.random(in: 0...255) }
}
