import COpenBLAS
import Foundation

/// A BERT encoder (post-LayerNorm, absolute positions, GELU) with mean pooling and L2 normalisation:
/// the forward pass sentence-transformers runs for all-MiniLM-L6-v2, in float32 over CBLAS.
///
/// The weights are read once from `model.safetensors` (Hugging Face `BertModel` names) and never
/// change, so one encoder serves any number of threads at once. ``encode(_:)`` is synchronous and
/// CPU-heavy: call it from a ``BlockingWorkPool`` (``MiniLMEmbedder`` does).
struct BertEncoder: Sendable {
    /// The shape of the network.
    struct Configuration: Sendable, Equatable {
        var hiddenSize = 384
        var attentionHeads = 12
        var intermediateSize = 1536
        var layerCount = 6
        var maxPositions = 512
        var layerNormEpsilon: Float = 1e-12
    }

    struct Layer: Sendable {
        /// Query, key and value projections stacked: (3·hidden) × hidden, row-major, and their biases.
        var qkvWeight: [Float], qkvBias: [Float]
        var attentionOutputWeight: [Float], attentionOutputBias: [Float]
        var attentionNormWeight: [Float], attentionNormBias: [Float]
        var intermediateWeight: [Float], intermediateBias: [Float]
        var outputWeight: [Float], outputBias: [Float]
        var outputNormWeight: [Float], outputNormBias: [Float]
    }

    let configuration: Configuration
    let vocabularySize: Int
    let wordEmbeddings: [Float]
    let positionEmbeddings: [Float]
    let tokenTypeEmbedding: [Float]
    let embeddingNormWeight: [Float], embeddingNormBias: [Float]
    let layers: [Layer]

    /// Takes the weights from `tensors`, checking every shape against `configuration`; the number of
    /// layers is that of `encoder.layer.N` tensors present.
    init(tensors: SafeTensors, configuration base: Configuration = Configuration()) throws {
        var configuration = base
        let hidden = configuration.hiddenSize, inner = configuration.intermediateSize
        guard let words = tensors.tensors["embeddings.word_embeddings.weight"], words.shape.count == 2, words.shape[1] == hidden else {
            throw EmbeddingModelError.malformedWeights("embeddings.word_embeddings.weight missing or not [vocabulary, \(hidden)]")
        }
        vocabularySize = words.shape[0]
        wordEmbeddings = words.values
        positionEmbeddings = try tensors.tensor("embeddings.position_embeddings.weight", shape: [configuration.maxPositions, hidden])
        tokenTypeEmbedding = Array(try tensors.tensor("embeddings.token_type_embeddings.weight", shape: [2, hidden]).prefix(hidden))
        embeddingNormWeight = try tensors.tensor("embeddings.LayerNorm.weight", shape: [hidden])
        embeddingNormBias = try tensors.tensor("embeddings.LayerNorm.bias", shape: [hidden])
        var layers: [Layer] = []
        while tensors.tensors["encoder.layer.\(layers.count).attention.self.query.weight"] != nil {
            let prefix = "encoder.layer.\(layers.count)."
            func weight(_ name: String, _ shape: [Int]) throws -> [Float] { try tensors.tensor(prefix + name, shape: shape) }
            layers.append(
                Layer(
                    qkvWeight: try weight("attention.self.query.weight", [hidden, hidden])
                        + weight("attention.self.key.weight", [hidden, hidden]) + weight("attention.self.value.weight", [hidden, hidden]),
                    qkvBias: try weight("attention.self.query.bias", [hidden]) + weight("attention.self.key.bias", [hidden])
                        + weight("attention.self.value.bias", [hidden]),
                    attentionOutputWeight: try weight("attention.output.dense.weight", [hidden, hidden]),
                    attentionOutputBias: try weight("attention.output.dense.bias", [hidden]),
                    attentionNormWeight: try weight("attention.output.LayerNorm.weight", [hidden]),
                    attentionNormBias: try weight("attention.output.LayerNorm.bias", [hidden]),
                    intermediateWeight: try weight("intermediate.dense.weight", [inner, hidden]),
                    intermediateBias: try weight("intermediate.dense.bias", [inner]),
                    outputWeight: try weight("output.dense.weight", [hidden, inner]),
                    outputBias: try weight("output.dense.bias", [hidden]),
                    outputNormWeight: try weight("output.LayerNorm.weight", [hidden]),
                    outputNormBias: try weight("output.LayerNorm.bias", [hidden])))
        }
        guard !layers.isEmpty else { throw EmbeddingModelError.malformedWeights("no encoder.layer.0 tensors") }
        guard hidden % configuration.attentionHeads == 0 else {
            throw EmbeddingModelError.malformedWeights("hidden size \(hidden) not divisible by \(configuration.attentionHeads) heads")
        }
        configuration.layerCount = layers.count
        self.configuration = configuration
        self.layers = layers
    }

