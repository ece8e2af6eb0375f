import CRabbitMQ

/// Memory for the strings and field tables of one C call.
///
/// `amqp_cstring_bytes` keeps a pointer into its argument, which for a Swift `String` dies when the
/// call that made it returns. The arena copies bytes into chunks that stay valid until ``reset()``,
/// and keeps its first chunk between calls so the hot path does not allocate.
struct ByteArena: ~Copyable {
    private static let chunkSize = 4096
    private var chunks: [UnsafeMutableRawPointer]
    private var offset = 0
    private var capacity: Int

    init() {
        chunks = [UnsafeMutableRawPointer.allocate(byteCount: Self.chunkSize, alignment: 16)]
        capacity = Self.chunkSize
    }

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    /// Frees every chunk but the first; pointers handed out before are invalid afterwards.
    mutating func reset() {
        for chunk in chunks.dropFirst() { chunk.deallocate() }
        chunks.removeSubrange(1...)
        offset = 0
        capacity = Self.chunkSize
    }

    /// Room for `count` bytes aligned to 8, valid until ``reset()``.
    mutating func allocate(_ count: Int) -> UnsafeMutableRawPointer {
        let aligned = (offset + 7) & ~7
        if aligned + count <= capacity {
            offset = aligned + count
            return chunks[chunks.count - 1] + aligned
        }
        let size = max(Self.chunkSize, count)
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        chunks.append(chunk)
        capacity = size
        offset = count
        return chunk
    }

    /// A copy of `text` as `amqp_bytes_t`.
    mutating func bytes(_ text: String) -> amqp_bytes_t {
        var text = text
        return text.withUTF8 { utf8 in bytes(UnsafeRawBufferPointer(utf8)) }
    }

    /// A copy of `buffer` as `amqp_bytes_t`.
    mutating func bytes(_ buffer: UnsafeRawBufferPointer) -> amqp_bytes_t {
        guard buffer.count > 0, let base = buffer.baseAddress else { return amqp_empty_bytes }
        let memory = allocate(buffer.count)
        memory.copyMemory(from: base, byteCount: buffer.count)
        return amqp_bytes_t(len: buffer.count, bytes: memory)
    }

    /// A field table holding `entries`.
    mutating func table(_ entries: [(name: String, value: HeaderValue)]) -> amqp_table_t {
        guard !entries.isEmpty else { return amqp_empty_table }
        let stride = MemoryLayout<amqp_table_entry_t>.stride
        let memory = allocate(stride * entries.count).bindMemory(to: amqp_table_entry_t.self, capacity: entries.count)
        for (index, entry) in entries.enumerated() {
            var field = amqp_field_value_t()
            switch entry.value {
            case .string(let text):
                field.kind = UInt8(ascii: "S")
                field.value.bytes = bytes(text)
            case .integer(let number):
                field.kind = UInt8(ascii: "l")
                field.value.i64 = number
            }
            (memory + index).initialize(to: amqp_table_entry_t(key: bytes(entry.name), value: field))
        }
        return amqp_table_t(num_entries: Int32(entries.count), entries: memory)
    }
}

extension amqp_bytes_t {
    /// The bytes as a Swift string (lossy for invalid UTF-8).
    var string: String {
        guard len > 0, let bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: len), as: UTF8.self)
    }

    /// A copy of the bytes.
    var array: [UInt8] {
        guard len > 0, let bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: len))
    }
}

extension amqp_table_t {
    /// The string and integer entries of the table; other kinds are skipped.
    var headerValues: [String: HeaderValue] {
        var result: [String: HeaderValue] = [:]
        guard num_entries > 0, let entries else { return result }
        for index in 0..<Int(num_entries) {
            let entry = entries[index]
            let value = entry.value
            switch value.kind {
            case UInt8(ascii: "S"), UInt8(ascii: "x"): result[entry.key.string] = .string(value.value.bytes.string)
            case UInt8(ascii: "l"): result[entry.key.string] = .integer(value.value.i64)
            case UInt8(ascii: "L"): result[entry.key.string] = .integer(Int64(truncatingIfNeeded: value.value.u64))
            case UInt8(ascii: "I"): result[entry.key.string] = .integer(Int64(value.value.i32))
            case UInt8(ascii: "i"): result[entry.key.string] = .integer(Int64(value.value.u32))
            case UInt8(ascii: "s"): result[entry.key.string] = .integer(Int64(value.value.i16))
            case UInt8(ascii: "u"): result[entry.key.string] = .integer(Int64(value.value.u16))
            case UInt8(ascii: "b"): result[entry.key.string] = .integer(Int64(value.value.i8))
            case UInt8(ascii: "B"): result[entry.key.string] = .integer(Int64(value.value.u8))
            default: continue
            }
        }
        return result
    }
}
