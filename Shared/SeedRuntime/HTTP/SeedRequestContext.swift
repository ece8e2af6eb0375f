public import Hummingbird

/// The request context of every Seed Suite HTTP router.
///
/// It carries the request id that ``RequestIDMiddleware`` assigns; the gateway uses it as the
/// correlation id of the bus messages a request causes.
public struct SeedRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request's id (`X-Request-Id`); `nil` until ``RequestIDMiddleware`` has run.
    public var requestID: String?
    /// The IP address of the peer that sent the request (`nil` when the transport has none, as in
    /// in-process tests).
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = nil
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
