/// The aggregations the seeds use, as a small pipeline that both adapters run with the same result:
/// match → unwind → group (by a field, by calendar day of a date field, or all) → sort → limit.
///
/// Group results are documents with `_id` (the key) and one field per accumulator.
public struct Aggregation: Sendable, Hashable {
    public enum GroupKey: Sendable, Hashable {
        /// One group for every document (`_id: null`).
        case all
        /// Group by the value at a path.
        case field(String)
        /// Group by the UTC calendar day of a date field, keyed `"YYYY-MM-DD"`.
        case day(String)
    }

    public enum Accumulator: Sendable, Hashable {
        case count
        case sum(String)
        case average(String)
        case min(String)
        case max(String)
    }

    public var match: Filter
    /// An array path to unwind before grouping: each element becomes its own document.
    public var unwind: String?
    public var groupBy: GroupKey
    /// Output field name → accumulator; evaluated in order.
    public var accumulators: [(name: String, accumulator: Accumulator)]
    /// Sort of the group documents (`_id` or an accumulator name).
    public var sort: [SortKey]
    public var limit: Int?

    public init(
        match: Filter = .all,
        unwind: String? = nil,
        groupBy: GroupKey,
        accumulators: [(name: String, accumulator: Accumulator)],
        sort: [SortKey] = [],
        limit: Int? = nil
    ) {
        self.match = match
        self.unwind = unwind
        self.groupBy = groupBy
        self.accumulators = accumulators
        self.sort = sort
        self.limit = limit
    }

    public static func == (lhs: Aggregation, rhs: Aggregation) -> Bool {
        lhs.match == rhs.match && lhs.unwind == rhs.unwind && lhs.groupBy == rhs.groupBy
            && lhs.accumulators.elementsEqual(rhs.accumulators, by: { $0.name == $1.name && $0.accumulator == $1.accumulator })
            && lhs.sort == rhs.sort && lhs.limit == rhs.limit
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(match)
        hasher.combine(unwind)
        hasher.combine(groupBy)
        for (name, accumulator) in accumulators {
            hasher.combine(name)
            hasher.combine(accumulator)
        }
        hasher.combine(sort)
        hasher.combine(limit)
    }
}
