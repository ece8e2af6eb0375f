import Testing

@testable import LoadGenerator

@Suite struct ScheduleTests {
    @Test func requestsAreDueAtAConstantRateWhateverHappensBefore() {
        let schedule = Schedule(rate: 500, warmupSeconds: 2, seconds: 20)
        #expect(schedule.warmupCount == 1_000)
        #expect(schedule.measuredCount == 10_000)
        #expect(schedule.offset(of: 0) == 0)
        #expect(schedule.offset(of: 1) == 2_000_000)
        #expect(schedule.offset(of: 1_000) == 2_000_000_000)
        #expect(schedule.measuredStart == 2_000_000_000)
        #expect(schedule.end == 22_000_000_000)
        #expect(!schedule.isMeasured(999) && schedule.isMeasured(1_000))
    }

    @Test func fractionalRatesDoNotDrift() {
        let schedule = Schedule(rate: 3, warmupSeconds: 0, seconds: 1_000)
        #expect(schedule.offset(of: 3_000) == 1_000_000_000_000)
        #expect(schedule.offset(of: 1) == 333_333_333)
    }

    @Test func percentilesAreNearestRank() {
        let summary = LatencySummary((1...1_000).reversed().map { Int64($0) })
        #expect(summary.percentile(0.5) == 500)
        #expect(summary.percentile(0.99) == 990)
        #expect(summary.percentile(0.999) == 999)
        #expect(summary.max == 1_000)
        #expect(LatencySummary([7]).percentile(0.99) == 7)
        #expect(LatencySummary([]).percentile(0.5) == 0)
    }

    @Test func placeholdersFillFromColumnsAndLeaveJSONBracesAlone() throws {
        let values = ValueTable(columns: ["conversation", "token"], rows: [["c1", "t1"], ["c2", "t2"]])
        let body = try Template(#"{"clientMessageId":"w{run}-{seq}","content":"{{x}"}"#, columns: values.columns)
        let path = try Template("/api/v1/conversations/{conversation}/messages", columns: values.columns)
        #expect(body.render(row: values.row(for: 3), sequence: 3, run: "r") == #"{"clientMessageId":"wr-3","content":"{x}"}"#)
        #expect(path.render(row: values.row(for: 3), sequence: 3, run: "r") == "/api/v1/conversations/c2/messages")
        #expect(throws: LoadError.self) { try Template("/{nope}", columns: values.columns) }
    }
}
