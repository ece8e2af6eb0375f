/// The open-loop schedule and the latency figures, apart from any I/O (so that they can be checked
/// alone): request `i` is due `i / rate` seconds after the start, whatever happened to earlier ones,
/// and its latency runs from that due time — not from when a connection was free to send it — so a
/// stalled server shows in the figures instead of slowing the load down (no coordinated omission).
struct Schedule: Sendable {
    /// Requests per second.
    let rate: Double
    /// Requests run before the measured ones, at the same rate, and not recorded.
    let warmupCount: Int
    /// Requests measured.
    let measuredCount: Int

    init(rate: Double, warmupSeconds: Double, seconds: Double) {
        precondition(rate > 0 && seconds > 0 && warmupSeconds >= 0)
        self.rate = rate
        warmupCount = Int((rate * warmupSeconds).rounded())
        measuredCount = max(1, Int((rate * seconds).rounded()))
    }

    var totalCount: Int { warmupCount + measuredCount }

    /// When request `index` is due, in nanoseconds after the start.
    func offset(of index: Int) -> Int64 {
        Int64((Double(index) * 1e9 / rate).rounded())
    }

    func isMeasured(_ index: Int) -> Bool { index >= warmupCount }

    /// When the first measured request is due, in nanoseconds after the start.
    var measuredStart: Int64 { offset(of: warmupCount) }

    /// When the schedule ends (one interval after the last request is due), in nanoseconds after the start.
    var end: Int64 { offset(of: totalCount) }
}

/// Latencies in nanoseconds, with nearest-rank percentiles.
struct LatencySummary: Sendable, Equatable {
    let sorted: [Int64]

    init(_ latencies: [Int64]) { sorted = latencies.sorted() }

    /// The smallest latency that at least `fraction` of the requests did not exceed (nearest rank).
    func percentile(_ fraction: Double) -> Int64 {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(sorted.count - 1, Swift.max(0, rank - 1))]
    }

    var max: Int64 { sorted.last ?? 0 }
}

/// `value` with at most two decimals, as the other benchmarks print figures.
func formatFigure(_ value: Double) -> String {
    let hundredths = (value * 100).rounded() / 100
    if hundredths == hundredths.rounded() { return String(Int64(hundredths)) }
    return "\(hundredths)"
}
