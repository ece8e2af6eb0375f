import SeedStore

/// A superset of the values a filter allows at one path, as bounds in key order; `nil` bounds are open.
///
/// Intervals only narrow an index scan: the matcher still checks every candidate, so an interval may
/// be wider than the filter but never narrower.
struct KeyInterval: Sendable {
    enum Bound: Sendable, Hashable {
        case value(DocumentValue, inclusive: Bool)
        /// Below every value of the bracket (a lower bound).
        case bracketStart(KeyEncoding.Bracket)
        /// Above every value of the bracket (an upper bound).
        case bracketEnd(KeyEncoding.Bracket)
    }

    var lower: Bound?
    var upper: Bound?

    static func point(_ value: DocumentValue) -> KeyInterval {
        KeyInterval(lower: .value(value, inclusive: true), upper: .value(value, inclusive: true))
    }

    /// The single value when the interval holds exactly one key.
    var point: DocumentValue? {
        guard case .value(let low, true)? = lower, case .value(let high, true)? = upper,
              KeyEncoding.key(low) == KeyEncoding.key(high) else { return nil }
        return low
    }

    /// Whether `null` (and so a missing field) lies inside.
    var containsNull: Bool {
        let null = KeyEncoding.key(.null)
        return !null.lexicographicallyPrecedes(Self.lowerKey(lower)) && null.lexicographicallyPrecedes(Self.upperKey(upper))
    }

    func intersection(_ other: KeyInterval) -> KeyInterval {
        KeyInterval(
            lower: Self.lowerKey(lower).lexicographicallyPrecedes(Self.lowerKey(other.lower)) ? other.lower : lower,
            upper: Self.upperKey(other.upper).lexicographicallyPrecedes(Self.upperKey(upper)) ? other.upper : upper)
    }

    func union(_ other: KeyInterval) -> KeyInterval {
        KeyInterval(
            lower: lower == nil || other.lower == nil ? nil
                : (Self.lowerKey(other.lower).lexicographicallyPrecedes(Self.lowerKey(lower)) ? other.lower : lower),
            upper: upper == nil || other.upper == nil ? nil
                : (Self.upperKey(upper).lexicographicallyPrecedes(Self.upperKey(other.upper)) ? other.upper : upper))
    }

    /// The byte range `[lower, upper)` of this component, appended to `prefix`, in the index direction.
    func byteRange(after prefix: [UInt8], descending: Bool) -> (lower: [UInt8], upper: [UInt8]) {
        guard descending else { return (prefix + Self.lowerKey(lower), prefix + Self.upperKey(upper)) }
        // Inverted keys: the ascending upper bound becomes the lower one and the other way round.
        let newLower: [UInt8] = switch upper {
        case nil: []
        case .value(let value, let inclusive)?: Self.inverted(value) + (inclusive ? [] : [0xFF])
        case .bracketEnd(let bracket)?: [~bracket.rawValue]
        case .bracketStart(let bracket)?: [~bracket.rawValue &+ 1]
        }
        let newUpper: [UInt8] = switch lower {
        case nil: [0xFF]
        case .value(let value, let inclusive)?: Self.inverted(value) + (inclusive ? [0xFF] : [])
        case .bracketStart(let bracket)?: [~bracket.rawValue &+ 1]
        case .bracketEnd(let bracket)?: [~bracket.rawValue]
        }
        return (prefix + newLower, prefix + newUpper)
    }

    private static func inverted(_ value: DocumentValue) -> [UInt8] {
        var bytes: [UInt8] = []
        KeyEncoding.append(value, descending: true, to: &bytes)
        return bytes
    }

    /// The smallest ascending key the bound admits.
    private static func lowerKey(_ bound: Bound?) -> [UInt8] {
        switch bound {
        case nil: []
        case .value(let value, let inclusive)?: KeyEncoding.key(value) + (inclusive ? [] : [0xFF])
        case .bracketStart(let bracket)?: KeyEncoding.bracketStart(bracket)
        case .bracketEnd(let bracket)?: KeyEncoding.bracketEnd(bracket)
        }
    }

    /// The first ascending key beyond the bound.
    private static func upperKey(_ bound: Bound?) -> [UInt8] {
        switch bound {
        case nil: [0xFF]
        case .value(let value, let inclusive)?: KeyEncoding.key(value) + (inclusive ? [0xFF] : [])
        case .bracketStart(let bracket)?: KeyEncoding.bracketStart(bracket)
        case .bracketEnd(let bracket)?: KeyEncoding.bracketEnd(bracket)
        }
    }
}

extension KeyInterval {
    /// The interval `filter` allows at `path`, or `nil` when it does not constrain the path.
    /// On a multikey index, conditions of a conjunction may hold for different elements, so only
    /// one of them (a point when there is one) is used instead of their intersection.
    static func of(_ filter: Filter, at path: String, multikey: Bool) -> KeyInterval? {
        switch filter {
        case .equal(let field, let value) where field == path:
            if case .array = value { return nil }
            return .point(value)
        case .greaterThan(let field, let value) where field == path,
             .greaterThanOrEqual(let field, let value) where field == path:
            guard rangeable(value) else { return nil }
            let inclusive: Bool = if case .greaterThanOrEqual = filter { true } else { false }
            return KeyInterval(lower: .value(value, inclusive: inclusive), upper: .bracketEnd(KeyEncoding.Bracket(value)))
        case .lessThan(let field, let value) where field == path,
             .lessThanOrEqual(let field, let value) where field == path:
            guard rangeable(value) else { return nil }
            let inclusive: Bool = if case .lessThanOrEqual = filter { true } else { false }
            return KeyInterval(lower: .bracketStart(KeyEncoding.Bracket(value)), upper: .value(value, inclusive: inclusive))
        case .isIn(let field, let values) where field == path:
            guard !values.isEmpty, !values.contains(where: { if case .array = $0 { true } else { false } }) else { return nil }
            return values.dropFirst().reduce(KeyInterval.point(values[0])) { $0.union(.point($1)) }
        case .elementMatch(let field, let inner) where path.hasPrefix(field + "."):
            return of(inner, at: String(path.dropFirst(field.count + 1)), multikey: multikey)
        case .and(let filters):
            let parts = filters.compactMap { of($0, at: path, multikey: multikey) }
            guard let first = parts.first else { return nil }
            if multikey { return parts.first { $0.point != nil } ?? first }
            return parts.dropFirst().reduce(first) { $0.intersection($1) }
        case .or(let filters):
            var result: KeyInterval?
            for filter in filters {
                guard let part = of(filter, at: path, multikey: multikey) else { return nil }
                result = result.map { $0.union(part) } ?? part
            }
            return result
        default:
            return nil
        }
    }

    /// Ranges over `null` or arrays follow rules the key order does not capture: leave them to the matcher.
    private static func rangeable(_ value: DocumentValue) -> Bool {
        switch value {
        case .null, .array: false
        default: true
        }
    }
}
