import Foundation
import Testing
@testable import SeedContracts

/// `WireJSON` must give exactly what Foundation gives with `WireCoding`'s configuration: the same bytes
/// when encoding, the same value (or a refusal, after which Foundation decides) when decoding.
@Suite("The fast wire JSON coder agrees with Foundation")
struct WireJSONTests {
    private let foundationEncoder = WireCoding.encoder()
    private let foundationDecoder = WireCoding.decoder()

    // MARK: Encoding

    @Test("every catalog example, in several envelopes, encodes to Foundation's bytes")
    func catalogExamplesEncodeAlike() throws {
        var generator = SystemRandomNumberGenerator()
        for type in ContractCatalog.all {
            for _ in 0..<20 {
                try checkCatalogType(type, generator: &generator)
            }
        }
    }

    private func checkCatalogType<M: Message>(_ type: M.Type, generator: inout SystemRandomNumberGenerator) throws {
        let envelope = randomEnvelope(type: M.messageType, generator: &generator)
        try expectSameEncoding(WireMessage(envelope: envelope, payload: M.example))
        try expectSameEncoding(WireMessage<M>(envelope: envelope, error: ContractError(
            .validation, randomString(&generator), details: ["field": randomString(&generator), randomString(&generator): "x"])))
        let bytes = try foundationEncoder.encode(WireMessage(envelope: envelope, payload: M.example))
        try expectSameDecoding(M.self, Array(bytes), fast: true)
    }

