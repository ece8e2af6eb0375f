/// Why a single raw value was rejected; becomes a ``ConfigurationProblem``.
public struct RejectedValue: Error {
    /// What is wrong with the value, phrased to follow the variable's name.
    public let reason: String

    public init(reason: String) { self.reason = reason }
}

/// Reads typed values from an environment dictionary and collects every problem instead of stopping
/// at the first one. Services read their own variables with it, the same way the runtime reads its own.
public struct EnvironmentReader {
    private let environment: [String: String]
    /// Problems found so far, in the order the variables were read.
    public private(set) var problems: [ConfigurationProblem] = []

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The parsed value of `variable`, or `defaultValue` when it is unset.
    ///
    /// A value that `parse` rejects is recorded in ``problems`` and `defaultValue` is returned so that
    /// reading can go on and report the remaining variables too.
    public mutating func read<Value>(
        _ variable: ConfigurationVariable,
        default defaultValue: Value,
        parse: (String) throws(RejectedValue) -> Value
    ) -> Value {
        guard let raw = self.environment[variable.name] else { return defaultValue }
        do throws(RejectedValue) {
            guard !raw.allSatisfy(\.isWhitespace) else { throw RejectedValue(reason: "is set but empty; unset it to use the default") }
            return try parse(raw)
        } catch {
            self.problems.append(ConfigurationProblem(variable: variable, value: raw, reason: error.reason))
            return defaultValue
        }
    }
}
