public import Logging
import Foundation

/// A `LogHandler` that writes one JSON object a line:
///
/// ```json
/// {"timestamp":"2026-11-22T01:30:00.123Z","level":"info","label":"seed.identity","message":"started",
///  "service":"identity","source":"SeedRuntime","metadata":{"port":"8081"}}
/// ```
///
/// An error passed with the call is written as an `error` string.
///
/// Metadata from the logger, its metadata provider and the call are merged, in that order of
/// precedence from lowest to highest. Nested dictionaries and arrays stay JSON objects and arrays.
public struct JSONLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The service name written into every line.
    public let service: String
    /// Lowest level written.
    public var logLevel: Logger.Level
    /// Metadata attached to every line of this logger.
    public var metadata: Logger.Metadata = [:]
    /// Metadata fetched for every line, e.g. from the task-local trace context.
    public var metadataProvider: Logger.MetadataProvider?
    private let output: LogOutput

    /// Creates a handler.
    /// - Parameters:
    ///   - label: The logger's label.
    ///   - service: The value of the `service` field.
    ///   - logLevel: Lowest level written.
    ///   - metadataProvider: Metadata fetched for every line.
    ///   - output: Where lines go; standard output by default.
    public init(
        label: String,
        service: String,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        output: LogOutput = .standardOutput
    ) {
        self.label = label
        self.service = service
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = self.metadata
        if let provided = self.metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let explicit = event.metadata {
            merged.merge(explicit) { _, new in new }
        }
        var line = JSONLineWriter()
        line.field("timestamp", string: Date.now.formatted(Self.timestampStyle))
        line.field("level", string: event.level.rawValue)
        line.field("label", string: self.label)
        line.field("message", string: event.message.description)
        line.field("service", string: self.service)
        line.field("source", string: event.source)
        if let error = event.error {
            line.field("error", string: String(describing: error))
        }
        if !merged.isEmpty {
            line.field("metadata", metadata: merged)
        }
        self.output.write(line.finish())
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
