import Crypto
import Foundation

/// Splits extracted text into the chunks that are embedded: whole sentences up to
/// ``maxCharacters``, each chunk beginning with the last ``overlapSentences`` sentences of the one
/// before it, so that a fact spanning a boundary is whole in at least one chunk. No I/O.
struct Chunker: Sendable {
    var maxCharacters = 600
    var overlapSentences = 1

    /// The text's sentences: ends at `.`, `!` or `?` followed by white space, and at every line break
    /// that ends a line of text (headings, list items, table rows). Blank ones are dropped; a sentence
    /// longer than ``maxCharacters`` is cut between words.
    func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var previous: Character = " "
        func flush() {
            let sentence = current.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !sentence.isEmpty { sentences += cut(sentence) }
            current = ""
        }
        for character in text {
            if character.isNewline {
                flush()
            } else if character.isWhitespace, [".", "!", "?"].contains(previous) {
                flush()
            } else {
                current.append(character)
            }
            previous = character
        }
        flush()
        return sentences
    }

    /// A sentence longer than ``maxCharacters`` in pieces between words.
    private func cut(_ sentence: String) -> [String] {
        guard sentence.count > maxCharacters else { return [sentence] }
        var pieces: [String] = []
        var piece = ""
        for word in sentence.split(separator: " ") {
            if !piece.isEmpty, piece.count + word.count + 1 > maxCharacters {
                pieces.append(piece)
                piece = ""
            }
            piece += piece.isEmpty ? String(word.prefix(maxCharacters)) : " " + word
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }

    /// The chunks of `text`, in order.
    func chunks(_ text: String) -> [String] {
        let sentences = sentences(text)
        var chunks: [String] = []
        var current: [String] = []
        var length = 0
        var fresh = 0
        for sentence in sentences {
            if fresh > 0, length + sentence.count + 1 > maxCharacters {
                chunks.append(join(current))
                current = Array(current.suffix(overlapSentences))
                length = current.reduce(0) { $0 + $1.count + 1 }
                fresh = 0
                while !current.isEmpty, length + sentence.count + 1 > maxCharacters {
                    length -= current.removeFirst().count + 1
                }
            }
            current.append(sentence)
            length += sentence.count + 1
            fresh += 1
        }
        if fresh > 0 { chunks.append(join(current)) }
        return chunks
    }

    /// A chunk's text: sentences joined by a space, but a line that does not end a sentence (a heading,
    /// a list item) keeps its line break, so that ``sentences(_:)`` of the chunk gives its sentences back
    /// and a heading is never glued to the sentence after it. White space does not change the vectors.
    func join(_ sentences: [String]) -> String {
        var text = ""
        for sentence in sentences {
            if let last = text.last { text.append([".", "!", "?"].contains(last) ? " " : "\n") }
            text += sentence
        }
        return text
    }

    /// The first 16 hexadecimal digits of the SHA-256 of a chunk's text: its key in the collection.
    static func hash(_ chunk: String) -> String {
        SHA256.hash(data: Data(chunk.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
