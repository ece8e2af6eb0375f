import Foundation
import SeedAuth
import Testing

@Suite("Unpadded base64url")
struct Base64URLTests {
    @Test("the RFC 4648 vectors, unpadded, with the URL-safe letters")
    func vectors() {
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Data(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Data(plain.utf8))
        }
        // 0xfb 0xff encodes to "+/8" in plain base64.
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("-_8") == Data([0xFB, 0xFF]))
    }

    @Test("random bytes survive a round trip and never carry '+', '/' or '='")
    func roundTrip() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains { "+/=".contains($0) })
            #expect(Base64URL.decode(text) == Data(bytes))
        }
        #expect(Base64URL.decode("not base64!") == nil)
    }
}
