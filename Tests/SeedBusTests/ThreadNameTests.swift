@testable import SeedBus
import Foundation
import SeedContracts
import Testing

@Suite("Connection thread names")
struct ThreadNameTests {
    @Test("every service's connection thread name fits in the 15 bytes Linux keeps")
    func everyServiceConnectionThreadNameFitsLinuxLimit() {
        for service in ServiceName.allCases {
            let name = Bus.threadName(of: service)
            #expect(name.utf8.count <= 15, "\(name) is longer than Linux keeps")
            #expect(name.hasSuffix(service.rawValue))
        }
    }

    @Test("a connected bus's thread carries its name in the system's thread list")
    func connectedBusThreadIsNamed() async throws {
        let bus = Bus(service: .nutrition, configuration: try TestBroker.configuration(), logger: TestBroker.logger("named"))
        // `connect()` returns once the connection thread has served a request, and the thread names
        // itself before anything else.
        try await bus.connect()
        let names = Self.threadNames()
        await bus.shutdown()
        #expect(names.contains(Bus.threadName(of: .nutrition)))
    }

    /// The names of this process's threads, as the system shows them.
    private static func threadNames() -> Set<String> {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return Set(tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    }
}
