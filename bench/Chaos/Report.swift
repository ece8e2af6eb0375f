import Foundation

/// The figures of a chaos run, printed as `name value unit` lines.
struct Report {
    let ledger: Ledger
    let tally: EventTally
    let stored: Stored
    let timeline: Timeline
    let offeredFor: Duration

    /// Prints the figures; false when the run found a loss, a duplicate, a change without exactly one
    /// event, or a fault after which a kind of request never succeeded again.
    func print(rate: Double) -> Bool {
        let attempts = ledger.all.sorted { $0.sentAt < $1.sentAt }
        let acknowledged = attempts.filter { (200..<300).contains($0.status) }
        let failed = attempts.filter { !(200..<300).contains($0.status) }
        let seconds = Double(offeredFor.components.seconds) + Double(offeredFor.components.attoseconds) / 1e18
        line("chaos.offered_rate", String(format: "%.1f", rate), "requests/s")
        line("chaos.load_duration", String(format: "%.0f", seconds), "s")
        line("chaos.faults", "\(timeline.faults.count)", "kill -9s")
        line("chaos.requests", "\(attempts.count)", "requests")
        line("chaos.acknowledged", "\(acknowledged.count)", "commands")
        for kind in Kind.allCases {
            line("chaos.acknowledged.\(kind.rawValue)", "\(acknowledged.filter { $0.kind == kind }.count)", "commands")
        }
        line("chaos.failed", "\(failed.count)", "requests")
        for (status, count) in Dictionary(grouping: failed, by: \.status).mapValues(\.count).sorted(by: { $0.key < $1.key }) {
            line(status == 0 ? "chaos.failed.no_response" : "chaos.failed.status_\(status)", "\(count)", "requests")
        }

        let lost = acknowledged.filter { stored.times($0) == 0 }
        let duplicated = attempts.filter { stored.times($0) > 1 }
        let committedUnacknowledged = failed.filter { $0.kind != .register && stored.times($0) > 0 }
        line("chaos.lost", "\(lost.count)", "commands")
        line("chaos.duplicated", "\(duplicated.count)", "commands")
        line("chaos.stored_unacknowledged", "\(committedUnacknowledged.count)", "commands")

        // Events per committed change: every stored change, acknowledged or not (registrations: acknowledged ones).
        let changes = stored.changes(ledger)
        let byCount = Dictionary(grouping: changes, by: { tally.distinct($0) })
        let exactlyOnce = byCount[1]?.count ?? 0
        let missing = byCount[0]?.count ?? 0
        let extra = changes.count - exactlyOnce - missing
        let copies = changes.reduce(0) { $0 + max(0, tally.deliveries($1) - tally.distinct($1)) }
        let orphans = tally.markers.subtracting(changes).filter { marker in
            // Events of registrations that failed at the gateway: their users exist, but no id was returned to look them up by.
            !(attempts.first { $0.marker == marker }.map { $0.kind == .register && !(200..<300).contains($0.status) } ?? false)
        }
        line("chaos.committed_changes", "\(changes.count)", "changes")
        line("chaos.events.exactly_once", "\(exactlyOnce)", "changes")
        line("chaos.events.none", "\(missing)", "changes")
        line("chaos.events.more_than_once", "\(extra)", "changes")
        line("chaos.events.without_stored_change", "\(orphans.count)", "events")
        line("chaos.events.redelivered_copies", "\(copies)", "deliveries")

        // Recovery per fault: from the restart to the first acknowledged request of each kind it touched.
        var unrecovered: [String] = []
        for (index, fault) in timeline.faults.enumerated() {
            let service = String(fault.name.prefix { $0 != "#" })
            let kinds = Kind.allCases.filter { $0.service == service }
            let touched = kinds.isEmpty ? Kind.allCases : kinds
            let windowEnd = index + 1 < timeline.faults.count ? timeline.faults[index + 1].killed : .infinity
            let failedInWindow = failed.filter { $0.sentAt >= fault.killed && $0.sentAt < windowEnd && touched.contains($0.kind) }
            line("chaos.fault.\(fault.name).failed", "\(failedInWindow.count)", "requests")
            guard let restarted = fault.restarted else {
                unrecovered.append(fault.name)
                line("chaos.fault.\(fault.name).recovery", "-1", "s (never restarted)")
                continue
            }
            line("chaos.fault.\(fault.name).down", String(format: "%.1f", restarted - fault.killed), "s")
            var recovery = 0.0
            for kind in touched {
                guard let first = acknowledged.filter({ $0.kind == kind && $0.answeredAt >= restarted }).map(\.answeredAt).min() else {
                    recovery = .infinity
                    continue
                }
                recovery = max(recovery, first - restarted)
                if touched.count > 1 { line("chaos.fault.\(fault.name).recovery.\(kind.rawValue)", String(format: "%.2f", first - restarted), "s") }
            }
            if recovery.isFinite {
                line("chaos.fault.\(fault.name).recovery", String(format: "%.2f", recovery), "s")
            } else {
                unrecovered.append(fault.name)
                line("chaos.fault.\(fault.name).recovery", "-1", "s (a kind never succeeded again)")
            }
        }

        var problems: [String] = []
        if !lost.isEmpty { problems.append("lost: " + lost.prefix(10).map { "\($0.kind.rawValue) \($0.marker)" }.joined(separator: ", ")) }
        if !duplicated.isEmpty {
            problems.append("duplicated: " + duplicated.prefix(10).map { "\($0.kind.rawValue) \($0.marker) ×\(stored.times($0))" }.joined(separator: ", "))
        }
        if missing > 0 { problems.append("no event: " + (byCount[0] ?? []).prefix(10).joined(separator: ", ")) }
        if extra > 0 {
            problems.append("more than one event: " + changes.filter { tally.distinct($0) > 1 }.prefix(10).map { "\($0) ×\(tally.distinct($0))" }.joined(separator: ", "))
        }
        if !orphans.isEmpty { problems.append("events of changes not stored: " + orphans.prefix(10).joined(separator: ", ")) }
        if !unrecovered.isEmpty { problems.append("never recovered: " + unrecovered.joined(separator: ", ")) }
        for problem in problems { FileHandle.standardError.write(Data("[chaos] \(problem)\n".utf8)) }
        line("chaos.verdict", problems.isEmpty ? "0" : "\(problems.count)", problems.isEmpty ? "problems (pass)" : "problems (FAIL)")
        return problems.isEmpty
    }

    private func line(_ name: String, _ value: String, _ unit: String) {
        Swift.print("\(name) \(value) \(unit)")
    }
}
