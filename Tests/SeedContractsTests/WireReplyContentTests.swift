import Foundation
import Testing
@testable import SeedContracts

@Suite("Finding a reply's payload without decoding it")
struct WireReplyContentTests {
    @Test("the payload range of every catalog example's reply is exactly the payload's own JSON")
    func payloadRangeIsThePayloadsJSON() throws {
        for type in ContractCatalog.all {
            try assertPayloadRange(type)
        }
    }

    private func assertPayloadRange<M: Message>(_ type: M.Type) throws {
        let body = try WireCoding.encode(WireMessage(envelope: MessageEnvelope(type: M.messageType), payload: M.example))
        guard case .payload(let range) = WireReplyContent(of: body) else {
            Issue.record("\(M.messageType): no payload found in \(String(decoding: body, as: UTF8.self))")
            return
        }
        #expect(Array(body[range]) == (try WireCoding.encode(value: M.example)), "\(M.messageType)")
    }

    @Test("an error reply is an error, whether or not a null payload is written beside it")
    func errorReplies() throws {
        let envelope = MessageEnvelope(type: MessageType("test.reply", version: 1))
        let body = try WireCoding.encode(WireMessage<Accepted>(envelope: envelope, error: ContractError(.notFound, "no such user")))
        #expect(WireReplyContent(of: body) == .error)
        #expect(WireReplyContent(of: Array(#"{"envelope":{},"error":{"code":"notFound"},"payload":null}"#.utf8)) == .error)
    }

    @Test("strings with escaped quotes and brackets, nested arrays and blanks do not confuse the scan")
    func trickyBodies() {
        let body = Array(#" { "a" : "x\"}]{[" , "payload" : [1, {"b": "\\"}, [true, null]] , "z": -1.5e3 } "#.utf8)
        guard case .payload(let range) = WireReplyContent(of: body) else {
            Issue.record("no payload found")
            return
        }
        #expect(String(decoding: body[range], as: UTF8.self) == #"[1, {"b": "\\"}, [true, null]]"#)
        #expect(WireReplyContent(of: Array(#"{"payload":7}"#.utf8)) == .payload(11..<12))
    }

    @Test("bodies that are not an object with a payload or an error are unknown, never a guess")
    func unknownBodies() {
        for text in ["", "[]", "{}", "null", #"{"payload":"#, #"{"payload":{"a":1}"#, #"{"payload":1} x"#,
                     #"{"envelope":{}}"#, #"{"p\u0061yload":1}"#, #"{"payload" 1}"#, #"{"payload":"open}"#] {
            #expect(WireReplyContent(of: Array(text.utf8)) == .unknown, "\(text)")
        }
    }
}