    @Test("random payloads with escapes, unicode, dates, integers and nesting encode to Foundation's bytes")
    func randomPayloadsEncodeAlike() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let payload = Sample.random(&generator, depth: 2)
            let message = WireMessage(envelope: randomEnvelope(type: Sample.messageType, generator: &generator), payload: payload)
            let bytes = try expectSameEncoding(message)
            try expectSameDecoding(Sample.self, bytes, fast: true)
        }
    }

    @Test("every control character, quote, backslash and slash is written as Foundation writes it")
    func everyAsciiCharacter() throws {
        var generator = SystemRandomNumberGenerator()
        let all = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self) + "é😀\u{2028}\u{FEFF}</script>"
        var sample = Sample.random(&generator, depth: 0)
        sample.text = all
        sample.map = [all: all, "": "", "B": "b", "a": "A", "é": "e", "e": "é", "aa": "a", "a\u{0}": "nul"]
        let bytes = try expectSameEncoding(WireMessage(envelope: MessageEnvelope(type: Sample.messageType), payload: sample))
        // `\u{0}` in a string is written as `\u0000`, which the fast decoder leaves to Foundation.
        try expectSameDecoding(Sample.self, bytes)
    }

    @Test("values it does not cover are refused, and WireCoding then writes Foundation's bytes")
    func unsupportedValuesFallBack() throws {
        let message = WireMessage(envelope: MessageEnvelope(type: Sample.messageType), payload: WithDouble(value: 0.1, data: Data([1, 2])))
        #expect(throws: WireJSON.Unsupported.self) { try WireJSON.encode(message) }
        #expect(try WireCoding.encode(message) == Array(try foundationEncoder.encode(message)))
        let decoded = try WireCoding.decode(WithDouble.self, from: try WireCoding.encode(message))
        #expect(decoded.payload == message.payload)
    }

    @Test("hand-written encode(to:) with keys out of order, nested containers and a container asked for twice encodes to Foundation's bytes")
    func handWrittenEncodersEncodeAlike() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let payload = Handwritten(
                number: Int.random(in: Int.min...Int.max, using: &generator), text: randomString(&generator),
                list: (0..<Int.random(in: 0...4, using: &generator)).map { _ in Int.random(in: -9...9, using: &generator) },
                interleaved: false)
            let bytes = try expectSameEncoding(WireMessage(envelope: randomEnvelope(type: Handwritten.messageType, generator: &generator), payload: payload))
            try expectSameDecoding(Handwritten.self, bytes, fast: true)
        }
    }

    @Test("writing into a nested container after its parent wrote again is left to Foundation, which writes the bytes")
    func interleavedContainersFallBack() throws {
        let message = WireMessage(
            envelope: MessageEnvelope(type: Handwritten.messageType),
            payload: Handwritten(number: 7, text: "t", list: [1, 2], interleaved: true))
        #expect(throws: WireJSON.Unsupported.self) { try WireJSON.encode(message) }
        #expect(try WireCoding.encode(message) == Array(try foundationEncoder.encode(message)))
    }

    @Test("a key written twice is left to Foundation, which writes the bytes")
    func repeatedKeysFallBack() throws {
        let message = WireMessage(envelope: MessageEnvelope(type: RepeatedKey.messageType), payload: RepeatedKey())
        #expect(throws: WireJSON.Unsupported.self) { try WireJSON.encode(message) }
        #expect(try WireCoding.encode(message) == Array(try foundationEncoder.encode(message)))
    }

    // MARK: Decoding

    @Test("hand-written bodies decode as Foundation decodes them, or are left to it")
    func handWrittenBodies() throws {
        let envelope = #""envelope":{"messageId":"m-1","correlationId":"c-1","type":"bench.sample.v1","occurredAt":"2026-03-01T10:00:00Z"}"#
        let payloads = [
            #"{"text":"plain","number":1,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00.123Z"}"#,
            #"{ "text" : "a\/b\"c\\d\n\u00e9\u00E9\ud83d\ude00" , "number" : -12 , "flag" : false , "list" : [ "x" , "y" ] , "map" : { "k" : "v" } , "kind" : "beta" , "when" : "2026-03-01T10:00:00Z" }"#,
            #"{"text":"t","number":1e2,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"t","number":1.0,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"t","number":-0,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"t","number":99999999999999999999,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"t","number":01,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"t","text":"u","number":1,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"\ud83d","number":1,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"\u0000","number":1,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"tab"# + "\t" + #"raw","number":1,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"t","number":1,"flag":1,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"t","number":1,"flag":true,"list":[null],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"t","number":1,"flag":true,"list":[],"map":{},"kind":"gamma","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"t","number":1,"flag":true,"list":[],"map":{},"kind":"alpha","when":"yesterday"}"#,
            #"{"text":"t","number":1,"flag":true,"list":[],"map":{},"kind":"alpha"}"#,
            #"{"text":null,"number":1,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
            #"{"text":"t","number":1,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z","note":null,"extra":[1.5,{"deep":[true]}]}"#,
            #"{"text":"t","number":1,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z",}"#,
            #"{"text":"t","number":1,"flag":true,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"} x"#,
            #"{"text":"t","number":1,"flag":tru,"list":[],"map":{},"kind":"alpha","when":"2026-03-01T10:00:00Z"}"#,
        ]
        for payload in payloads {
            for body in ["{\(envelope),\"payload\":\(payload)}", "\n {\"payload\":\(payload), \(envelope)}\t", "{\(envelope),\"error\":{\"code\":\"conflict\",\"message\":\"m\"}}"] {
                try expectSameDecoding(Sample.self, Array(body.utf8))
            }
        }
        try expectSameDecoding(Sample.self, [0xEF, 0xBB, 0xBF] + Array("{\(envelope),\"payload\":\(payloads[0])}".utf8))
        try expectSameDecoding(Sample.self, Array("{\(envelope),\"payload\":{\"text\":\"".utf8) + [0xC3, 0x28] + Array("\"}}".utf8))
    }

    // MARK: Helpers

    @discardableResult
    private func expectSameEncoding<M>(_ message: WireMessage<M>, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
        let expected = Array(try foundationEncoder.encode(message))
        let fast = try WireJSON.encode(message)
        #expect(fast == expected, "\(String(decoding: fast, as: UTF8.self))\n!=\n\(String(decoding: expected, as: UTF8.self))", sourceLocation: sourceLocation)
        #expect(try WireCoding.encode(message) == expected, sourceLocation: sourceLocation)
        return expected
    }

    /// The fast decoder either refuses the body or decodes what Foundation decodes (compared by
    /// Foundation's encoding of both); `WireCoding.decode` succeeds exactly when Foundation does.
    private func expectSameDecoding<M: Codable & Sendable>(
        _ type: M.Type, _ bytes: [UInt8], fast mustBeFast: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let body = String(decoding: bytes, as: UTF8.self)
        let expected = Result { try foundationDecoder.decode(WireMessage<M>.self, from: Data(bytes)) }
        let fast = Result { try bytes.withUnsafeBufferPointer { try WireJSON.decode(WireMessage<M>.self, from: $0) } }
        let viaWireCoding = Result { try WireCoding.decode(M.self, from: bytes) }
        switch (expected, fast) {
        case (.success(let foundation), .success(let mine)):
            #expect(try foundationEncoder.encode(mine) == foundationEncoder.encode(foundation), "\(body)", sourceLocation: sourceLocation)
        case (.failure, .success):
            Issue.record("the fast decoder accepted a body Foundation refuses: \(body)", sourceLocation: sourceLocation)
        case (.failure, .failure):
            break
        case (.success, .failure(let error)):
            #expect(!mustBeFast, "the fast decoder refused a body the encoder wrote: \(error): \(body)", sourceLocation: sourceLocation)
        }
        switch (expected, viaWireCoding) {
        case (.success(let foundation), .success(let decoded)):
            #expect(try foundationEncoder.encode(decoded) == foundationEncoder.encode(foundation), "\(body)", sourceLocation: sourceLocation)
        case (.failure(let foundation), .failure(let decoded)):
            #expect("\(foundation)" == "\(decoded)", sourceLocation: sourceLocation)
        default:
            Issue.record("WireCoding and Foundation disagree on \(body): \(expected) vs \(viaWireCoding)", sourceLocation: sourceLocation)
        }
    }

    private func randomEnvelope(type: MessageType, generator: inout SystemRandomNumberGenerator) -> MessageEnvelope {
        let optional = { (generator: inout SystemRandomNumberGenerator) -> String? in
            Bool.random(using: &generator) ? randomString(&generator) : nil
        }
        return MessageEnvelope(
            messageId: Bool.random(using: &generator) ? MessageEnvelope.newId() : randomString(&generator),
            correlationId: optional(&generator), causationId: optional(&generator), type: type,
            tenant: optional(&generator), actor: optional(&generator),
            occurredAt: Date(timeIntervalSince1970: Double.random(in: -100_000_000_000...300_000_000_000, using: &generator)),
            traceparent: Bool.random(using: &generator) ? TraceParent.random().description : optional(&generator))
    }
}

