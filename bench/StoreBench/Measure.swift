import Foundation

/// Prints one `name value unit` line: integers from 100 up, three decimals below.
func report(_ name: String, _ value: Double, _ unit: String) {
    print("\(name) \(value >= 100 ? String(Int(value.rounded())) : String(format: "%.3f", value)) \(unit)")
    // Line by line also into a pipe: a run cut short keeps what it measured.
    fflush(nil)
}

/// CPU seconds this process has used (all threads): on a shared machine, throughput follows the CPU
/// the process gets, so `cpu_per_op` is the steadier figure.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Runs `operation` `count` times over `concurrency` tasks and prints `<name>.throughput` (ops/s),
/// `<name>.cpu_per_op` (µs), `<name>.p50` and `<name>.p99` (ms of one operation's latency).
func measure(_ name: String, count: Int, concurrency: Int, _ operation: @escaping @Sendable (Int) async throws -> Void) async throws {
    let clock = ContinuousClock()
    let start = clock.now
    let cpuStart = processCPUSeconds()
    let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                var latencies: [Duration] = []
                for index in stride(from: worker, to: count, by: concurrency) {
                    let begin = clock.now
                    try await operation(index)
                    latencies.append(clock.now - begin)
                }
                return latencies
            }
        }
        return try await group.reduce(into: [Duration]()) { $0 += $1 }
    }.sorted()
    let elapsed = (clock.now - start).seconds
    report("\(name).throughput", Double(count) / elapsed, "ops/s")
    report("\(name).cpu_per_op", (processCPUSeconds() - cpuStart) / Double(count) * 1e6, "us")
    report("\(name).p50", latencies[latencies.count / 2].seconds * 1e3, "ms")
    report("\(name).p99", latencies[min(latencies.count - 1, latencies.count * 99 / 100)].seconds * 1e3, "ms")
}
