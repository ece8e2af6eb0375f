import SeedRedis
import Testing

@Suite("Redis configuration from a URL")
struct RedisConfigurationTests {
    @Test("a plain URL gives host, port and database 0 without credentials")
    func plainURL() throws {
        let configuration = try RedisConfiguration(url: "redis://127.0.0.1:6391")
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 6391)
        #expect(configuration.database == 0)
        #expect(configuration.password == nil)
        #expect(configuration.username == nil)
    }

    @Test("password and database are read, and the endpoint never shows the password")
    func passwordAndDatabase() throws {
        let configuration = try RedisConfiguration(url: "redis://:s3cret@cache.internal:6380/2")
        #expect(configuration.password == "s3cret")
        #expect(configuration.database == 2)
        #expect(configuration.endpoint == "cache.internal:6380/2")
    }

    @Test("an ACL user and a percent-encoded password are decoded")
    func userAndEncodedPassword() throws {
        let configuration = try RedisConfiguration(url: "redis://app:p%40ss%2Fword@h:1/0")
        #expect(configuration.username == "app")
        #expect(configuration.password == "p@ss/word")
    }

    @Test("the port defaults to 6379 and an IPv6 host is written in brackets")
    func defaultsAndIPv6() throws {
        #expect(try RedisConfiguration(url: "redis://localhost").port == 6379)
        let v6 = try RedisConfiguration(url: "redis://[::1]:6390/1")
        #expect(v6.host == "::1")
        #expect(v6.port == 6390)
        #expect(v6.endpoint == "[::1]:6390/1")
    }

    @Test(
        "a bad URL gives the error that names what is wrong",
        arguments: [
            ("http://127.0.0.1:6379", RedisConfigurationError.unsupportedScheme(url: "http://127.0.0.1:6379")),
            ("redis://:6379", .missingHost(url: "redis://:6379")),
            ("redis://h:abc", .invalidPort("abc")),
            ("redis://h:70000", .invalidPort("70000")),
            ("redis://h:6379/x", .invalidDatabase("x")),
            ("redis://h:6379/-1", .invalidDatabase("-1")),
            ("redis://secret@h:6379", .invalidCredentials),
            ("redis://:@h:6379", .invalidCredentials),
        ]
    )
    func badURL(url: String, expected: RedisConfigurationError) {
        #expect(throws: expected) { try RedisConfiguration(url: url) }
    }

    @Test("an error message explains the expected form and hides credentials")
    func errorMessageHidesCredentials() {
        let error = #expect(throws: RedisConfigurationError.self) {
            try RedisConfiguration(url: "rediss://:topsecret@h:6379")
        }
        let message = error.map(String.init(describing:)) ?? ""
        #expect(message.contains("redis://[[user]:password@]host[:port][/db]"))
        #expect(!message.contains("topsecret"))
    }

    @Test("pool size and timeouts out of range are rejected")
    func outOfRangeSettings() {
        #expect(throws: RedisConfigurationError.invalidPoolSize(0)) {
            try RedisConfiguration(url: "redis://h", poolSize: 0)
        }
        #expect(throws: RedisConfigurationError.invalidTimeout(name: "command", .zero)) {
            try RedisConfiguration(url: "redis://h", commandTimeout: .zero)
        }
    }
}
