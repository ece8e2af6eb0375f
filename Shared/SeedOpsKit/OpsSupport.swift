import ArgumentParser
import Foundation
import Logging
public import SeedBus
public import SeedContracts

/// Why `seed-ops` could not do what it was asked: printed to standard error, exit status 1.
public struct OpsFailure: Error, CustomStringConvertible, Equatable {
    /// The reason, one sentence for the operator.
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// How `seed-ops` reaches the broker: the options every bus-using subcommand shares.
public struct BrokerOptions: ParsableArguments, Sendable {
    @Option(help: "The broker (default: $SEED_AMQP_URL, else amqp://guest:guest@127.0.0.1:5672/).")
    public var amqpURL: String = ProcessInfo.processInfo.environment["SEED_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672/"

    @Option(help: "Prefix of every queue and exchange name (empty in production; tests use one per run).")
    public var namespace: String = ""

    @Option(help: "Seconds to wait for the broker before giving up.")
    public var timeout: Int = 10

    public init() {}

    /// The bus configuration these options describe.
    public func configuration() throws -> BusConfiguration {
        var configuration: BusConfiguration
        do {
            configuration = try BusConfiguration(url: amqpURL)
        } catch {
            throw OpsFailure("bad --amqp-url: \(error)")
        }
        configuration.namespace = namespace
        configuration.publishTimeout = .seconds(max(timeout, 1))
        if let raw = ProcessInfo.processInfo.environment["SEED_BUS_MAX_ATTEMPTS"], let attempts = Int(raw), attempts > 0 {
            configuration.maxAttempts = attempts
        }
        return configuration
    }
}

/// The output options every subcommand shares.
public struct OutputOptions: ParsableArguments, Sendable {
    @Flag(help: "Print JSON (one document on standard output) instead of text for people.")
    public var json = false

    public init() {}
}

/// Runs `body` with a send-only bus connected to the broker the options name, and closes it.
public func withOpsBus<T: Sendable>(_ options: BrokerOptions, _ body: (Bus) async throws -> T) async throws -> T {
    var logger = Logger(label: "seed.ops")
    logger.logLevel = .error
    let configuration = try options.configuration()
    let bus = Bus(service: .gateway, configuration: configuration, logger: logger)
    do {
        try await bus.connect()
    } catch {
        await bus.shutdown()
        throw OpsFailure("cannot reach the broker at \(configuration.host):\(configuration.port) within \(options.timeout) s: \(error)")
    }
    do {
        let value = try await body(bus)
        await bus.shutdown()
        return value
    } catch {
        await bus.shutdown()
        throw error
    }
}

/// Writes `value` as JSON (sorted keys, ISO 8601 dates) on standard output.
func printJSON<T: Encodable>(_ value: T) throws {
    print(try OpsJSON.string(value))
}

/// The JSON `seed-ops --json` writes.
public enum OpsJSON {
    /// `value` as pretty, key-sorted JSON with ISO 8601 dates.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The decoder that reads what ``string(_:)`` wrote.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// Parses an age such as `90s`, `15m`, `2h`, `7d` (a bare number is seconds).
public func parseAge(_ text: String) throws -> TimeInterval {
    let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
    var digits = Substring(text)
    var scale: TimeInterval = 1
    if let last = text.last, let unit = units[last] {
        scale = unit
        digits = digits.dropLast()
    }
    guard let value = Double(digits), value >= 0 else {
        throw ValidationError("'\(text)' is not an age: use a number with s, m, h or d (90s, 15m, 2h, 7d)")
    }
    return value * scale
}

/// The services named by `names` (all but the gateway when empty); unknown names are a validation error.
public func parseServices(_ names: [String]) throws -> [ServiceName] {
    if names.isEmpty { return ServiceName.allCases.filter { $0 != .gateway } }
    return try names.map { name in
        guard let service = ServiceName(rawValue: name) else {
            throw ValidationError("unknown service '\(name)': one of \(ServiceName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return service
    }
}

/// Pads `rows` into aligned columns for people.
func table(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
        row.enumerated().map { column, cell in
            column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }.joined(separator: "\n")
}

/// An age in seconds as people read it: `42s`, `17m`, `5h`, `3d`.
func humanAge(_ seconds: TimeInterval?) -> String {
    guard let seconds else { return "-" }
    switch seconds {
    case ..<120: return "\(Int(seconds))s"
    case ..<7200: return "\(Int(seconds / 60))m"
    case ..<172_800: return "\(Int(seconds / 3600))h"
    default: return "\(Int(seconds / 86_400))d"
    }
}
