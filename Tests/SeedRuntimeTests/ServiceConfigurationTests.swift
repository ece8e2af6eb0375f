import Foundation
import Logging
import SeedContracts
import Testing

@testable import SeedRuntime

@Suite("Service configuration from environment variables")
struct ServiceConfigurationTests {
    @Test("an empty environment gives the documented defaults")
    func defaults() throws {
        let configuration = try ServiceConfiguration(service: .identity, environment: [:])
        #expect(configuration.amqpURL.absoluteString == "amqp://guest:guest@127.0.0.1:5672/")
        #expect(configuration.redisURL.absoluteString == "redis://127.0.0.1:6379")
        #expect(configuration.httpHost == "127.0.0.1")
        #expect(configuration.httpPort == 8081)
        #expect(configuration.logLevel == .info)
        #expect(configuration.logFormat == .json)
        #expect(configuration.busPrefetch == 64)
        #expect(configuration.busMaxAttempts == 5)
        #expect(configuration.dataDirectory == ".data/identity")
        #expect(configuration.mongoURI == nil, "no MongoDB URI means the embedded store")
    }

    @Test(
        "each service has its own default HTTP port",
        arguments: [
            (ServiceName.gateway, 8080), (.identity, 8081), (.work, 8082), (.messaging, 8083),
            (.documents, 8084), (.businessAI, 8085), (.nutrition, 8086),
        ]
    )
    func defaultPorts(service: ServiceName, port: Int) throws {
        #expect(try ServiceConfiguration(service: service, environment: [:]).httpPort == port)
    }

    @Test("valid values for every variable are read and typed")
    func validValues() throws {
        let configuration = try ServiceConfiguration(
            service: .work,
            environment: [
                "SEED_AMQP_URL": "amqps://seed:secret@broker.internal:5671/seed",
                "SEED_REDIS_URL": "rediss://cache.internal:6380/2",
                "SEED_HTTP_HOST": "0.0.0.0",
                "SEED_HTTP_PORT": "18082",
                "SEED_LOG_LEVEL": "debug",
                "SEED_LOG_FORMAT": "text",
                "SEED_BUS_PREFETCH": "10",
                "SEED_BUS_MAX_ATTEMPTS": "3",
                "SEED_DATA_DIR": "/tmp/seed-work",
            ]
        )
        #expect(configuration.amqpURL.host == "broker.internal")
        #expect(configuration.amqpURL.port == 5671)
        #expect(configuration.redisURL.scheme == "rediss")
        #expect(configuration.httpHost == "0.0.0.0")
        #expect(configuration.httpPort == 18082)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.logFormat == .text)
        #expect(configuration.busPrefetch == 10)
        #expect(configuration.busMaxAttempts == 3)
        #expect(configuration.dataDirectory == "/tmp/seed-work")
    }

    @Test(
        "a bad value is rejected with the variable, the reason and an example",
        arguments: [
            ("SEED_AMQP_URL", "http://127.0.0.1:5672/", "has scheme \"http\"; expected amqp:// or amqps://"),
            ("SEED_AMQP_URL", "amqp://127.0.0.1:70000/", "has port 70000, outside 1...65535"),
            ("SEED_AMQP_URL", "amqp:///vhost", "has no host"),
            ("SEED_REDIS_URL", "memcached://127.0.0.1:11211", "has scheme \"memcached\"; expected redis:// or rediss://"),
            ("SEED_REDIS_URL", "not a url", "is not a URL; expected redis:// or rediss://"),
            ("SEED_HTTP_HOST", "http://0.0.0.0", "must be a host name or IP address"),
            ("SEED_HTTP_PORT", "0", "must be a whole number from 1 to 65535"),
            ("SEED_HTTP_PORT", "65536", "must be a whole number from 1 to 65535"),
            ("SEED_HTTP_PORT", "eighty", "must be a whole number from 1 to 65535"),
            ("SEED_LOG_LEVEL", "loud", "must be one of trace, debug, info, notice, warning, error, critical"),
            ("SEED_LOG_FORMAT", "xml", "must be one of json, text"),
            ("SEED_BUS_PREFETCH", "0", "must be a whole number from 1 to 65535"),
            ("SEED_BUS_MAX_ATTEMPTS", "101", "must be a whole number from 1 to 100"),
            ("SEED_DATA_DIR", "/etc/hostname", "names a file, not a folder"),
            ("SEED_MONGODB_URI", "postgres://db/seed", "must start with mongodb:// or mongodb+srv://"),
            ("SEED_HTTP_PORT", "", "is set but empty"),
        ]
    )
    func rejectsBadValue(variable: String, value: String, reason: String) throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ServiceConfiguration(service: .identity, environment: [variable: value])
        }
        let problem = try #require(error.problems.first)
        #expect(error.problems.count == 1)
        #expect(problem.variable.name == variable)
        #expect(problem.value == value)
        #expect(problem.reason.hasPrefix(reason))
        #expect(error.description.contains("\(variable)=\"\(value)\": \(reason)"))
        #expect(error.description.contains("(for example \(variable)=\(problem.variable.example))"))
    }

    @Test("a password in a rejected broker or Redis URL is not repeated in the message")
    func redactsPasswords() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ServiceConfiguration(
                service: .identity,
                environment: [
                    "SEED_AMQP_URL": "http://seed:hunter2@broker:5672/",
                    "SEED_REDIS_URL": "redis://:s3cret@cache:99999",
                ]
            )
        }
        #expect(error.problems.map(\.value) == ["http://seed:***@broker:5672/", "redis://:***@cache:99999"])
        #expect(!error.description.contains("hunter2"))
        #expect(!error.description.contains("s3cret"))
    }

    @Test("several bad values are all reported together, in reading order")
    func reportsEveryProblem() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ServiceConfiguration(
                service: .messaging,
                environment: [
                    "SEED_AMQP_URL": "http://broker",
                    "SEED_HTTP_PORT": "99999",
                    "SEED_LOG_LEVEL": "verbose",
                    "SEED_LOG_FORMAT": "yaml",
                ]
            )
        }
        #expect(error.problems.map(\.variable.name) == ["SEED_AMQP_URL", "SEED_HTTP_PORT", "SEED_LOG_LEVEL", "SEED_LOG_FORMAT"])
        let lines = error.description.split(separator: "\n")
        #expect(lines.first == "seed-messaging: invalid configuration (4 problems):")
        #expect(lines.count == 5)
    }

    @Test("every documented variable is listed once, with an example that passes validation")
    func examplesAreValid() throws {
        #expect(Set(ConfigurationVariable.all.map(\.name)).count == ConfigurationVariable.all.count)
        var environment: [String: String] = [:]
        for variable in ConfigurationVariable.all where variable != .dataDirectory {
            environment[variable.name] = variable.example
        }
        environment[ConfigurationVariable.dataDirectory.name] = FileManager.default.temporaryDirectory.path
        _ = try ServiceConfiguration(service: .identity, environment: environment)
    }
}
