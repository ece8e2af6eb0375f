import Glibc

/// Latencies of one benchmark phase, the wall time it took and the CPU time the process used meanwhile.
struct Measurement {
    var latencies: [Duration]
    var elapsed: Duration
    /// Process CPU seconds (all threads) spent during the phase.
    var cpu: Double

    var throughput: Double { Double(latencies.count) / elapsed.seconds }

    func percentile(_ fraction: Double) -> Duration {
        let sorted = latencies.sorted()
        guard !sorted.isEmpty else { return .zero }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// Prints `<name>.throughput`, `<name>.cpu_per_op`, `<name>.p50` and `<name>.p99` lines.
    func report(_ name: String) {
        print("\(name).throughput \(Int(throughput.rounded())) ops/s")
        print("\(name).cpu_per_op \(Int((cpu / Double(latencies.count) * 1e6).rounded())) us")
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

/// CPU seconds this process has used (all threads): on a shared machine, throughput follows the CPU
/// the process gets, so `cpu_per_op` is the steadier figure.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