/// Characters chosen to catch escaping and sorting differences.
private let alphabet: [String] = ["a", "b", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1}",
                                  "\u{1F}", "\u{7F}", "é", "ß", "日本", "😀", "👩‍👩‍👧", "\u{2028}", "\u{FEFF}", "e\u{301}", "<", "&", "'"]

private func randomString(_ generator: inout SystemRandomNumberGenerator) -> String {
    (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
}

/// A payload with every kind of member the suite's messages use.
private struct Sample: Message, Equatable {
    static let messageType = MessageType("bench.sample", version: 1)
    static let summary = "Test payload."
    static let example = Sample(text: "t", number: 1, flag: true, list: [], map: [:], kind: .alpha, when: Date(timeIntervalSince1970: 0))

    enum Kind: String, Codable, Equatable { case alpha, beta }

    struct Nested: Codable, Equatable {
        var name: String
        var big: UInt64
        var small: Int8
        var children: [Nested]
        var optionalDate: Date?
    }

    var text: String
    var number: Int
    var flag: Bool
    var list: [String]
    var map: [String: String]
    var kind: Kind
    var when: Date
    var note: String?
    var extremes: [Int64]?
    var nested: Nested?
    var matrix: [[Int]]?
    var optionals: [String?]?
    var counts: [Int: Int]?

    static func random(_ generator: inout SystemRandomNumberGenerator, depth: Int) -> Sample {
        func nested(_ depth: Int) -> Nested {
            Nested(
                name: randomString(&generator), big: UInt64.random(in: 0...UInt64.max, using: &generator),
                small: Int8.random(in: -128...127, using: &generator),
                children: depth > 0 ? (0..<Int.random(in: 0...2, using: &generator)).map { _ in nested(depth - 1) } : [],
                optionalDate: Bool.random(using: &generator) ? Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_000_000_000_000, using: &generator)) / 1000) : nil)
        }
        let maybe = { (generator: inout SystemRandomNumberGenerator) in Bool.random(using: &generator) }
        return Sample(
            text: randomString(&generator), number: Int.random(in: Int.min...Int.max, using: &generator), flag: maybe(&generator),
            list: (0..<Int.random(in: 0...3, using: &generator)).map { _ in randomString(&generator) },
            map: Dictionary((0..<Int.random(in: 0...5, using: &generator)).map { _ in (randomString(&generator), randomString(&generator)) }, uniquingKeysWith: { a, _ in a }),
            kind: maybe(&generator) ? .alpha : .beta,
            when: Date(timeIntervalSince1970: Double(Int64.random(in: -1_000_000_000_000...300_000_000_000_000, using: &generator)) / 1000),
            note: maybe(&generator) ? randomString(&generator) : nil,
            extremes: maybe(&generator) ? [Int64.min, Int64.max, 0, -1] : nil,
            nested: maybe(&generator) ? nested(depth) : nil,
            matrix: maybe(&generator) ? [[1, 2], [], [-3]] : nil,
            optionals: maybe(&generator) ? ["x", nil, randomString(&generator)] : nil,
            counts: maybe(&generator) ? [10: 1, 2: 20, -3: 0] : nil)
    }
}

