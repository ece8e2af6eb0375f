import Synchronization

/// A Lua script run atomically by Redis through `EVALSHA`, loading it with `SCRIPT LOAD` when needed.
///
/// The script's SHA1 is remembered after the first load; when Redis has forgotten it (a restart,
/// `SCRIPT FLUSH`), the `NOSCRIPT` reply triggers one reload and retry.
public final class RedisScript: Sendable {
    /// The Lua source.
    public let source: String
    private let loadedSHA = Mutex<String?>(nil)

    /// Creates a script from its Lua source.
    public init(_ source: String) {
        self.source = source
    }

    fileprivate var sha: String? {
        loadedSHA.withLock { $0 }
    }

    fileprivate func remember(sha: String) {
        loadedSHA.withLock { $0 = sha }
    }
}

extension RedisClient {
    /// Runs `script` with `keys` (Lua `KEYS`) and `arguments` (Lua `ARGV`) and returns its reply.
    ///
    /// - Throws: ``RedisError``; ``RedisError/server(command:message:)`` when the script fails.
    public func evaluate(
        _ script: RedisScript,
        keys: [String],
        arguments: [RedisArgument]
    ) async throws(RedisError) -> RedisValue {
        let sha = try await loadedSHA(of: script, reload: false)
        let reply = try await send(evalSHA(sha, keys: keys, arguments: arguments))
        if let message = reply.errorMessage, message.hasPrefix("NOSCRIPT") {
            let reloaded = try await loadedSHA(of: script, reload: true)
            return try await send(evalSHA(reloaded, keys: keys, arguments: arguments)).checked(for: "EVALSHA")
        }
        return try reply.checked(for: "EVALSHA")
    }

    private func loadedSHA(of script: RedisScript, reload: Bool) async throws(RedisError) -> String {
        if !reload, let sha = script.sha { return sha }
        let reply = try await send("SCRIPT", "LOAD", RedisArgument(script.source)).checked(for: "SCRIPT LOAD")
        guard let sha = reply.string else { throw .unexpectedReply(command: "SCRIPT LOAD", reply: reply) }
        script.remember(sha: sha)
        return sha
    }

    private func evalSHA(_ sha: String, keys: [String], arguments: [RedisArgument]) -> RedisCommand {
        RedisCommand(
            "EVALSHA",
            arguments: [RedisArgument(sha), .integer(keys.count)] + keys.map { RedisArgument($0) } + arguments
        )
    }
}
