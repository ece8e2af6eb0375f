/// One environment variable whose value was rejected.
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    /// The variable that holds the bad value.
    public let variable: ConfigurationVariable
    /// The value as it was found in the environment, with any URL password replaced by `***`
    /// when the variable ``ConfigurationVariable/mayContainPassword``.
    public let value: String
    /// What is wrong with the value, e.g. `must be a whole number from 1 to 65535`.
    public let reason: String

    /// Creates a problem report; `value` is redacted when the variable may contain a password.
    public init(variable: ConfigurationVariable, value: String, reason: String) {
        self.variable = variable
        self.value = variable.mayContainPassword ? Self.redactingPassword(in: value) : value
        self.reason = reason
    }

    /// `scheme://user:***@host...` for `scheme://user:secret@host...`; other text is returned unchanged.
    static func redactingPassword(in value: String) -> String {
        guard let schemeEnd = value.range(of: "://"),
            let at = value[schemeEnd.upperBound...].lastIndex(of: "@"),
            let colon = value[schemeEnd.upperBound..<at].firstIndex(of: ":")
        else { return value }
        return String(value[...colon]) + "***" + String(value[at...])
    }

    /// `SEED_HTTP_PORT="70000": must be a whole number from 1 to 65535 (for example SEED_HTTP_PORT=8081)`.
    public var description: String {
        "\(self.variable.name)=\"\(self.value)\": \(self.reason) (for example \(self.variable.name)=\(self.variable.example))"
    }
}

/// Every problem found while reading a service's configuration, reported together.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The executable whose configuration was read, e.g. `seed-identity`.
    public let executable: String
    /// The rejected variables, in the order they were read; never empty.
    public let problems: [ConfigurationProblem]

    /// Creates an error; `problems` must not be empty.
    public init(executable: String, problems: [ConfigurationProblem]) {
        precondition(!problems.isEmpty, "a configuration error needs at least one problem")
        self.executable = executable
        self.problems = problems
    }

    /// A multi-line message that names every bad variable, what is wrong and a good value.
    public var description: String {
        let count = self.problems.count == 1 ? "1 problem" : "\(self.problems.count) problems"
        let lines = self.problems.map { "  - \($0)" }
        return (["\(self.executable): invalid configuration (\(count)):"] + lines).joined(separator: "\n")
    }
}
