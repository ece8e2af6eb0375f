import ArgumentParser
import Foundation
import NIOPosix

/// `seed-load`: an open-loop HTTP/1.1 load generator (bench/README.md).
@main
struct SeedLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-load",
        abstract: "Offers HTTP requests at a constant rate over keep-alive connections and prints latency from each request's due time.",
        discussion: """
            Request i is due i/rate seconds after the start whatever earlier requests did; its latency runs from \
            that due time, so a slow server shows in the figures rather than slowing the load (no coordinated \
            omission). Placeholders {column} in --path, --header and --body take the values of a column of \
            --values (tab-separated, first line names the columns; request i uses row i mod rows); {seq} is the \
            request's number and {run} an id of this run.
            Prints `name value unit` lines: offered_rate, achieved_rate (expected answers per second of the \
            measured window), p50, p90, p99, p99_9, max (of expected answers), requests, ok, errors and \
            errors.<kind> (status_<code>, connection_closed, timeout), max_queued (requests that found every \
            connection busy: raise --connections if not 0), cpu_per_request.load (this program's CPU).
            """)

    @Option(help: "Where to send: http://host:port (no TLS).")
    var url: String

    @Option(help: "Requests offered per second.")
    var rate: Double

    @Option(help: "Seconds measured.")
    var duration: Double = 20

    @Option(help: "Seconds of the same load before the measured ones, not recorded.")
    var warmup: Double = 0

    @Option(help: "Keep-alive connections, all opened before the start.")
    var connections: Int = 64

    @Option(help: "HTTP method.")
    var method: String = "GET"

    @Option(help: "Path and query, a template.")
    var path: String

    @Option(name: .customLong("header"), help: "A header `name: value`, a template; repeatable.")
    var headers: [String] = []

    @Option(help: "The body, a template.")
    var body: String?

    @Option(help: "Tab-separated values for the placeholders; the first line names the columns.")
    var values: String?

    @Option(help: "Prefix of the printed figures.")
    var name: String = "load"

    @Option(name: .customLong("expect-status"), help: "A status that counts as success; repeatable (default: any 2xx).")
    var expectedStatuses: [UInt] = []

    @Option(help: "Seconds after the schedule's end that outstanding requests may still answer.")
    var timeout: Double = 10

    func validate() throws {
        guard rate > 0, duration > 0, warmup >= 0, connections > 0, timeout > 0 else {
            throw ValidationError("--rate, --duration, --connections and --timeout must be positive, --warmup not negative")
        }
        guard url.hasPrefix("http://") else { throw ValidationError("--url must be http://host:port") }
    }

    func run() async throws {
        let target = try Self.hostAndPort(url)
        let table = try values.map { try ValueTable(path: $0) } ?? .empty
        let spec = RequestSpec(
            method: method.uppercased(), path: try Template(path, columns: table.columns),
            headers: try headers.map { line in
                guard let colon = line.firstIndex(of: ":") else { throw ValidationError("--header takes `name: value`, not \(line)") }
                let name = line[..<colon].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                return (name, try Template(value, columns: table.columns))
            },
            body: try body.map { try Template($0, columns: table.columns) })
        let expected = Set(expectedStatuses)
        let schedule = Schedule(rate: rate, warmupSeconds: warmup, seconds: duration)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let run = LoadRun(
            loop: group.next(), schedule: schedule, spec: spec, values: table,
            runId: String(UUID().uuidString.prefix(8)).lowercased(), host: target.host, port: target.port,
            connections: connections, drainTimeout: Int64(timeout * 1e9),
            isExpected: { status in expected.isEmpty ? (200..<300).contains(status) : expected.contains(status) })
        try await run.connectAll()
        let cpuBefore = Self.processCPUSeconds()
        try await run.run()
        let cpu = Self.processCPUSeconds() - cpuBefore
        // The figures are read on the loop, which owns them.
        let report = try await group.next().submit { Self.report(run, name: name, schedule: schedule, cpu: cpu) }.get()
        print(report, terminator: "")
        try await group.shutdownGracefully()
    }

    static func report(_ run: LoadRun, name: String, schedule: Schedule, cpu: Double) -> String {
        var lines: [String] = []
        func line(_ figure: String, _ value: String, _ unit: String = "") {
            lines.append("\(name).\(figure) \(value)\(unit.isEmpty ? "" : " " + unit)")
        }
        let summary = LatencySummary(run.latencies)
        let ok = run.latencies.count
        let errors = run.errors.values.reduce(0, +)
        let window = Double(run.measuredWindow) / 1e9
        line("offered_rate", formatFigure(schedule.rate), "req/s")
        line("achieved_rate", formatFigure(Double(ok) / window), "req/s")
        for (figure, fraction) in [("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("p99_9", 0.999)] {
            line(figure, formatFigure(Double(summary.percentile(fraction)) / 1e6), "ms")
        }
        line("max", formatFigure(Double(summary.max) / 1e6), "ms")
        line("requests", String(schedule.measuredCount))
        line("ok", String(ok))
        line("errors", String(errors))
        for (kind, count) in run.errors.sorted(by: { $0.key < $1.key }) { line("errors.\(kind)", String(count)) }
        line("max_queued", String(run.maxQueued))
        if run.reconnects > 0 { line("reconnects", String(run.reconnects)) }
        line("cpu_per_request.load", formatFigure(cpu / Double(max(1, schedule.totalCount)) * 1e6), "us")
        return lines.joined(separator: "\n") + "\n"
    }

    static func hostAndPort(_ url: String) throws -> (host: String, port: Int) {
        var rest = url.dropFirst("http://".count)
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        guard let colon = rest.lastIndex(of: ":") else { return (String(rest), 80) }
        guard let port = Int(rest[rest.index(after: colon)...]) else { throw ValidationError("no port number in \(url)") }
        return (String(rest[..<colon]), port)
    }

    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
