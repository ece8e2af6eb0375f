@testable import BusinessAIService
import Foundation
import Testing

@Suite("Ingestion worker wake-ups")
struct IngestionSignalTests {
    @Test("a wait ends when its task is cancelled, so the worker's poll and its shutdown never hang on it")
    func waitEndsWhenCancelled() async {
        let signal = IngestionSignal()
        let waiter = Task { await signal.wait() }
        try? await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        let ended = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await waiter.value; return true }
            group.addTask { try? await Task.sleep(for: .seconds(20)); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(ended, "the cancelled wait did not return within 20 s")
    }

    @Test("a signal wakes a waiting worker, and a signal with nobody waiting makes the next wait return at once")
    func signalWakes() async {
        let signal = IngestionSignal()
        signal.signal()
        await signal.wait()
        let waiter = Task { await signal.wait() }
        try? await Task.sleep(for: .milliseconds(50))
        signal.signal()
        await waiter.value
    }
}
