import Foundation

/// A text with `{placeholders}`: a column of the values file, `{seq}` (the request's number) or `{run}`
/// (an id of this run, so that values meant to be unique, such as client message ids, stay unique
/// across runs). Only `{identifier}` is a placeholder: other braces (a JSON body's) are text, and `{{`
/// is a literal brace.
struct Template: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case column(Int)
        case sequence
        case run
    }

    let segments: [Segment]

    init(_ text: String, columns: [String]) throws {
        var segments: [Segment] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "{", text.index(after: index) < text.endIndex, text[text.index(after: index)] == "{" {
                literal.append("{")
                index = text.index(index, offsetBy: 2)
                continue
            }
            // A placeholder is `{identifier}`; any other brace (JSON's) is text.
            guard character == "{", let close = text[index...].firstIndex(of: "}"),
                  case let name = String(text[text.index(after: index)..<close]), !name.isEmpty,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
            else {
                literal.append(character)
                index = text.index(after: index)
                continue
            }
            let segment: Segment
            switch name {
            case "seq": segment = .sequence
            case "run": segment = .run
            default:
                guard let column = columns.firstIndex(of: name) else {
                    throw LoadError("the placeholder {\(name)} in \"\(text)\" names no column of the values file (columns: \(columns.joined(separator: ", ")))")
                }
                segment = .column(column)
            }
            if !literal.isEmpty { segments.append(.literal(literal)); literal = "" }
            segments.append(segment)
            index = text.index(after: close)
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
    }

    var isConstant: Bool { segments.allSatisfy { if case .literal = $0 { true } else { false } } }

    func render(row: [String], sequence: Int, run: String) -> String {
        var result = ""
        for segment in segments {
            switch segment {
            case .literal(let text): result += text
            case .column(let column): result += row[column]
            case .sequence: result += String(sequence)
            case .run: result += run
            }
        }
        return result
    }
}

/// The values placeholders are filled from: a tab-separated file whose first line names the columns;
/// request `i` takes row `i mod rows`.
struct ValueTable: Sendable {
    let columns: [String]
    let rows: [[String]]

    static let empty = ValueTable(columns: [], rows: [[]])

    init(columns: [String], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let header = lines.first else { throw LoadError("the values file \(path) is empty") }
        let columns = header.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let rows = try lines.dropFirst().enumerated().map { number, line in
            let row = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard row.count == columns.count else {
                throw LoadError("line \(number + 2) of \(path) has \(row.count) values, the header names \(columns.count)")
            }
            return row
        }
        self.columns = columns
        self.rows = rows
        guard !rows.isEmpty else { throw LoadError("the values file \(path) has a header and no rows") }
    }

    func row(for index: Int) -> [String] { rows[index % rows.count] }
}

/// What each request is: method, path, headers and body, each a template.
struct RequestSpec: Sendable {
    let method: String
    let path: Template
    let headers: [(name: String, value: Template)]
    let body: Template?

    /// One request, rendered.
    struct Rendered {
        var path: String
        var headers: [(String, String)]
        var body: [UInt8]?
    }

    func render(_ index: Int, values: ValueTable, run: String) -> Rendered {
        let row = values.row(for: index)
        return Rendered(
            path: path.render(row: row, sequence: index, run: run),
            headers: headers.map { ($0.name, $0.value.render(row: row, sequence: index, run: run)) },
            body: body.map { Array($0.render(row: row, sequence: index, run: run).utf8) })
    }
}

struct LoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
