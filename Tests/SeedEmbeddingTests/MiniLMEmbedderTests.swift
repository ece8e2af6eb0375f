import Foundation
import SeedEmbedding
import SeedWorkPool
import Testing

/// The real all-MiniLM-L6-v2 files, from the folder `SEED_TEST_EMBEDDING_MODEL_DIR` names
/// (`scripts/test` installs them with `seed_install_embedding_model`), and the reference vectors and
/// token ids that `Reference/make_reference.py` computed with sentence-transformers and `tokenizers`.
enum TestModel {
    static let variable = "SEED_TEST_EMBEDDING_MODEL_DIR"

    /// Loaded once for the whole suite (90 MB of weights).
    private static let loaded: Result<MiniLMModel, EmbeddingModelError> = {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else {
            return .failure(.notConfigured(variable))
        }
        do { return .success(try MiniLMModel(directory: URL(fileURLWithPath: path, isDirectory: true))) } catch let error as EmbeddingModelError {
            return .failure(error)
        } catch {
            return .failure(.unreadableFile(path, reason: "\(error)"))
        }
    }()

    /// The model; records a failure (never a skip) and throws when the variable is unset or the files are bad.
    static func model() throws -> MiniLMModel {
        switch loaded {
        case .success(let model): return model
        case .failure(let error):
            try #require(
                Bool(false),
                """
                \(error). Install the model and name it, e.g.: source scripts/lib/infra.sh && \
                source scripts/lib/embedding-model.sh && seed_install_embedding_model && \
                \(variable)=$SEED_EMBEDDING_MODEL_DIR swift test --filter SeedEmbeddingTests
                """)
            throw error
        }
    }

    static let pool = BlockingWorkPool(threadCount: 2, name: "embed-test")
}

/// One sentence of `Reference/reference.json`.
struct ReferenceCase: Decodable, Sendable, CustomTestStringConvertible {
    var text: String
    var tokenIDs: [Int]
    var embedding: [Float]
    var testDescription: String { text.count > 40 ? String(text.prefix(40)) + "…" : text }

    static let all: [ReferenceCase] = {
        struct File: Decodable { var cases: [ReferenceCase] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference/reference.json")
        // A broken reference file is a bug of the repository: fail loudly.
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }()
}

func cosine(_ a: [Float], _ b: [Float]) -> Double {
    var dot = 0.0, normA = 0.0, normB = 0.0
    for (x, y) in zip(a, b) {
        dot += Double(x) * Double(y)
        normA += Double(x) * Double(x)
        normB += Double(y) * Double(y)
    }
    return dot / (normA.squareRoot() * normB.squareRoot())
}

@Suite("MiniLM embedder against sentence-transformers")
struct MiniLMEmbedderTests {
    @Test("the reference file covers short, empty, truncated, accented, CJK and special-token texts")
    func referenceCoversTheHardCases() {
        let cases = ReferenceCase.all
        #expect(cases.count >= 20)
        #expect(cases.contains { $0.text.isEmpty })
        #expect(cases.contains { $0.tokenIDs.count == MiniLMModel.maxSequenceLength }, "a text long enough to be truncated")
        #expect(cases.contains { $0.text.contains("Café") })
        #expect(cases.contains { $0.text.contains("[SEP]") })
    }

    @Test("the tokenizer gives the ids of the Hugging Face tokenizers library", arguments: ReferenceCase.all)
    func tokenIDsMatchTheReference(_ reference: ReferenceCase) throws {
        let model = try TestModel.model()
        #expect(model.tokenIDs(reference.text) == reference.tokenIDs)
    }

