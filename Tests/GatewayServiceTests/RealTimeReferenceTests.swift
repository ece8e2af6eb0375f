import Foundation
@testable import GatewayService
import SeedContracts
import Testing

@Suite("The generated real-time frame reference")
struct RealTimeReferenceTests {
    @Test("docs/realtime.md is exactly what the frame types generate")
    func committedReferenceMatchesTheCode() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/realtime.md"), encoding: .utf8)
        #expect(committed == RealTimeReference.markdown(), "docs/realtime.md is stale: run scripts/gen-contract-docs and commit the result")
    }

    @Test("the gateway delivers exactly the events the reference documents, and every close code and frame type is in it")
    func referenceCoversWhatTheEdgeDoes() {
        let routed = RealTimeEventRouter.deliveredEvents.map { $0.messageType.wireName }
        #expect(routed == RealTimeProtocol.deliveredEvents.map { $0.messageType.wireName })
        let markdown = RealTimeReference.markdown()
        for code in RealTimeProtocol.CloseCode.allCases { #expect(markdown.contains("| \(code.rawValue) | \(code.meaning) |")) }
        for kind in RealTimeClientFrameV1.Kind.allCases { #expect(markdown.contains("### `\(kind.rawValue)`")) }
        for type in RealTimeProtocol.ServerFrameType.allCases { #expect(markdown.contains("#### `\(type.rawValue)`")) }
        for event in RealTimeProtocol.deliveredEvents { #expect(markdown.contains("#### `\(event.messageType.wireName)`")) }
    }
}