    /// The normalised mean-pooled embedding of each sequence of token ids (each framed by `[CLS]` …
    /// `[SEP]`, at most `maxPositions` long). The sequences are padded to the longest: padding is
    /// masked out of attention and pooling, so each vector is the one the sequence gets alone.
    func encode(_ sequences: [[Int]]) -> [[Float]] {
        guard let length = sequences.map(\.count).max(), length > 0 else { return sequences.map { _ in [Float](repeating: 0, count: configuration.hiddenSize) } }
        precondition(length <= configuration.maxPositions, "sequence longer than the model's \(configuration.maxPositions) positions")
        let hidden = configuration.hiddenSize
        let rows = sequences.count * length
        var states = [Float](repeating: 0, count: rows * hidden)
        // Embeddings: word + position + token type 0, then LayerNorm. Padding rows stay zero.
        for (batchIndex, ids) in sequences.enumerated() {
            for (position, id) in ids.enumerated() {
                precondition(id >= 0 && id < vocabularySize, "token id \(id) outside the vocabulary")
                let row = (batchIndex * length + position) * hidden
                for column in 0..<hidden {
                    states[row + column] = wordEmbeddings[id * hidden + column] + positionEmbeddings[position * hidden + column]
                        + tokenTypeEmbedding[column]
                }
            }
        }
        layerNorm(&states, rows: rows, weight: embeddingNormWeight, bias: embeddingNormBias)
        let lengths = sequences.map(\.count)
        for layer in layers { apply(layer, to: &states, lengths: lengths, paddedLength: length) }
        // Mean over the real tokens, then divide by the L2 norm (at least 1e-12, as torch's normalize).
        return lengths.enumerated().map { batchIndex, count in
            var pooled = [Float](repeating: 0, count: hidden)
            guard count > 0 else { return pooled }
            for position in 0..<count {
                let row = (batchIndex * length + position) * hidden
                for column in 0..<hidden { pooled[column] += states[row + column] }
            }
            var squares: Float = 0
            for column in 0..<hidden {
                pooled[column] /= Float(count)
                squares += pooled[column] * pooled[column]
            }
            let norm = max(squares.squareRoot(), 1e-12)
            return pooled.map { $0 / norm }
        }
    }

