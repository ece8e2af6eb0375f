import COpenBLAS
import Foundation
import SeedEmbedding
import SeedWorkPool

// seed-bench-embedding: how fast the default embedder (all-MiniLM-L6-v2 over OpenBLAS) turns texts
// into vectors, against the raw cblas_sgemm rate of the same matrix shapes measured in the same run.
//
//   SEED_EMBEDDING_MODEL_DIR=… seed-bench-embedding [SECONDS] [THREADS]
//
// SECONDS (default 10) per phase; THREADS (default: cores) is the size of the BlockingWorkPool the
// embedder runs on. OpenBLAS's own thread count comes from OPENBLAS_NUM_THREADS (printed). Prints:
//   embedding.sentences.throughput N sentences/s    512 business sentences of 8–40 words, 32 per batch
//   embedding.tokens.throughput N tokens/s          their real (unpadded) tokens
//   embedding.linear.gflops N GFLOP/s               the encoder's dense-layer FLOPs ÷ its whole time
//   raw.sgemm.gflops N GFLOP/s                      cblas_sgemm alone on the same shapes, same pool
//   ratio embedding.blas_peak_share N               the first ÷ the second: the share of the BLAS rate
//                                                   that the whole encoder (attention, LayerNorm, GELU,
//                                                   tokenizer, pooling included) reaches
//   embedding.question.p50 / p99 X ms               one short question at a time (the chat's case)

let arguments = Array(CommandLine.arguments.dropFirst())
let seconds = arguments.first.flatMap(Double.init) ?? 10
let threads = arguments.dropFirst().first.flatMap(Int.init) ?? BlockingWorkPool.coreCount
let pool = BlockingWorkPool(threadCount: threads, name: "embed-bench")
let model: MiniLMModel
do {
    model = try await MiniLMModel.load(from: MiniLMModel.directory(), pool: pool)
} catch {
    FileHandle.standardError.write(Data("seed-bench-embedding: \(error)\n".utf8))
    exit(1)
}
let embedder = MiniLMEmbedder(model: model, pool: pool)

// Deterministic business-like sentences of varied length.
let words = """
    our bakery opens at seven on weekdays and closes early on sunday customers can order cakes online \
    refunds are issued within fourteen days delivery is free above fifty euros the team answers email \
    within one business day invoices are payable at thirty days the warehouse ships from lyon and berlin \
    staff training covers hygiene safety and customer service every new employee shadows a senior colleague
    """.split(separator: " ").map(String.init)
/// A fixed linear congruential sequence, so that every run embeds the same texts.
struct Sequence {
    var state: UInt64 = 42
    mutating func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(state >> 33)
    }
}
var random = Sequence()
var sentences: [String] = []
for _ in 0..<512 {
    let count = 8 + random.next() % 33
    var sentence: [String] = []
    for _ in 0..<count { sentence.append(words[random.next() % words.count]) }
    sentences.append(sentence.joined(separator: " ").capitalized + ".")
}

// The batches embed() forms (longest first, 32 per batch) and their padded lengths, for the FLOP count.
let batchSize = embedder.batchSize
let order = sentences.indices.sorted { sentences[$0].unicodeScalars.count > sentences[$1].unicodeScalars.count }
let batchShapes: [(rows: Int, lengths: [Int])] = stride(from: 0, to: order.count, by: batchSize).map { start in
    let lengths = order[start..<min(start + batchSize, order.count)].map { model.tokenIDs(sentences[$0]).count }
    return (lengths.count * lengths.max()!, lengths)
}
let tokens = batchShapes.flatMap(\.lengths).reduce(0, +)
let hidden = 384, inner = 1536, layers = 6
/// (outputs, inputs) of the four dense products of a layer: QKV, attention output, intermediate, output.
let shapes = [(3 * hidden, hidden), (hidden, hidden), (inner, hidden), (hidden, inner)]
let linearFLOPsPerRow = Double(layers) * shapes.reduce(0.0) { $0 + 2 * Double($1.0 * $1.1) }
let linearFLOPs = batchShapes.reduce(0.0) { $0 + Double($1.rows) * linearFLOPsPerRow }
let attentionFLOPs = batchShapes.reduce(0.0) { total, shape in
    total + shape.lengths.reduce(0.0) { $0 + Double(layers) * 4 * Double($1 * $1 * hidden) }
}

/// Runs `body` repeatedly for `seconds` after one warm-up call; returns the calls per second.
func repeatedly(_ body: () async throws -> Void) async rethrows -> Double {
    try await body()
    let clock = ContinuousClock()
    let start = clock.now
    var calls = 0
    while start.duration(to: clock.now) < .seconds(seconds) {
        try await body()
        calls += 1
    }
    return Double(calls) / (start.duration(to: clock.now) / .seconds(1))
}

/// The same dense products as the encoder's, with cblas_sgemm alone, one job per batch on the pool.
let weights = shapes.map { [Float](repeating: 0.01, count: $0.0 * $0.1) }
func rawBatches() async {
    await withTaskGroup(of: Void.self) { group in
        for shape in batchShapes {
            group.addTask {
                await pool.run {
                    let rows = shape.rows
                    var input = [Float](repeating: 0.5, count: rows * inner)
                    var output = [Float](repeating: 0, count: rows * inner)
                    for _ in 0..<layers {
                        for (index, (outputs, inputs)) in shapes.enumerated() {
                            cblas_sgemm(
                                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs),
                                1, &input, Int32(inputs), weights[index], Int32(inputs), 1, &output, Int32(outputs))
                        }
                    }
                    withExtendedLifetime((input, output)) {}
                }
            }
        }
    }
}

func line(_ name: String, _ value: Double, _ unit: String, digits: Int = 1) {
    print("\(name) \(String(format: "%.\(digits)f", value)) \(unit)")
}

let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "?"
print("# machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu); pool threads \(threads), OpenBLAS threads \(openblas_get_num_threads())")
print("# work: \(sentences.count) sentences, \(tokens) tokens, \(batchShapes.count) batches of ≤ \(batchSize); \(String(format: "%.2f", linearFLOPs / 1e9)) GFLOP dense + \(String(format: "%.2f", attentionFLOPs / 1e9)) GFLOP attention per pass; \(Int(seconds)) s per phase")

let rawPasses = await repeatedly { await rawBatches() }
let passes = try await repeatedly { _ = try await embedder.embed(sentences) }
let rawRate = rawPasses * linearFLOPs / 1e9
let encoderRate = passes * linearFLOPs / 1e9
line("embedding.sentences.throughput", passes * Double(sentences.count), "sentences/s")
line("embedding.tokens.throughput", passes * Double(tokens), "tokens/s")
line("embedding.linear.gflops", encoderRate, "GFLOP/s")
line("raw.sgemm.gflops", rawRate, "GFLOP/s")
print("ratio embedding.blas_peak_share \(String(format: "%.3f", encoderRate / rawRate))")

// One short question at a time, as the public chat embeds it.
let clock = ContinuousClock()
var latencies: [Double] = []
let question = ["What are your opening hours on Sunday?"]
_ = try await embedder.embed(question)
let latencyStart = clock.now
while latencyStart.duration(to: clock.now) < .seconds(seconds / 2) {
    let begin = clock.now
    _ = try await embedder.embed(question)
    latencies.append(begin.duration(to: clock.now) / .milliseconds(1))
}
latencies.sort()
line("embedding.question.p50", latencies[latencies.count / 2], "ms", digits: 2)
line("embedding.question.p99", latencies[min(latencies.count - 1, latencies.count * 99 / 100)], "ms", digits: 2)
