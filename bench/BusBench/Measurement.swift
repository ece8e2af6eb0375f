/// Latencies of one benchmark phase and the wall time it took.
struct Measurement {
    var latencies: [Duration]
    var elapsed: Duration

    var throughput: Double { Double(latencies.count) / elapsed.seconds }

    func percentile(_ fraction: Double) -> Duration {
        let sorted = latencies.sorted()
        guard !sorted.isEmpty else { return .zero }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// Prints `<name>.throughput`, `<name>.p50` and `<name>.p99` lines.
    func report(_ name: String) {
        print("\(name).throughput \(Int(throughput.rounded())) ops/s")
        print("\(name).p50 \(format(percentile(0.50).seconds * 1000)) ms")
        print("\(name).p99 \(format(percentile(0.99).seconds * 1000)) ms")
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

func format(_ value: Double) -> String {
    let hundredths = (value * 100).rounded() / 100
    return "\(hundredths)"
}

/// Prints `ratio <name> <suite ÷ raw>`.
func reportRatio(_ name: String, suite: Double, raw: Double) {
    print("ratio \(name) \(format(suite / raw))")
}
