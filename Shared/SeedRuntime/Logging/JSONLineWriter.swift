import Logging

/// Builds one JSON object on one line, escaping strings as RFC 8259 requires.
struct JSONLineWriter {
    private var text = "{"
    private var isFirstField = true

    /// Appends `"name":"value"`.
    mutating func field(_ name: String, string value: String) {
        self.separate()
        Self.appendString(name, to: &self.text)
        self.text.append(":")
        Self.appendString(value, to: &self.text)
    }

    /// Appends `"name":{...}` with the metadata as a JSON object.
    mutating func field(_ name: String, metadata: Logger.Metadata) {
        self.separate()
        Self.appendString(name, to: &self.text)
        self.text.append(":")
        Self.appendObject(metadata, to: &self.text)
    }

    /// Closes the object and returns the line, newline included.
    mutating func finish() -> String {
        self.text.append("}\n")
        return self.text
    }

    private mutating func separate() {
        if self.isFirstField {
            self.isFirstField = false
        } else {
            self.text.append(",")
        }
    }

    private static func appendObject(_ metadata: Logger.Metadata, to text: inout String) {
        text.append("{")
        for (index, key) in metadata.keys.sorted().enumerated() {
            if index > 0 { text.append(",") }
            self.appendString(key, to: &text)
            text.append(":")
            self.appendValue(metadata[key]!, to: &text)
        }
        text.append("}")
    }

    private static func appendValue(_ value: Logger.Metadata.Value, to text: inout String) {
        switch value {
        case .string(let string):
            self.appendString(string, to: &text)
        case .stringConvertible(let convertible):
            self.appendString(convertible.description, to: &text)
        case .dictionary(let dictionary):
            self.appendObject(dictionary, to: &text)
        case .array(let array):
            text.append("[")
            for (index, element) in array.enumerated() {
                if index > 0 { text.append(",") }
                self.appendValue(element, to: &text)
            }
            text.append("]")
        }
    }

    private static func appendString(_ string: String, to text: inout String) {
        text.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text.append("\\\"")
            case "\\": text.append("\\\\")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            case "\t": text.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        text.append("\"")
    }
}
