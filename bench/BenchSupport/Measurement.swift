import Glibc

/// Latencies of one benchmark phase, the wall time it took and the CPU time the process (and the
/// broker, when its process id is known) used meanwhile.
public struct Measurement {
    public var latencies: [Duration]
    public var elapsed: Duration
    /// Process CPU seconds (all threads) spent during the phase.
    public var cpu: Double
    /// The broker's CPU seconds during the phase, when `SEED_BENCH_BROKER_PID` names its process.
    public var brokerCPU: Double?

    public init(latencies: [Duration], elapsed: Duration, cpu: Double, brokerCPU: Double?) {
        self.latencies = latencies
        self.elapsed = elapsed
        self.cpu = cpu
        self.brokerCPU = brokerCPU
    }

    public var throughput: Double { Double(latencies.count) / elapsed.seconds }

    /// The blocks of one phase taken together: all their operations, wall times and CPU times.
    public init(combining blocks: [Measurement]) {
        self.init(
            latencies: blocks.flatMap(\.latencies),
            elapsed: blocks.reduce(.zero) { $0 + $1.elapsed },
            cpu: blocks.reduce(0) { $0 + $1.cpu },
            brokerCPU: blocks.allSatisfy { $0.brokerCPU != nil } ? blocks.reduce(0) { $0 + ($1.brokerCPU ?? 0) } : nil)
    }

    public func percentile(_ fraction: Double) -> Duration {
        let sorted = latencies.sorted()
        guard !sorted.isEmpty else { return .zero }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// Prints `<name>.throughput`, `<name>.cpu_per_op`, `<name>.p50` and `<name>.p99` lines.
    public func report(_ name: String) {
        print("\(name).throughput \(Int(throughput.rounded())) ops/s")
        print("\(name).cpu_per_op \(Int((cpu / Double(latencies.count) * 1e6).rounded())) us")
        if let brokerCPU {
            print("\(name).broker_cpu_per_op \(Int((brokerCPU / Double(latencies.count) * 1e6).rounded())) us")
        }
        print("\(name).p50 \(format(percentile(0.50).seconds * 1000)) ms")
        print("\(name).p99 \(format(percentile(0.99).seconds * 1000)) ms")
    }
}

extension Duration {
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

public func format(_ value: Double) -> String {
    let hundredths = (value * 100).rounded() / 100
    return "\(hundredths)"
}

/// Prints `ratio <name> <suite ÷ raw>`.
public func reportRatio(_ name: String, suite: Double, raw: Double) {
    print("ratio \(name) \(format(suite / raw))")
}

/// Prints `ratio <name> <median>` of the throughput ratios of blocks run in turn (suite block `i`
/// against raw block `i`), after a comment line with every block's ratio: alternating blocks see the
/// same machine, so their ratio holds when the machine's speed drifts during the run.
public func reportBlockRatio(_ name: String, suite: [Measurement], raw: [Measurement]) {
    let ratios = zip(suite, raw).map { $0.throughput / $1.throughput }.sorted()
    guard !ratios.isEmpty else { return }
    print("# \(name) per block: \(ratios.map(format).joined(separator: " "))")
    let middle = ratios.count / 2
    let median = ratios.count % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2
    print("ratio \(name) \(format(median))")
}

/// CPU seconds this process has used (all threads): on a shared machine, throughput follows the CPU
/// the process gets, so `cpu_per_op` is the steadier figure.
public func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The CPU clock of this process and of the broker's, read together at the start of a phase.
public struct CPUClocks {
    public let process: Double
    public let broker: Double?

    public static func now() -> CPUClocks {
        CPUClocks(process: processCPUSeconds(), broker: BrokerProcess.cpuSeconds())
    }

    /// A phase's measurement from its latencies and wall time, with the CPU used since `self`.
    public func measurement(latencies: [Duration], elapsed: Duration) -> Measurement {
        let broker = BrokerProcess.cpuSeconds()
        return Measurement(
            latencies: latencies, elapsed: elapsed, cpu: processCPUSeconds() - process,
            brokerCPU: broker.flatMap { end in self.broker.map { end - $0 } })
    }
}

/// The broker's process, named by `SEED_BENCH_BROKER_PID` (scripts/bench sets it): RabbitMQ's CPU per
/// operation shows what the client's way of talking costs the broker.
public enum BrokerProcess {
    public static let pid: Int32? = getenv("SEED_BENCH_BROKER_PID").flatMap { Int32(String(cString: $0)) }

    /// User plus system CPU seconds of the broker (fields 14 and 15 of `/proc/PID/stat`).
    public static func cpuSeconds() -> Double? {
        guard let pid else { return nil }
        return ProcessCPU.seconds(of: pid)
    }
}

/// CPU time of another process, from `/proc`: for the share of each server process per operation.
public enum ProcessCPU {
    private static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// User plus system CPU seconds of `pid` so far (fields 14 and 15 of `/proc/PID/stat`, 10 ms resolution).
    public static func seconds(of pid: Int32) -> Double? {
        guard let file = fopen("/proc/\(pid)/stat", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 1024)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
        guard let close = line.lastIndex(of: ")") else { return nil }
        let fields = line[line.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / ticksPerSecond
    }
}
