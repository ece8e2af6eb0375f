import Foundation
import Testing
@testable import SeedContracts

@Suite("Random bits of message and trace ids")
struct IdRandomTests {
    @Test("words drawn across many pool refills are all different")
    func wordsAcrossRefillsDiffer() {
        var generator = IdRandomNumberGenerator()
        // Five pools' worth: a refill that repeated a pool, or a word handed out twice, would collide.
        let words = (0..<2_560).map { _ in generator.next() }
        #expect(Set(words).count == words.count)
    }

    @Test("the bits are evenly spread: every bit position is set about half the time")
    func bitsAreBalanced() {
        var generator = IdRandomNumberGenerator()
        var ones = [Int](repeating: 0, count: 64)
        let draws = 4_096
        for _ in 0..<draws {
            let word = generator.next()
            for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { ones[bit] += 1 }
        }
        // Binomial(4096, 0.5): the standard deviation is 32, so ±320 is ten deviations.
        for count in ones { #expect(abs(count - draws / 2) < 320) }
    }

    @Test("drawing from many tasks at once hands every word out once")
    func concurrentDrawsDoNotRepeat() async {
        let words = await withTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var generator = IdRandomNumberGenerator()
                    return (0..<1_000).map { _ in generator.next() }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(words.count == 8_000)
        #expect(Set(words).count == words.count)
    }

    @Test("message ids are distinct lower-case version 4 UUIDs")
    func messageIdsAreVersion4UUIDs() throws {
        let ids = (0..<2_000).map { _ in MessageEnvelope.newId() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let uuid = try #require(UUID(uuidString: id))
            #expect(uuid.uuidString.lowercased() == id)
            let bytes = Array(id.utf8)
            #expect(bytes[14] == UInt8(ascii: "4"))
            #expect([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(bytes[19]))
        }
    }

    @Test("new traces and child spans have distinct, valid ids")
    func traceIdsAreDistinctAndValid() throws {
        let traces = (0..<1_000).map { _ in TraceParent.random() }
        #expect(Set(traces.map(\.traceId)).count == traces.count)
        #expect(Set(traces.map(\.parentId)).count == traces.count)
        for trace in traces { #expect(TraceParent(trace.description) == trace) }
        let children = (0..<1_000).map { _ in traces[0].child() }
        #expect(Set(children.map(\.parentId)).count == children.count)
        for child in children {
            #expect(child.traceId == traces[0].traceId)
            #expect(TraceParent(child.description) == child)
        }
    }
}
