import Foundation

/// BERT's tokenizer as the Hugging Face `tokenizers` library runs it from a `tokenizer.json` with a
/// `BertNormalizer`, a `BertPreTokenizer` and a `WordPiece` model.
///
/// Encoding a text:
/// 1. special tokens written in the text itself (`[CLS]`, `[SEP]`, `[MASK]`, …) are matched first, on
///    the raw text, and become their ids;
/// 2. the rest is normalized: control characters dropped and whitespace made a space, CJK ideographs
///    surrounded by spaces, accents stripped (NFD, then nonspacing marks removed) and the text
///    lower-cased, as configured;
/// 3. it is split into words on whitespace, and every punctuation character (ASCII punctuation and
///    Unicode categories P*) becomes a word of its own;
/// 4. each word becomes the longest vocabulary pieces from its start, later pieces prefixed with
///    `##`; a word that cannot be covered, or longer than `max_input_chars_per_word`, becomes `[UNK]`;
/// 5. the ids are cut to `maxLength - 2` and framed by `[CLS]` … `[SEP]`.
///
/// Every step works on Unicode scalars and compares UTF-8 bytes, as the Rust library does (Swift's
/// `String` equality would treat canonically equivalent spellings as equal).
public struct WordPieceTokenizer: Sendable {
    /// The id of `[CLS]`, first of every encoding.
    public let classifierID: Int
    /// The id of `[SEP]`, last of every encoding.
    public let separatorID: Int
    /// The id of `[PAD]`.
    public let paddingID: Int
    /// The id given to words the vocabulary cannot spell.
    public let unknownID: Int
    /// The number of entries in the vocabulary.
    public var vocabularySize: Int { vocabulary.count }

    private let vocabulary: [[UInt8]: Int]
    private let continuingPrefix: [UInt8]
    private let maxInputCharsPerWord: Int
    /// Special tokens matched in the raw text, longest first.
    private let specialTokens: [(scalars: [Unicode.Scalar], id: Int)]
    private let cleanText: Bool
    private let handleChineseChars: Bool
    private let stripAccents: Bool
    private let lowercase: Bool

