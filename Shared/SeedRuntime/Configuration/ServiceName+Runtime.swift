public import SeedContracts

extension ServiceName {
    /// The HTTP port a service listens on when `SEED_HTTP_PORT` is not set.
    public var defaultHTTPPort: Int {
        switch self {
        case .gateway: 8080
        case .identity: 8081
        case .work: 8082
        case .messaging: 8083
        case .documents: 8084
        case .businessAI: 8085
        case .nutrition: 8086
        }
    }

    /// The executable's name, e.g. `seed-identity`; also the `service` field of every log line.
    public var executableName: String { "seed-\(self.rawValue)" }
}