private struct WithDouble: Message, Equatable {
    static let messageType = MessageType("bench.double", version: 1)
    static let summary = "Test payload."
    static let example = WithDouble(value: 1, data: Data())
    var value: Double
    var data: Data
}

/// A payload whose `encode(to:)` is written by hand: keys out of order, nested keyed and unkeyed
/// containers, an object inside an array, and its keyed container asked for twice. With `interleaved`
/// it writes into a nested container after the parent wrote again (legal, rare, left to Foundation).
private struct Handwritten: Message, Equatable {
    static let messageType = MessageType("bench.handwritten", version: 1)
    static let summary = "Test payload."
    static let example = Handwritten(number: 1, text: "t", list: [1], interleaved: false)

    var number: Int
    var text: String
    var list: [Int]
    var interleaved: Bool

    init(number: Int, text: String, list: [Int], interleaved: Bool) {
        self.number = number
        self.text = text
        self.list = list
        self.interleaved = interleaved
    }

    private enum Keys: String, CodingKey { case zeta, alpha, inner, items, mid, interleaved }
    private enum InnerKeys: String, CodingKey { case y, x, b, a }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(text, forKey: .zeta)
        var inner = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
        try inner.encode(number, forKey: .y)
        try inner.encode(text, forKey: .x)
        var items = container.nestedUnkeyedContainer(forKey: .items)
        for value in list { try items.encode(value) }
        var element = items.nestedContainer(keyedBy: InnerKeys.self)
        try element.encode(true, forKey: .b)
        try element.encodeNil(forKey: .a)
        var again = encoder.container(keyedBy: Keys.self)
        try again.encode(number, forKey: .alpha)
        try again.encode(interleaved, forKey: .interleaved)
        if interleaved {
            try inner.encode("late", forKey: .b)
        }
        try container.encode(list.count, forKey: .mid)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        text = try container.decode(String.self, forKey: .zeta)
        number = try container.decode(Int.self, forKey: .alpha)
        interleaved = try container.decode(Bool.self, forKey: .interleaved)
        let inner = try container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
        guard try inner.decode(Int.self, forKey: .y) == number, try inner.decode(String.self, forKey: .x) == text else {
            throw DecodingError.dataCorruptedError(forKey: .inner, in: container, debugDescription: "inner differs")
        }
        var items = try container.nestedUnkeyedContainer(forKey: .items)
        var list: [Int] = []
        for _ in 0..<(try container.decode(Int.self, forKey: .mid)) { list.append(try items.decode(Int.self)) }
        self.list = list
    }
}

/// A payload that writes one key twice.
private struct RepeatedKey: Message, Equatable {
    static let messageType = MessageType("bench.repeated", version: 1)
    static let summary = "Test payload."
    static let example = RepeatedKey()

    private enum Keys: String, CodingKey { case key }

    init() {}

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(1, forKey: .key)
        try container.encode(2, forKey: .key)
    }

    init(from decoder: any Decoder) throws {}
}
