import Foundation
import Testing
@testable import SeedContracts

@Suite("The JSON wire format")
struct WireMessageTests {
    @Test("every catalog example survives encoding and decoding unchanged")
    func catalogExamplesRoundTrip() throws {
                for type in ContractCatalog.all {
            try assertRoundTrip(type)
        }
    }

    private func assertRoundTrip<M: Message>(_ type: M.Type) throws {
        let message = WireMessage(envelope: MessageEnvelope(type: M.messageType), payload: M.example)
        let bytes = try WireCoding.encode(message)
        let decoded = try WireCoding.decode(M.self, from: bytes)
        #expect(decoded.envelope == message.envelope, "\(M.messageType) envelope changed")
        #expect(try WireCoding.encode(decoded) == bytes, "\(M.messageType) payload changed")
    }

    @Test("the hand-written date format and parser agree with ISO 8601 format styles")
    func datesMatchFormatStyles() throws {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var generator = SystemRandomNumberGenerator()
        let instants = [0, 951_782_400_000, 1_767_260_200_123, 4_102_444_799_999, 253_402_300_799_999]
            + (0..<2_000).map { _ in Int64.random(in: 0..<253_402_300_800_000, using: &generator) }
        for milliseconds in instants {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let written = WireDate.format(date)
            // The whole seconds as the format style writes them, then the milliseconds, rounded.
            let fraction = String(milliseconds % 1000)
            let expected = Date(timeIntervalSince1970: Double(milliseconds / 1000)).formatted(Date.ISO8601FormatStyle())
                .dropLast() + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
            #expect(written == expected, "\(milliseconds)")
            let parsed = try #require(WireDate.parse(written))
            #expect(parsed == WireDate.rounded(try style.parse(written)), "\(written)")
            #expect(Int64((parsed.timeIntervalSince1970 * 1000).rounded()) == milliseconds, "\(written)")
        }
    }

    @Test("message ids are lower-case version 4 UUIDs")
    func messageIds() throws {
        let id = MessageEnvelope.newId()
        let uuid = try #require(UUID(uuidString: id))
        #expect(uuid.uuidString.lowercased() == id)
        #expect(Array(id)[14] == "4")
        #expect("89ab".contains(Array(id)[19]))
        #expect(MessageEnvelope.newId() != id)
    }

    @Test("dates keep their milliseconds on the wire")
    func datesKeepMilliseconds() throws {
        let instant = Date(timeIntervalSince1970: 1_767_260_200.123)
        let envelope = MessageEnvelope(type: PingV1.messageType, occurredAt: instant)
        let bytes = try WireCoding.encode(WireMessage(envelope: envelope, payload: PingV1()))
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"occurredAt\":\"2026-01-01T09:36:40.123Z\""))
        let decoded = try WireCoding.decode(PingV1.self, from: bytes)
        #expect(abs(decoded.envelope.occurredAt.timeIntervalSince(instant)) < 0.001)
    }

    @Test("a body written by hand in another language decodes")
    func handWrittenBodyDecodes() throws {
        let body = """
        {"envelope":{"messageId":"m-1","correlationId":"c-1","type":"system.ping.v1",
         "occurredAt":"2026-03-01T10:00:00Z"},"payload":{"note":"from python"}}
        """
        let decoded = try WireCoding.decode(PingV1.self, from: Array(body.utf8))
        #expect(try decoded.result() == PingV1(note: "from python"))
        #expect(decoded.envelope.type == PingV1.messageType)
        #expect(decoded.envelope.traceparent == nil)
    }

    @Test("a failed reply throws its typed error")
    func failedReplyThrowsItsError() throws {
        let body = """
        {"envelope":{"messageId":"m-2","correlationId":"c-1","type":"system.pong.v1",
         "occurredAt":"2026-03-01T10:00:00.000Z"},"error":{"code":"conflict","message":"email taken"}}
        """
        let decoded = try WireCoding.decode(PongV1.self, from: Array(body.utf8))
        #expect(throws: ContractError(.conflict, "email taken")) { try decoded.result() }
    }

    @Test("a body that is not a message is refused with a decoding error")
    func malformedBodyIsRefused() {
        #expect(throws: DecodingError.self) { try WireCoding.decode(PingV1.self, from: Array("{\"payload\":{}}".utf8)) }
        #expect(throws: DecodingError.self) { try WireCoding.decode(PingV1.self, from: Array("not json".utf8)) }
        let badType = """
        {"envelope":{"messageId":"m","correlationId":"c","type":"ping","occurredAt":"2026-03-01T10:00:00Z"},"payload":{}}
        """
        #expect(throws: DecodingError.self) { try WireCoding.decode(PingV1.self, from: Array(badType.utf8)) }
    }

    @Test("client errors map to 4xx statuses and server errors to 5xx")
    func errorCodesMapToHTTPStatuses() {
        let client: [ErrorCode] = [.validation, .unauthenticated, .forbidden, .notFound, .conflict, .rateLimited]
        #expect(client.allSatisfy { (400..<500).contains($0.httpStatus) })
        #expect([ErrorCode.unavailable, .timeout, .internal].allSatisfy { (500..<600).contains($0.httpStatus) })
    }
}

@Suite("Decoding values from untrusted bytes")
struct WireValueDecodingTests {
    struct Body: Codable, Equatable {
        var name: String
        var count: Int
        var flag: Bool?
        var tags: [String]?
        var inner: Inner?
        struct Inner: Codable, Equatable { var when: Date? }
    }

    @Test("a body decodes exactly when Foundation's decoder accepts it, to the same value")
    func agreesWithFoundation() {
        let texts = [
            #"{"name":"a","count":1}"#, #" {"count":-0,"name":"\u00e9\n"} "#, #"{"name":"a","count":1,"extra":[1,{"x":null}]}"#,
            #"{"name":"a","count":1,"flag":null,"tags":["x","y"],"inner":{"when":"2026-01-01T09:30:00.000Z"}}"#,
            #"{"name":"a","count":1,"inner":{"when":"2026-01-01T09:30:00Z"}}"#,
            #"{"name":"a","count":01}"#, #"{"name":"a","count":1.0}"#, #"{"name":"a","count":1e2}"#, #"{"name":"a","count":-}"#,
            #"{"name":"a","count":1}x"#, #"{"name":"a","count":1,}"#, #"{"name":"a" "count":1}"#, #"{"name":'a',"count":1}"#,
            #"{"name":"a\x","count":1}"#, "{\"name\":\"a\u{01}\",\"count\":1}", #"{"name":"\ud800","count":1}"#,
            #"{"name":"a","count":tru}"#, #"{"name":"a","count":99999999999999999999}"#, #"{"name":1,"count":1}"#,
            #"{"name":"a","name":"b","count":1}"#, #"{"count":1}"#, #"[]"#, "", #"{"name":"a","count":1,"flag":"yes"}"#,
            #"{"name":"a","count":1,"inner":{"when":"yesterday"}}"#, #"{"name":"a","count":1,"tags":[1]}"#,
        ]
        let foundation = WireCoding.decoder()
        for text in texts {
            let bytes = Array(text.utf8)
            let expected = try? foundation.decode(Body.self, from: Data(bytes))
            let got = try? WireCoding.decode(value: Body.self, from: bytes)
            #expect(got == expected, "\(text)")
        }
    }
}
