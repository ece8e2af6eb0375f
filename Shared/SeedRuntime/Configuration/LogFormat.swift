/// How a service writes its log lines.
public enum LogFormat: String, Sendable, CaseIterable {
    /// One JSON object a line, for log collectors.
    case json
    /// swift-log's human-readable `StreamLogHandler` lines.
    case text
}
