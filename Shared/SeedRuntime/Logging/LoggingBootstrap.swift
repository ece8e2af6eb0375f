public import Logging
import SeedContracts

/// Installs the process-wide log handler for a service.
public enum LoggingBootstrap {
    /// Bootstraps swift-log once for the process with the configured format and level, and returns
    /// the service's own logger (label `seed.<service>`).
    ///
    /// Call it once, first thing in `main`; swift-log stops the process on a second bootstrap.
    public static func bootstrap(_ configuration: ServiceConfiguration) -> Logger {
        let service = configuration.service.rawValue
        let level = configuration.logLevel
        switch configuration.logFormat {
        case .json:
            LoggingSystem.bootstrap { label in
                JSONLogHandler(label: label, service: service, logLevel: level)
            }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardOutput(label: label)
                handler.logLevel = level
                return handler
            }
        }
        return Logger(label: "seed.\(service)")
    }
}
