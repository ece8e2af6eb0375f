import Foundation

/// The float32 tensors of a `.safetensors` file, read once into memory.
///
/// The format: an 8-byte little-endian header length `n`, `n` bytes of JSON mapping each tensor's
/// name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets relative to the end of the
/// header; an optional `__metadata__` entry holds strings), then the raw little-endian tensor data.
/// Only `F32` tensors are loaded; tensors of other types (such as BERT's `I64` `position_ids`) are
/// listed in ``skipped`` and otherwise ignored.
struct SafeTensors: Sendable {
    /// One tensor: its shape (row-major) and its values.
    struct Tensor: Sendable {
        var shape: [Int]
        var values: [Float]
    }

    /// The float32 tensors by name.
    private(set) var tensors: [String: Tensor] = [:]
    /// The names of the tensors of another type than `F32`.
    private(set) var skipped: [String] = []

    /// Reads and checks the file at `url`.
    /// - Throws: ``EmbeddingModelError/unreadableFile(_:reason:)`` when the file cannot be read,
    ///   ``EmbeddingModelError/malformedWeights(_:)`` when its header or offsets are not valid.
    init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw EmbeddingModelError.unreadableFile(url.path, reason: "\(error)")
        }
        try self.init(data: data)
    }

    /// Parses the bytes of a safetensors file.
    init(data: Data) throws {
        guard data.count >= 8 else { throw EmbeddingModelError.malformedWeights("file shorter than its 8-byte header length") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw EmbeddingModelError.malformedWeights("header length \(headerLength) exceeds the file (\(data.count) bytes)")
        }
        let dataStart = 8 + Int(headerLength)
        let header = data.subdata(in: 8..<dataStart)
        guard let entries = (try? JSONSerialization.jsonObject(with: header)) as? [String: Any] else {
            throw EmbeddingModelError.malformedWeights("header is not a JSON object")
        }
        let payloadCount = data.count - dataStart
        for (name, entry) in entries where name != "__metadata__" {
            guard let entry = entry as? [String: Any], let dtype = entry["dtype"] as? String,
                let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2
            else { throw EmbeddingModelError.malformedWeights("tensor \(name): missing dtype, shape or data_offsets") }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= payloadCount, shape.allSatisfy({ $0 >= 0 }) else {
                throw EmbeddingModelError.malformedWeights("tensor \(name): offsets \(offsets) outside the data (\(payloadCount) bytes)")
            }
            guard dtype == "F32" else {
                skipped.append(name)
                continue
            }
            let count = shape.reduce(1, *)
            guard end - begin == count * MemoryLayout<Float>.size else {
                throw EmbeddingModelError.malformedWeights("tensor \(name): \(end - begin) bytes for shape \(shape)")
            }
            var values = [Float](repeating: 0, count: count)
            values.withUnsafeMutableBytes { destination in
                data.withUnsafeBytes { source in
                    // The data may start at any byte: copy bytes, then read them as little-endian bits.
                    destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[(dataStart + begin)..<(dataStart + end)]))
                }
            }
            #if _endian(big)
                for index in values.indices { values[index] = Float(bitPattern: UInt32(littleEndian: values[index].bitPattern)) }
            #endif
            tensors[name] = Tensor(shape: shape, values: values)
        }
        skipped.sort()
    }

    /// The tensor `name`, checked to have `shape`.
    /// - Throws: ``EmbeddingModelError/malformedWeights(_:)`` when it is missing or shaped otherwise.
    func tensor(_ name: String, shape: [Int]) throws -> [Float] {
        guard let tensor = tensors[name] else { throw EmbeddingModelError.malformedWeights("missing tensor \(name)") }
        guard tensor.shape == shape else {
            throw EmbeddingModelError.malformedWeights("tensor \(name) has shape \(tensor.shape), expected \(shape)")
        }
        return tensor.values
    }
}
