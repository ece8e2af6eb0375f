import Foundation
import SeedContracts

/// A sprint (seed 000 `sprints`): the work an approved questionnaire leads to, its team, the
/// documents it needs, the packages on offer, milestones, derived progress and meetings, and the
/// record of every move of its state machine.
struct Sprint: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    var clientId: String
    var questionnaireId: String
    var adminId: String
    var templateId: String?
    var name: String
    var description: String?
    var type: SprintType
    var startDate: Date?
    var endDate: Date?
    var estimatedDuration: Int?
    var actualDuration: Int?
    var assignedTeam: [TeamMemberV1]
    var status: SprintStatus
    var pausedFrom: SprintStatus?
    var statusHistory: [StatusChangeV1]
    var requiredDocuments: [RequiredDocumentStateV1]
    var packageOptions: [PackageOptionV1]
    var selectedPackage: String?
    var milestones: [MilestoneV1]
    var progress: ProgressV1
    var meetings: [MeetingV1]
    /// Milestones whose approaching due date was announced (the sweep announces each once).
    var dueAnnounced: [String]
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, clientId, questionnaireId, adminId, templateId, name, description, type, startDate, endDate, estimatedDuration,
             actualDuration, assignedTeam, status, pausedFrom, statusHistory, requiredDocuments, packageOptions, selectedPackage, milestones,
             progress, meetings, dueAnnounced, createdAt, updatedAt
    }

    var view: SprintV1 {
        SprintV1(
            id: id, clientId: clientId, questionnaireId: questionnaireId, adminId: adminId, templateId: templateId, name: name,
            description: description, type: type, startDate: startDate, endDate: endDate, estimatedDuration: estimatedDuration,
            actualDuration: actualDuration, assignedTeam: assignedTeam, status: status, pausedFrom: pausedFrom, statusHistory: statusHistory,
            requiredDocuments: requiredDocuments, packageOptions: packageOptions, selectedPackage: selectedPackage, milestones: milestones,
            progress: progress, meetings: meetings, createdAt: createdAt, updatedAt: updatedAt)
    }

    var summary: SprintSummaryV1 {
        SprintSummaryV1(
            id: id, clientId: clientId, adminId: adminId, name: name, type: type, status: status, startDate: startDate, endDate: endDate,
            teamSize: assignedTeam.count, progress: progress, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// Everyone the sprint concerns: client, admin and team, each once.
    var people: [String] {
        var seen = Set<String>()
        return ([clientId, adminId] + assignedTeam.map(\.userId)).filter { seen.insert($0).inserted }
    }

    /// Whether `userId` may see the sprint without being an admin.
    func involves(_ userId: String) -> Bool {
        clientId == userId || adminId == userId || assignedTeam.contains { $0.userId == userId }
    }

    /// Whether the sprint still ties up its team (neither completed nor cancelled).
    var isOpen: Bool { status != .completed && status != .cancelled }

    /// Whether the configuration (documents, packages) may still change: before it is scheduled.
    var isConfigurable: Bool { [.created, .documentsRequired, .packageSelection].contains(status) || (status == .paused && pausedFrom.map { [.created, .documentsRequired, .packageSelection].contains($0) } == true) }

    /// The required documents not yet approved.
    var awaitedDocuments: [RequiredDocumentStateV1] {
        requiredDocuments.filter { $0.requirement.isRequired && $0.status != .approved }
    }

    /// When the sprint ends at the latest, for overlap: its end date, or start + estimated duration.
    var plannedEnd: Date? {
        if let endDate { return endDate }
        guard let startDate, let days = estimatedDuration else { return nil }
        return startDate.addingTimeInterval(Double(days) * 86_400)
    }

    // MARK: Progress

    /// Recomputes ``progress`` from the milestones (it is never typed in).
    mutating func deriveProgress(at now: Date) {
        let total = milestones.count
        let done = milestones.count { $0.status == .completed }
        let next = milestones.filter { $0.status != .completed }
            .sorted { ($0.dueDate ?? .distantFuture, $0.dayOffset ?? .max) < ($1.dueDate ?? .distantFuture, $1.dayOffset ?? .max) }.first
        let phase = next?.name ?? (total > 0 ? "completed" : status.rawValue)
        progress = ProgressV1(
            percentage: total == 0 ? 0 : (done * 100) / total, currentPhase: phase, lastUpdated: now, completedMilestones: done, totalMilestones: total)
    }

    // MARK: State machine

    /// Moves to `target` after checking the machine and its rules, recording who, when, from and to.
    /// Returns the recorded change.
    mutating func move(to target: SprintStatus, by actor: String, at now: Date, reason: String?) throws(ContractError) -> StatusChangeV1 {
        try SprintMachine.check(self, to: target)
        let change = StatusChangeV1(from: status, to: target, by: actor, at: now, reason: reason)
        switch target {
        case .paused:
            pausedFrom = status
        default:
            pausedFrom = nil
        }
        if target == .completed, let startDate {
            actualDuration = max(0, Int((now.timeIntervalSince(startDate) / 86_400).rounded(.up)))
            endDate = now
        }
        status = target
        statusHistory.append(change)
        updatedAt = now
        deriveProgress(at: now)
        return change
    }
}

/// The sprint state machine: created → documents_required → package_selection → scheduled → active →
/// completed, with paused (and back to where it was) and cancelled. docs/work.md draws it.
enum SprintMachine {
    /// The statuses `sprint` may move to next, before the rules of each target are checked.
    static func targets(of sprint: Sprint) -> [SprintStatus] {
        switch sprint.status {
        case .created: [.documentsRequired, .packageSelection, .paused, .cancelled]
        case .documentsRequired: [.packageSelection, .paused, .cancelled]
        case .packageSelection: [.scheduled, .paused, .cancelled]
        case .scheduled: [.active, .paused, .cancelled]
        case .active: [.completed, .paused, .cancelled]
        case .paused: (sprint.pausedFrom.map { [$0] } ?? []) + [.cancelled]
        case .completed, .cancelled: []
        }
    }

    /// A `conflict` naming the broken rule, unless `sprint` may move to `target` now.
    static func check(_ sprint: Sprint, to target: SprintStatus) throws(ContractError) {
        guard targets(of: sprint).contains(target) else {
            throw refused("a \(sprint.status.rawValue) sprint cannot become \(target.rawValue)", rule: "transition", sprint, target)
        }
        // Resuming returns to where it was: its rules held when it left.
        if sprint.status == .paused { return }
        switch target {
        case .packageSelection:
            let awaited = sprint.awaitedDocuments
            guard awaited.isEmpty else {
                throw refused(
                    "every required document must be uploaded and approved first; awaited: \(awaited.map(\.requirement.fieldName).joined(separator: ", "))",
                    rule: "documents_approved", sprint, target)
            }
            guard !sprint.packageOptions.isEmpty else {
                throw refused("the sprint has no package options to choose from", rule: "package_options", sprint, target)
            }
        case .scheduled:
            guard let selected = sprint.selectedPackage, sprint.packageOptions.contains(where: { $0.id == selected }) else {
                throw refused("a package must be selected first", rule: "package_selected", sprint, target)
            }
            guard sprint.startDate != nil else {
                throw refused("the sprint needs a start date (schedule it)", rule: "start_date", sprint, target)
            }
        case .active:
            guard sprint.meetings.contains(where: { $0.type == .kickoff && $0.status != .cancelled }) else {
                throw refused("a kickoff meeting must be scheduled first", rule: "kickoff_meeting", sprint, target)
            }
        case .completed:
            let open = sprint.milestones.filter { $0.status != .completed }
            guard !sprint.milestones.isEmpty, open.isEmpty else {
                throw refused(
                    sprint.milestones.isEmpty ? "the sprint has no milestones" : "every milestone must be completed first; open: \(open.map(\.name).joined(separator: ", "))",
                    rule: "milestones_completed", sprint, target)
            }
        case .created, .documentsRequired, .paused, .cancelled:
            break
        }
    }

    static func refused(_ message: String, rule: String, _ sprint: Sprint, _ target: SprintStatus) -> ContractError {
        ContractError(.conflict, message, details: ["field": "status", "rule": rule, "from": sprint.status.rawValue, "to": target.rawValue])
    }
}

/// One person's time: their allocations over overlapping open sprints never exceed 100 %.
enum AllocationRule {
    static let limit = 100

    /// Whether two sprints' periods overlap; a sprint without a period yet overlaps every other.
    static func overlap(_ a: Sprint, _ b: Sprint) -> Bool {
        guard let aStart = a.startDate, let bStart = b.startDate else { return true }
        let aEnd = a.plannedEnd ?? .distantFuture, bEnd = b.plannedEnd ?? .distantFuture
        return aStart <= bEnd && bStart <= aEnd
    }

    /// A `validation_failed` error naming `allocation` when `allocation` on `sprint` plus `userId`'s
    /// allocations on the overlapping open sprints in `others` exceed the limit.
    static func check(_ userId: String, allocation: Int, on sprint: Sprint, others: [Sprint]) throws(ContractError) {
        let elsewhere = others.filter { $0.id != sprint.id && $0.isOpen && overlap($0, sprint) }
            .compactMap { other in other.assignedTeam.first { $0.userId == userId }?.allocation }
            .reduce(0, +)
        guard elsewhere + allocation <= limit else {
            throw ContractError(
                .validation, "\(userId) is already allocated \(elsewhere) % on overlapping sprints; \(allocation) % more exceeds \(limit) %",
                details: ["field": "allocation", "rule": "allocation_limit", "allocated": "\(elsewhere)"])
        }
    }
}

/// Milestone moves: pending → in_progress → completed; an overdue one may still start or complete.
enum MilestoneMachine {
    static func canMove(from: MilestoneStatus, to: MilestoneStatus) -> Bool {
        switch (from, to) {
        case (.pending, .inProgress), (.inProgress, .completed), (.overdue, .inProgress), (.overdue, .completed): true
        default: false
        }
    }
}