    /// Reads a `tokenizer.json`.
    /// - Throws: ``EmbeddingModelError/unreadableFile(_:reason:)`` or
    ///   ``EmbeddingModelError/unsupportedTokenizer(_:)`` when it is not a BERT WordPiece tokenizer.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw EmbeddingModelError.unreadableFile(url.path, reason: "\(error)") }
        try self.init(json: data)
    }

    /// Parses the contents of a `tokenizer.json`.
    public init(json data: Data) throws {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw EmbeddingModelError.unsupportedTokenizer("not a JSON object")
        }
        guard let model = root["model"] as? [String: Any], model["type"] as? String == "WordPiece",
            let vocab = model["vocab"] as? [String: Int]
        else { throw EmbeddingModelError.unsupportedTokenizer("model is not WordPiece with a vocabulary") }
        guard let normalizer = root["normalizer"] as? [String: Any], normalizer["type"] as? String == "BertNormalizer" else {
            throw EmbeddingModelError.unsupportedTokenizer("normalizer is not BertNormalizer")
        }
        guard let preTokenizer = root["pre_tokenizer"] as? [String: Any], preTokenizer["type"] as? String == "BertPreTokenizer" else {
            throw EmbeddingModelError.unsupportedTokenizer("pre_tokenizer is not BertPreTokenizer")
        }
        var vocabulary: [[UInt8]: Int] = [:]
        vocabulary.reserveCapacity(vocab.count)
        for (piece, id) in vocab { vocabulary[Array(piece.utf8)] = id }
        self.vocabulary = vocabulary
        continuingPrefix = Array(((model["continuing_subword_prefix"] as? String) ?? "##").utf8)
        maxInputCharsPerWord = (model["max_input_chars_per_word"] as? Int) ?? 100
        cleanText = (normalizer["clean_text"] as? Bool) ?? true
        handleChineseChars = (normalizer["handle_chinese_chars"] as? Bool) ?? true
        lowercase = (normalizer["lowercase"] as? Bool) ?? true
        // `strip_accents: null` means "as lowercase", as in BertTokenizer.
        stripAccents = (normalizer["strip_accents"] as? Bool) ?? lowercase

        func id(of token: String) throws -> Int {
            guard let id = vocab[token] else { throw EmbeddingModelError.unsupportedTokenizer("vocabulary lacks \(token)") }
            return id
        }
        let unknown = (model["unk_token"] as? String) ?? "[UNK]"
        unknownID = try id(of: unknown)
        classifierID = try id(of: "[CLS]")
        separatorID = try id(of: "[SEP]")
        paddingID = try id(of: "[PAD]")
        let added = (root["added_tokens"] as? [[String: Any]]) ?? []
        specialTokens = added.compactMap { token -> ([Unicode.Scalar], Int)? in
            guard let content = token["content"] as? String, let id = token["id"] as? Int, !content.isEmpty else { return nil }
            return (Array(content.unicodeScalars), id)
        }.sorted { $0.0.count > $1.0.count }
    }

    /// The ids of `text`: `[CLS]`, at most `maxLength - 2` ids of the text, `[SEP]`.
    public func encode(_ text: String, maxLength: Int) -> [Int] {
        precondition(maxLength >= 2, "an encoding holds at least [CLS] and [SEP]")
        var ids: [Int] = []
        for segment in splitOnSpecialTokens(Array(text.unicodeScalars)) {
            switch segment {
            case .special(let id): ids.append(id)
            case .text(let scalars):
                for word in preTokenize(normalize(scalars)) { appendWordPieces(of: word, to: &ids) }
            }
        }
        if ids.count > maxLength - 2 { ids.removeLast(ids.count - (maxLength - 2)) }
        return [classifierID] + ids + [separatorID]
    }

    // MARK: - Steps

    private enum Segment {
        case special(Int)
        case text([Unicode.Scalar])
    }

    private func splitOnSpecialTokens(_ scalars: [Unicode.Scalar]) -> [Segment] {
        var segments: [Segment] = []
        var textStart = 0
        var index = 0
        scan: while index < scalars.count {
            for token in specialTokens where token.scalars.count <= scalars.count - index {
                if scalars[index..<(index + token.scalars.count)].elementsEqual(token.scalars) {
                    if textStart < index { segments.append(.text(Array(scalars[textStart..<index]))) }
                    segments.append(.special(token.id))
                    index += token.scalars.count
                    textStart = index
                    continue scan
                }
            }
            index += 1
        }
        if textStart < scalars.count { segments.append(.text(Array(scalars[textStart...]))) }
        return segments
    }

    private func normalize(_ input: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(input.count)
        for scalar in input {
            if cleanText {
                if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
                if Self.isWhitespace(scalar) {
                    scalars.append(" ")
                    continue
                }
            }
            if handleChineseChars && Self.isChineseChar(scalar) {
                scalars += [" ", scalar, " "]
            } else {
                scalars.append(scalar)
            }
        }
        if stripAccents {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            scalars = String(text).decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                $0.properties.generalCategory != .nonspacingMark
            }
        }
        if lowercase {
            scalars = scalars.flatMap { scalar -> [Unicode.Scalar] in
                // Most scalars are their own lower case: skip building a String for them.
                if !scalar.properties.changesWhenLowercased { return [scalar] }
                return Array(scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return scalars
    }

    private func preTokenize(_ scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var words: [[Unicode.Scalar]] = []
        var word: [Unicode.Scalar] = []
        for scalar in scalars {
            if Self.isWhitespace(scalar) {
                if !word.isEmpty { words.append(word) }
                word = []
            } else if Self.isPunctuation(scalar) {
                if !word.isEmpty { words.append(word) }
                words.append([scalar])
                word = []
            } else {
                word.append(scalar)
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    private func appendWordPieces(of word: [Unicode.Scalar], to ids: inout [Int]) {
        guard word.count <= maxInputCharsPerWord else {
            ids.append(unknownID)
            return
        }
        let utf8 = word.map { Array(String($0).utf8) }
        var pieces: [Int] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int?
            while start < end {
                var candidate = start > 0 ? continuingPrefix : []
                for index in start..<end { candidate += utf8[index] }
                if let id = vocabulary[candidate] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                ids.append(unknownID)
                return
            }
            pieces.append(id)
            start = end
        }
        ids += pieces
    }

    // MARK: - Character classes, as the Rust `tokenizers` library defines them

    /// Unicode White_Space, with tab, newline and carriage return.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace
    }

    /// Categories Cc, Cf, Cn, Co and Cs, except tab, newline and carriage return.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }

    /// ASCII punctuation (which includes symbols such as `$`, `+`, `<`, `^`, `` ` ``, `|`, `~`) or a
    /// Unicode punctuation category (Pc, Pd, Ps, Pe, Pi, Pf, Po).
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: break
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    /// The CJK Unified Ideographs blocks BERT isolates as words.
    static func isChineseChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
            0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default: return false
        }
    }
}
