import Testing
@testable import SeedContracts

@Suite("Message types")
struct MessageTypeTests {
    @Test("a wire name is the name and the version joined by .v")
    func wireNameJoinsNameAndVersion() {
        #expect(MessageType("identity.register-user", version: 2).wireName == "identity.register-user.v2")
    }

    @Test("parsing a wire name gives back the name and version")
    func parsingRoundTrips() throws {
        let parsed = try #require(MessageType(wireName: "messaging.message-sent.v12"))
        #expect(parsed.name == "messaging.message-sent")
        #expect(parsed.version == 12)
    }

    @Test("malformed wire names are refused", arguments: ["", "ping", "ping.v", "ping.v0", "ping.vx", ".v1", "ping.1"])
    func malformedWireNamesAreRefused(raw: String) {
        #expect(MessageType(wireName: raw) == nil)
    }

    @Test("every message in the catalog has a unique wire name")
    func catalogNamesAreUnique() {
                let names = ContractCatalog.all.map { $0.messageType.wireName }
        #expect(Set(names).count == names.count)
    }
}