    @Test("every vector has cosine ≥ 0.999 with sentence-transformers', embedded together in mixed-length batches")
    func vectorsMatchTheReference() async throws {
        let embedder = MiniLMEmbedder(model: try TestModel.model(), pool: TestModel.pool, batchSize: 8)
        let cases = ReferenceCase.all
        let vectors = try await embedder.embed(cases.map(\.text))
        try #require(vectors.count == cases.count)
        for (reference, vector) in zip(cases, vectors) {
            #expect(vector.count == 384)
            let similarity = cosine(vector, reference.embedding)
            #expect(similarity >= 0.999, "\(reference.testDescription): cosine \(similarity)")
        }
    }

    @Test("a text gets the same vector alone as in a padded batch, and the order of the texts is kept")
    func batchingAndOrderDoNotChangeVectors() async throws {
        let model = try TestModel.model()
        let texts = ReferenceCase.all.map(\.text).shuffled()
        let together = try await MiniLMEmbedder(model: model, pool: TestModel.pool, batchSize: 5).embed(texts)
        let alone = MiniLMEmbedder(model: model, pool: TestModel.pool, batchSize: 1)
        for (text, vector) in zip(texts, together) {
            let single = try await alone.embed([text])
            #expect(cosine(single[0], vector) > 0.99999, "\(text.prefix(40))")
        }
    }

    @Test("vectors are unit length, and a paraphrase is closer than an unrelated sentence")
    func vectorsAreNormalisedAndMeaningful() async throws {
        let embedder = MiniLMEmbedder(model: try TestModel.model(), pool: TestModel.pool)
        #expect(embedder.identifier == "all-MiniLM-L6-v2")
        #expect(embedder.dimensions == 384)
        let vectors = try await embedder.embed([
            "When does the shop open on Sundays?", "What are your opening hours on Sunday?", "Our invoices are payable within 30 days.",
        ])
        for vector in vectors {
            let norm = vector.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-4)
        }
        #expect(cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2]) + 0.3)
    }

    @Test("a question sharing the pool with a long ingestion is answered before the ingestion ends")
    func callsSharingAPoolTakeTurns() async throws {
        let pool = BlockingWorkPool(threadCount: 1, name: "embed-turns")
        let model = try TestModel.model()
        let ingestion = MiniLMEmbedder(model: model, pool: pool, batchSize: 1)
        let document = (0..<60).map { "Chunk \($0) of a long handbook about opening hours, refunds and deliveries." }
        let finished = Finished()
        let long = Task {
            let vectors = try await ingestion.embed(document)
            await finished.mark()
            return vectors.count
        }
        let question = try await MiniLMEmbedder(model: model, pool: pool).embed(["When do you open?"])
        #expect(question.count == 1)
        #expect(await !finished.value, "the question waited for the whole document")
        #expect(try await long.value == document.count)
    }

    actor Finished {
        private(set) var value = false
        func mark() { value = true }
    }

    @Test("no texts give no vectors")
    func noTextsNoVectors() async throws {
        let embedder = MiniLMEmbedder(model: try TestModel.model(), pool: TestModel.pool)
        #expect(try await embedder.embed([]).isEmpty)
    }

    @Test("a text beyond 256 tokens is cut: what follows the cut does not change its vector")
    func longTextsAreTruncated() async throws {
        let embedder = MiniLMEmbedder(model: try TestModel.model(), pool: TestModel.pool)
        let long = String(repeating: "the board discussed revenue and hiring plans. ", count: 60)
        let vectors = try await embedder.embed([long, long + " completely different ending about volcanoes"])
        #expect(cosine(vectors[0], vectors[1]) > 0.99999)
    }
}

