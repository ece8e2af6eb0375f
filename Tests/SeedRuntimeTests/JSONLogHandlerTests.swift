import Foundation
import Logging
import Synchronization
import Testing

@testable import SeedRuntime

@Suite("JSON-lines log handler")
struct JSONLogHandlerTests {
    /// Collects the lines a handler writes.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var output: LogOutput { LogOutput { line in self.lines.withLock { $0.append(line) } } }
        var all: [String] { self.lines.withLock { $0 } }
    }

    @Test("a log call becomes one line of valid JSON with level, label, service, source and metadata")
    func writesJSONLine() throws {
        let lines = Lines()
        var logger = Logger(label: "seed.identity") { label in
            JSONLogHandler(label: label, service: "identity", logLevel: .debug, output: lines.output)
        }
        logger[metadataKey: "tenant"] = "acme"
        logger.info(
            "user \"ada\" signed in\nfrom\tweb",
            metadata: ["user": ["id": "u-1", "roles": ["admin", "owner"]], "attempt": "\(2)"],
            source: "IdentityAuth"
        )

        let written = try #require(lines.all.first)
        #expect(lines.all.count == 1)
        #expect(written.hasSuffix("}\n"))
        #expect(written.dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "seed.identity")
        #expect(object["service"] as? String == "identity")
        #expect(object["source"] as? String == "IdentityAuth")
        #expect(object["message"] as? String == "user \"ada\" signed in\nfrom\tweb")
        let timestamp = try #require(object["timestamp"] as? String)
        #expect((try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(timestamp)) != nil)
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["tenant"] as? String == "acme")
        #expect(metadata["attempt"] as? String == "2")
        let user = try #require(metadata["user"] as? [String: Any])
        #expect(user["id"] as? String == "u-1")
        #expect(user["roles"] as? [String] == ["admin", "owner"])
    }

    @Test("messages below the handler's level are not written")
    func filtersByLevel() {
        let lines = Lines()
        let logger = Logger(label: "seed.work") { label in
            JSONLogHandler(label: label, service: "work", logLevel: .warning, output: lines.output)
        }
        logger.info("dropped")
        logger.warning("kept")
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains(#""message":"kept""#) == true)
    }

    @Test("control characters in messages are escaped so the line stays valid JSON")
    func escapesControlCharacters() throws {
        let lines = Lines()
        let logger = Logger(label: "seed.work") { label in
            JSONLogHandler(label: label, service: "work", output: lines.output)
        }
        logger.error("bell \u{07} and nul \u{00}")
        let written = try #require(lines.all.first)
        #expect(written.contains(#"\u0007"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "bell \u{07} and nul \u{00}")
    }
}
