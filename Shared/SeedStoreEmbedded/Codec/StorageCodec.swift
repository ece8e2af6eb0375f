import Foundation
import SeedStore

/// The compact binary form in which the embedded store keeps a document: a tag byte per value,
/// LEB128 lengths, little-endian numbers. It round-trips every ``DocumentValue`` exactly.
enum StorageCodec {
    private enum Tag: UInt8 {
        case double = 1, string, document, array, binary, objectId, bool, date, null, int32, int64, decimal
    }

    /// The stored bytes of a document.
    static func encode(_ document: Document) -> [UInt8] {
        var writer = ByteWriter()
        writer.reserve(256)
        writer.writeDocument(document)
        return writer.bytes
    }

    /// The document read back from stored bytes; `StoreError.unavailable` when the bytes are corrupt.
    static func decode(_ bytes: some ContiguousBytes) throws(StoreError) -> Document {
        let result: Document? = bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer: buffer)
            return reader.readDocument()
        }
        guard let result else { throw StoreError.unavailable("a stored document is corrupt") }
        return result
    }

    fileprivate struct ByteWriter {
        var bytes: [UInt8] = []

        mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

        mutating func writeLength(_ value: Int) {
            var remaining = UInt(value)
            while remaining >= 0x80 {
                bytes.append(UInt8(remaining & 0x7F) | 0x80)
                remaining >>= 7
            }
            bytes.append(UInt8(remaining))
        }

        mutating func writeFixed<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func writeString(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                writeLength(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func writeDocument(_ document: Document) {
            writeLength(document.fields.count)
            for field in document.fields {
                writeString(field.name)
                writeValue(field.value)
            }
        }

        mutating func writeValue(_ value: DocumentValue) {
            switch value {
            case .double(let number):
                bytes.append(Tag.double.rawValue)
                writeFixed(number.bitPattern)
            case .string(let text):
                bytes.append(Tag.string.rawValue)
                writeString(text)
            case .document(let document):
                bytes.append(Tag.document.rawValue)
                writeDocument(document)
            case .array(let elements):
                bytes.append(Tag.array.rawValue)
                writeLength(elements.count)
                for element in elements { writeValue(element) }
            case .binary(let data):
                bytes.append(Tag.binary.rawValue)
                writeLength(data.count)
                bytes.append(contentsOf: data)
            case .objectId(let id):
                bytes.append(Tag.objectId.rawValue)
                bytes.append(contentsOf: id.bytes)
            case .bool(let flag):
                bytes.append(Tag.bool.rawValue)
                bytes.append(flag ? 1 : 0)
            case .date(let date):
                bytes.append(Tag.date.rawValue)
                writeFixed(KeyEncoding.milliseconds(date))
            case .null:
                bytes.append(Tag.null.rawValue)
            case .int32(let number):
                bytes.append(Tag.int32.rawValue)
                writeFixed(number)
            case .int64(let number):
                bytes.append(Tag.int64.rawValue)
                writeFixed(number)
            case .decimal(let text):
                bytes.append(Tag.decimal.rawValue)
                writeString(text)
            }
        }
    }

    fileprivate struct ByteReader {
        let buffer: UnsafeRawBufferPointer
        var offset = 0

        mutating func readByte() -> UInt8? {
            guard offset < buffer.count else { return nil }
            defer { offset += 1 }
            return buffer[offset]
        }

        mutating func readLength() -> Int? {
            var result: UInt = 0
            var shift: UInt = 0
            while let byte = readByte() {
                result |= UInt(byte & 0x7F) << shift
                if byte < 0x80 { return result <= UInt(Int.max) ? Int(result) : nil }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }

        mutating func readFixed<T: FixedWidthInteger>(_ type: T.Type) -> T? {
            let size = MemoryLayout<T>.size
            guard offset + size <= buffer.count else { return nil }
            defer { offset += size }
            return T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self))
        }

        mutating func readBytes(_ count: Int) -> UnsafeRawBufferPointer? {
            guard count >= 0, offset + count <= buffer.count else { return nil }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + count])
        }

        mutating func readString() -> String? {
            guard let count = readLength(), let raw = readBytes(count) else { return nil }
            return String(decoding: raw, as: UTF8.self)
        }

        mutating func readDocument() -> Document? {
            guard let count = readLength() else { return nil }
            var fields: [(name: String, value: DocumentValue)] = []
            fields.reserveCapacity(count)
            for _ in 0..<count {
                guard let name = readString(), let value = readValue() else { return nil }
                fields.append((name, value))
            }
            // Names were checked distinct when the document was written.
            return Document(distinctFields: fields)
        }

        mutating func readValue() -> DocumentValue? {
            guard let byte = readByte(), let tag = Tag(rawValue: byte) else { return nil }
            switch tag {
            case .double: return readFixed(UInt64.self).map { .double(Double(bitPattern: $0)) }
            case .string: return readString().map { .string($0) }
            case .document: return readDocument().map { .document($0) }
            case .array:
                guard let count = readLength() else { return nil }
                var elements: [DocumentValue] = []
                elements.reserveCapacity(count)
                for _ in 0..<count {
                    guard let element = readValue() else { return nil }
                    elements.append(element)
                }
                return .array(elements)
            case .binary:
                guard let count = readLength(), let raw = readBytes(count) else { return nil }
                return .binary([UInt8](raw))
            case .objectId:
                guard let raw = readBytes(12), let id = ObjectId(bytes: [UInt8](raw)) else { return nil }
                return .objectId(id)
            case .bool: return readByte().map { .bool($0 != 0) }
            case .date: return readFixed(Int64.self).map { .date(Date(timeIntervalSince1970: Double($0) / 1000)) }
            case .null: return .null
            case .int32: return readFixed(Int32.self).map { .int32($0) }
            case .int64: return readFixed(Int64.self).map { .int64($0) }
            case .decimal: return readString().map { .decimal($0) }
            }
        }
    }
}
