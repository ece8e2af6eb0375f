import Foundation

/// The parsers ``ServiceConfiguration`` applies to raw environment values.
public enum ValueParsers {
    /// A URL with one of `schemes`, a host, and a port in 1...65535 when one is given.
    public static func url(_ raw: String, schemes: [String]) throws(RejectedValue) -> URL {
        let expected = schemes.map { "\($0)://" }.joined(separator: " or ")
        guard let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased() else {
            throw RejectedValue(reason: "is not a URL; expected \(expected)")
        }
        guard schemes.contains(scheme) else {
            throw RejectedValue(reason: "has scheme \"\(scheme)\"; expected \(expected)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw RejectedValue(reason: "has no host")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw RejectedValue(reason: "has port \(port), outside 1...65535")
        }
        guard let url = components.url else { throw RejectedValue(reason: "is not a URL; expected \(expected)") }
        return url
    }

    /// A TCP port, 1...65535.
    public static func port(_ raw: String) throws(RejectedValue) -> Int {
        try self.integer(raw, in: 1...65535)
    }

    /// A whole number (decimal digits only) inside `range`.
    public static func integer(_ raw: String, in range: ClosedRange<Int>) throws(RejectedValue) -> Int {
        guard let value = Int(raw), range.contains(value) else {
            throw RejectedValue(reason: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// One of the raw values of `Choice`, compared exactly (lower case).
    public static func choice<Choice: RawRepresentable & CaseIterable>(_ raw: String, of: Choice.Type) throws(RejectedValue) -> Choice
    where Choice.RawValue == String {
        guard let value = Choice(rawValue: raw) else {
            let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw RejectedValue(reason: "must be one of \(names)")
        }
        return value
    }

    /// A host name, IPv4 or IPv6 address to bind to: letters, digits, `.`, `-` and `:` only.
    public static func bindHost(_ raw: String) throws(RejectedValue) -> String {
        let allowed = raw.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-:".unicodeScalars.contains(scalar))
        }
        guard allowed, raw.count <= 253 else {
            throw RejectedValue(reason: "must be a host name or IP address (letters, digits, '.', '-', ':'), without scheme or port")
        }
        return raw
    }

    /// A folder path; when something already exists there it must be a folder.
    public static func directory(_ raw: String) throws(RejectedValue) -> String {
        guard !raw.contains("\0") else { throw RejectedValue(reason: "must not contain a NUL character") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: raw, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw RejectedValue(reason: "names a file, not a folder")
        }
        return raw
    }
}
