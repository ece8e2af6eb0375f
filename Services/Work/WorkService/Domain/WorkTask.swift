import Foundation
import SeedContracts

/// A task (seed 000 `tasks`) on a board's column at a dense position, with its people, dates, tags,
/// hierarchy, dependencies, checklist, worklog, attachments and links. Named `WorkTask` so as not to
/// shadow Swift's `Task`.
struct WorkTask: Codable, Sendable, Equatable {
    var id: String
    /// The tenant it belongs to (the creating caller's; decision 0042).
    var tenantId: String
    var title: String
    var description: String?
    var taskType: TaskType
    var priority: TaskPriority
    var status: TaskStatus
    var assigneeId: String?
    var createdBy: String
    var reporterId: String
    var sprintId: String?
    var milestoneId: String?
    var boardId: String
    var columnId: String
    var position: Int
    var dueDate: Date?
    var estimatedHours: Decimal?
    var loggedHours: Decimal
    var startDate: Date?
    var completedDate: Date?
    var tags: [TaskTagV1]
    var parentTaskId: String?
    var subtasks: [String]
    var dependencies: [String]
    var progress: TaskProgressV1
    var worklog: [WorklogEntryV1]
    var attachments: [TaskAttachmentV1]
    var externalLinks: [ExternalLinkV1]
    var isArchived: Bool
    var archivedAt: Date?
    var archivedBy: String?
    /// The due date whose approach the sweep announced (each due date once).
    var dueSoonAnnounced: Date?
    /// The due date whose passing the sweep announced (each due date once).
    var overdueAnnounced: Date?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, title, description, taskType, priority, status, assigneeId, createdBy, reporterId, sprintId, milestoneId, boardId, columnId,
             position, dueDate, estimatedHours, loggedHours, startDate, completedDate, tags, parentTaskId, subtasks, dependencies, progress, worklog,
             attachments, externalLinks, isArchived, archivedAt, archivedBy, dueSoonAnnounced, overdueAnnounced, createdAt, updatedAt
    }

    var view: TaskV1 {
        TaskV1(
            id: id, title: title, description: description, taskType: taskType, priority: priority, status: status, assigneeId: assigneeId,
            createdBy: createdBy, reporterId: reporterId, sprintId: sprintId, milestoneId: milestoneId, boardId: boardId, columnId: columnId,
            position: position, dueDate: dueDate, estimatedHours: estimatedHours, loggedHours: loggedHours, startDate: startDate,
            completedDate: completedDate, tags: tags, parentTaskId: parentTaskId, subtasks: subtasks, dependencies: dependencies, progress: progress,
            worklog: worklog, attachments: attachments, externalLinks: externalLinks, isArchived: isArchived, archivedAt: archivedAt,
            archivedBy: archivedBy, createdAt: createdAt, updatedAt: updatedAt)
    }

    var summary: TaskSummaryV1 {
        TaskSummaryV1(
            id: id, title: title, taskType: taskType, priority: priority, status: status, assigneeId: assigneeId, boardId: boardId, columnId: columnId,
            position: position, sprintId: sprintId, parentTaskId: parentTaskId, dueDate: dueDate, tags: tags.map(\.name),
            progress: progress.percentage, isArchived: isArchived, updatedAt: updatedAt)
    }

    /// Neither done nor archived.
    var isOpen: Bool { status != .done && status != .archived && !isArchived }

    /// The checklist's completed share (rounded down); a done task without a checklist is 100 %.
    mutating func deriveProgress() {
        let items = progress.checklistItems
        if items.isEmpty {
            progress.percentage = status == .done ? 100 : 0
        } else {
            progress.percentage = items.filter(\.isCompleted).count * 100 / items.count
        }
    }

    /// Takes `status`, recording when work started and ended.
    mutating func enter(_ status: TaskStatus, at now: Date) {
        guard status != self.status else { return }
        self.status = status
        if status == .inProgress || status == .review, startDate == nil { startDate = now }
        completedDate = status == .done ? now : nil
        deriveProgress()
    }
}

/// The rules of task input.
enum TaskRules {
    static func title(_ raw: String?, field: String = "title") throws(ContractError) -> String { try WorkRules.text(raw, field: field, 1...200) }

    static func description(_ raw: String?) throws(ContractError) -> String? { try WorkRules.optionalText(raw, field: "description", maximum: 10_000) }

    /// Hours: 0 to `maximum`, in steps of 0.01.
    static func hours(_ value: Decimal, field: String, minimumExclusive: Bool = false, maximum: Decimal = 1_000) throws(ContractError) -> Decimal {
        var scaled = value * 100, rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard value >= 0, !(minimumExclusive && value == 0), value <= maximum, rounded == scaled else {
            throw WorkRules.invalid("'\(field)' must be \(minimumExclusive ? "more than" : "at least") 0 and at most \(maximum) hours in steps of 0.01", field: field, rule: "hours")
        }
        return value
    }

    /// The distance between neighbouring ranks when a column's ranks are written anew: room for 16
    /// placements between the same two tasks before the column is spaced out again.
    static let rankGap = 1 << 16

    /// The rank of a task placed at `position` (0…`slots.count`) among `slots`, its column without
    /// it in rank order: after the last, before the first, or halfway between its neighbours. When
    /// they leave no room (or two share a rank), the column is spaced out again at ``rankGap``:
    /// `respaced` are the slots whose rank that changes. Decision 0041.
    static func place(at position: Int, among slots: [TaskSlot]) -> (rank: Int, respaced: [TaskSlot]) {
        let below = position > 0 ? slots[position - 1].position : nil
        let above = position < slots.count ? slots[position].position : nil
        switch (below, above) {
        case (nil, nil): return (0, [])
        case (let below?, nil): return (below + rankGap, [])
        case (nil, let above?): return (above - rankGap, [])
        case (let below?, let above?) where above - below >= 2: return (below + (above - below) / 2, [])
        default:
            var respaced: [TaskSlot] = []
            for (index, slot) in slots.enumerated() {
                let rank = (index < position ? index : index + 1) * rankGap
                if slot.position != rank { respaced.append(TaskSlot(id: slot.id, position: rank)) }
            }
            return (position * rankGap, respaced)
        }
    }

    /// How many of `ranks` (ascending) are below `rank`: a task's dense position.
    static func count(of ranks: [Int], below rank: Int) -> Int {
        var low = 0, high = ranks.count
        while low < high {
            let middle = (low + high) / 2
            if ranks[middle] < rank { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A task's place in its column: all that renumbering a column needs, read (with a projection)
/// without decoding whole tasks, which a move over columns of hundreds of tasks would spend most of
/// its time on.
struct TaskSlot: Codable, Sendable, Equatable {
    var id: String
    var position: Int

    enum CodingKeys: String, CodingKey {
        case id = "_id", position
    }

    /// The stored fields a slot is read from.
    static let projection = ["position"]
}
