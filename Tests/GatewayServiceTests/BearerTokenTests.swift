import Testing
@testable import GatewayService

@Suite("Reading the bearer token of an Authorization header")
struct BearerTokenTests {
    @Test("the scheme matches in any case and blanks around the token are dropped")
    func schemeAndBlanks() {
        #expect(GatewayRoutes.bearerToken("Bearer abc.def.ghi") == "abc.def.ghi")
        #expect(GatewayRoutes.bearerToken("bEaReR   abc \t") == "abc")
        #expect(GatewayRoutes.bearerToken("BEARER\tabc") == nil)
    }

    @Test("anything that is not a bearer credential with a token is refused")
    func refusals() {
        for header in ["", "Bearer", "Bearer ", "Bearer    ", "Basic dXNlcjpwYXNz", "Bearerabc", "Bearer_abc", "Beare abc", "Bearer\u{0}abc"] {
            #expect(GatewayRoutes.bearerToken(header) == nil, "\(header)")
        }
    }
}
