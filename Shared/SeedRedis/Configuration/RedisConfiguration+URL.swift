import Foundation

extension RedisConfiguration {
    /// Creates a configuration from a URL of the form `redis://[[user]:password@]host[:port][/db]`.
    ///
    /// The password (and user) may be percent-encoded; an IPv6 host is written in brackets
    /// (`redis://[::1]:6379`). The URL never carries a password into logs: see ``endpoint``.
    ///
    /// - Throws: ``RedisConfigurationError`` naming the part of the URL that is wrong.
    public init(
        url: String,
        poolSize: Int = RedisConfiguration.defaultPoolSize,
        connectTimeout: Duration = RedisConfiguration.defaultConnectTimeout,
        commandTimeout: Duration = RedisConfiguration.defaultCommandTimeout
    ) throws(RedisConfigurationError) {
        let scheme = "redis://"
        let shownURL = Self.redactingCredentials(url)
        guard url.lowercased().hasPrefix(scheme) else { throw .unsupportedScheme(url: shownURL) }
        var rest = Substring(url.dropFirst(scheme.count))

        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            (username, password) = try Self.credentials(rest[..<at])
            rest = rest[rest.index(after: at)...]
        }

        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }

        let (host, portText) = try Self.hostAndPort(rest, url: shownURL)
        var port = RedisConfiguration.defaultPort
        if let portText {
            guard let number = Int(portText), (1...65_535).contains(number) else { throw .invalidPort(String(portText)) }
            port = number
        }
        var database = 0
        if !path.isEmpty {
            guard let number = Int(path), number >= 0 else { throw .invalidDatabase(String(path)) }
            database = number
        }

        try self.init(
            host: host,
            port: port,
            username: username,
            password: password,
            database: database,
            poolSize: poolSize,
            connectTimeout: connectTimeout,
            commandTimeout: commandTimeout
        )
    }

    /// `url` with everything between `://` and the last `@` replaced by `***`.
    private static func redactingCredentials(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url.lastIndex(of: "@"), at > schemeEnd.upperBound else {
            return url
        }
        return String(url[..<schemeEnd.upperBound]) + "***" + String(url[at...])
    }

    /// Splits `user:password` or `:password` and removes percent-encoding.
    private static func credentials(_ userInfo: Substring) throws(RedisConfigurationError) -> (String?, String?) {
        guard let colon = userInfo.firstIndex(of: ":") else { throw .invalidCredentials }
        guard let user = String(userInfo[..<colon]).removingPercentEncoding,
            let secret = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncoding,
            !secret.isEmpty
        else { throw .invalidCredentials }
        return (user.isEmpty ? nil : user, secret)
    }

    /// Splits `host:port`, `host` or `[v6-address]:port`.
    private static func hostAndPort(
        _ authority: Substring,
        url: String
    ) throws(RedisConfigurationError) -> (String, Substring?) {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .missingHost(url: url) }
            let host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard !host.isEmpty else { throw .missingHost(url: url) }
            if after.isEmpty { return (String(host), nil) }
            guard after.hasPrefix(":") else { throw .invalidPort(String(after)) }
            return (String(host), after.dropFirst())
        }
        let pieces = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let host = pieces.first, !host.isEmpty else { throw .missingHost(url: url) }
        return (String(host), pieces.count == 2 ? pieces[1] : nil)
    }
}