    private func apply(_ layer: Layer, to states: inout [Float], lengths: [Int], paddedLength: Int) {
        let hidden = configuration.hiddenSize, heads = configuration.attentionHeads
        let headSize = hidden / heads, rows = lengths.count * paddedLength
        let scale = 1 / Float(headSize).squareRoot()
        // Q | K | V for every row at once: rows × 3·hidden.
        var qkv = [Float](repeating: 0, count: rows * 3 * hidden)
        linear(states, rows: rows, inputs: hidden, weight: layer.qkvWeight, bias: layer.qkvBias, outputs: 3 * hidden, into: &qkv)
        // Attention per sequence and head, over the sequence's real tokens only (the mask).
        var context = [Float](repeating: 0, count: rows * hidden)
        var scores = [Float](repeating: 0, count: paddedLength * paddedLength)
        qkv.withUnsafeBufferPointer { qkv in
            context.withUnsafeMutableBufferPointer { context in
                scores.withUnsafeMutableBufferPointer { scores in
                    for (batchIndex, count) in lengths.enumerated() where count > 0 {
                        let base = batchIndex * paddedLength
                        for head in 0..<heads {
                            let query = qkv.baseAddress! + base * 3 * hidden + head * headSize
                            let key = query + hidden
                            let value = query + 2 * hidden
                            // scores = scale · Q Kᵀ   (count × count)
                            cblas_sgemm(
                                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(count), Int32(count), Int32(headSize),
                                scale, query, Int32(3 * hidden), key, Int32(3 * hidden), 0, scores.baseAddress!, Int32(count))
                            for row in 0..<count { softmax(scores.baseAddress! + row * count, count: count) }
                            // context = softmax(scores) V   (count × headSize), into this head's columns
                            cblas_sgemm(
                                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(count), Int32(headSize), Int32(count),
                                1, scores.baseAddress!, Int32(count), value, Int32(3 * hidden), 0,
                                context.baseAddress! + base * hidden + head * headSize, Int32(hidden))
                        }
                    }
                }
            }
        }
        var attended = [Float](repeating: 0, count: rows * hidden)
        linear(context, rows: rows, inputs: hidden, weight: layer.attentionOutputWeight, bias: layer.attentionOutputBias, outputs: hidden, into: &attended)
        addInPlace(&attended, states)
        layerNorm(&attended, rows: rows, weight: layer.attentionNormWeight, bias: layer.attentionNormBias)
        let inner = configuration.intermediateSize
        var intermediate = [Float](repeating: 0, count: rows * inner)
        linear(attended, rows: rows, inputs: hidden, weight: layer.intermediateWeight, bias: layer.intermediateBias, outputs: inner, into: &intermediate)
        intermediate.withUnsafeMutableBufferPointer { values in
            // GELU, the exact (erf) form that BERT's "gelu" is.
            for index in values.indices {
                let x = values[index]
                values[index] = 0.5 * x * (1 + erf(x * 0.70710678118654752))
            }
        }
        linear(intermediate, rows: rows, inputs: inner, weight: layer.outputWeight, bias: layer.outputBias, outputs: hidden, into: &states)
        addInPlace(&states, attended)
        layerNorm(&states, rows: rows, weight: layer.outputNormWeight, bias: layer.outputNormBias)
    }

    /// output = input · weightᵀ + bias, with `weight` outputs × inputs (PyTorch's `Linear` layout).
    private func linear(_ input: [Float], rows: Int, inputs: Int, weight: [Float], bias: [Float], outputs: Int, into output: inout [Float]) {
        output.withUnsafeMutableBufferPointer { output in
            for row in 0..<rows { _ = UnsafeMutableBufferPointer(rebasing: output[(row * outputs)..<((row + 1) * outputs)]).update(fromContentsOf: bias) }
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs),
                1, input, Int32(inputs), weight, Int32(inputs), 1, output.baseAddress!, Int32(outputs))
        }
    }

    private func addInPlace(_ target: inout [Float], _ other: [Float]) {
        target.withUnsafeMutableBufferPointer { target in
            other.withUnsafeBufferPointer { other in
                for index in target.indices { target[index] += other[index] }
            }
        }
    }

    private func layerNorm(_ values: inout [Float], rows: Int, weight: [Float], bias: [Float]) {
        let width = weight.count, epsilon = configuration.layerNormEpsilon
        values.withUnsafeMutableBufferPointer { values in
            for row in 0..<rows {
                let start = row * width
                var mean: Float = 0
                for column in 0..<width { mean += values[start + column] }
                mean /= Float(width)
                var variance: Float = 0
                for column in 0..<width {
                    let delta = values[start + column] - mean
                    variance += delta * delta
                }
                variance /= Float(width)
                let inverse = 1 / (variance + epsilon).squareRoot()
                for column in 0..<width {
                    values[start + column] = (values[start + column] - mean) * inverse * weight[column] + bias[column]
                }
            }
        }
    }

    private func softmax(_ row: UnsafeMutablePointer<Float>, count: Int) {
        var largest = -Float.infinity
        for index in 0..<count { largest = max(largest, row[index]) }
        var sum: Float = 0
        for index in 0..<count {
            row[index] = exp(row[index] - largest)
            sum += row[index]
        }
        for index in 0..<count { row[index] /= sum }
    }
}
