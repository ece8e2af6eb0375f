import Foundation
import Testing
@testable import SeedContracts

@Suite("The generated contract reference")
struct ContractReferenceTests {
    @Test("docs/contracts.md is exactly what the contract types generate")
    func committedReferenceMatchesTheCode() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/contracts.md"), encoding: .utf8)
        #expect(committed == ContractReference.markdown(),
                "docs/contracts.md is stale: run scripts/gen-contract-docs and commit the result")
    }

    @Test("every catalog message appears with its JSON example")
    func everyMessageIsDocumented() {
        let markdown = ContractReference.markdown()
                for type in ContractCatalog.all {
            #expect(markdown.contains("### `\(type.messageType.wireName)`"))
            #expect(markdown.contains("\"type\" : \"\(type.messageType.wireName)\""))
        }
        for code in ErrorCode.allCases {
            #expect(markdown.contains("| `\(code.rawValue)` | \(code.httpStatus) |"))
        }
    }
}
