public import Logging
import SeedBus
import SeedContracts

/// Installs the process-wide log handler for a service.
public enum LoggingBootstrap {
    /// Bootstraps swift-log once for the process with the configured format and level, and returns
    /// the service's own logger (label `seed.<service>`).
    ///
    /// Call it once, first thing in `main`; swift-log stops the process on a second bootstrap.
    ///
    /// - Parameter metadataProvider: Metadata every line gets from the task-local context: by default
    ///   the correlation id of the request or message being handled (`correlation.id`).
    public static func bootstrap(
        _ configuration: ServiceConfiguration, metadataProvider: Logger.MetadataProvider? = .correlation
    ) -> Logger {
        let service = configuration.service.rawValue
        let level = configuration.logLevel
        switch configuration.logFormat {
        case .json:
            LoggingSystem.bootstrap({ label, provider in
                JSONLogHandler(label: label, service: service, logLevel: level, metadataProvider: provider)
            }, metadataProvider: metadataProvider)
        case .text:
            LoggingSystem.bootstrap({ label, provider in
                var handler = StreamLogHandler.standardOutput(label: label, metadataProvider: provider)
                handler.logLevel = level
                return handler
            }, metadataProvider: metadataProvider)
        }
        return Logger(label: "seed.\(service)")
    }
}