@Suite("Loading the embedding model")
struct EmbeddingModelLoadingTests {
    @Test("a folder without the model files is refused with the file's name")
    func missingFilesAreNamed() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-model-\(UUID())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let error = #expect(throws: EmbeddingModelError.self) { try MiniLMModel(directory: empty) }
        guard case .unreadableFile(let path, _) = error else {
            Issue.record("expected unreadableFile, got \(String(describing: error))")
            return
        }
        #expect(path.hasSuffix("tokenizer.json"))
    }

    @Test("an unset SEED_EMBEDDING_MODEL_DIR is reported as not configured")
    func unsetVariableIsNotConfigured() {
        #expect(throws: EmbeddingModelError.self) { try MiniLMModel.directory(from: [:]) }
        #expect(throws: EmbeddingModelError.self) { try MiniLMModel.directory(from: [MiniLMModel.directoryVariable: ""]) }
        #expect((try? MiniLMModel.directory(from: [MiniLMModel.directoryVariable: "/models/minilm"]).path) == "/models/minilm")
    }

    @Test("a tokenizer.json of another kind than BERT WordPiece is refused")
    func otherTokenizersAreRefused() {
        let bpe = #"{"model": {"type": "BPE", "vocab": {}}, "normalizer": null, "pre_tokenizer": null}"#
        #expect(throws: EmbeddingModelError.self) { try WordPieceTokenizer(json: Data(bpe.utf8)) }
        #expect(throws: EmbeddingModelError.self) { try WordPieceTokenizer(json: Data("[]".utf8)) }
    }

    @Test("a small tokenizer.json splits punctuation, strips accents, lower-cases and spells words in ## pieces")
    func smallTokenizerFollowsBertRules() throws {
        let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "cafe", "un", "##believ", "##able", "!", ",", "a"]
        let vocab = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ("\"\($1)\"", $0) })
            .map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        let json = """
            {"added_tokens": [{"id": 3, "content": "[SEP]"}],
             "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
             "pre_tokenizer": {"type": "BertPreTokenizer"},
             "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
                       "vocab": {\(vocab)}}}
            """
        let tokenizer = try WordPieceTokenizer(json: Data(json.utf8))
        #expect(tokenizer.encode("CAFÉ, Unbelievable!", maxLength: 16) == [2, 5, 10, 6, 7, 8, 9, 3])
        #expect(tokenizer.encode("unbeliev a[SEP]zzz", maxLength: 16) == [2, 6, 7, 11, 3, 1, 3])
        #expect(tokenizer.encode("unbelievx", maxLength: 16) == [2, 1, 3], "a word the pieces cannot finish is [UNK] as a whole")
        #expect(tokenizer.encode("a a a a a", maxLength: 4) == [2, 11, 11, 3])
    }
}

@Suite("Reading safetensors")
struct SafeTensorsReadingTests {
    /// A safetensors file whose header is `header` (not padded, so the data start unaligned).
    static func file(header: String, payload: [UInt8]) -> URL {
        var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init)
        bytes += Array(header.utf8) + payload
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("weights-\(UUID()).safetensors")
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url
    }

    @Test("malformed headers are refused as malformed weights")
    func malformedHeadersAreRefused() throws {
        let cases: [(String, [UInt8])] = [
            ("not json", []),
            (#"{"embeddings.word_embeddings.weight": {"dtype": "F32", "shape": [1, 384], "data_offsets": [0, 1536]}}"#, [0, 0, 0, 0]),
            (#"{"x": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}}"#, [0, 0, 0, 0]),
        ]
        for (header, payload) in cases {
            let url = Self.file(header: header, payload: payload)
            defer { try? FileManager.default.removeItem(at: url) }
            let directory = url.deletingLastPathComponent().appendingPathComponent("model-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try FileManager.default.copyItem(at: url, to: directory.appendingPathComponent("model.safetensors"))
            try Data(Self.tinyTokenizer.utf8).write(to: directory.appendingPathComponent("tokenizer.json"))
            let error = #expect(throws: EmbeddingModelError.self) { try MiniLMModel(directory: directory) }
            guard case .malformedWeights = error else {
                Issue.record("expected malformedWeights for \(header), got \(String(describing: error))")
                continue
            }
        }
    }

    static let tinyTokenizer = """
        {"normalizer": {"type": "BertNormalizer"}, "pre_tokenizer": {"type": "BertPreTokenizer"},
         "model": {"type": "WordPiece", "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3}}}
        """
}
