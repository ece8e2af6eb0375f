import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    /// How long before its due date an open task is announced as due soon.
    static let taskDueNotice: TimeInterval = 86_400

    /// What one task sweep did.
    public struct TaskSweepResult: Sendable, Equatable {
        public var dueSoon = 0
        public var overdue = 0
        public var archived = 0
    }

    /// Announces open tasks due within ``taskDueNotice`` (`work.task-due-soon`) and those past due
    /// (`work.task-overdue`), each once per due date, and archives done tasks of boards that
    /// auto-archive after their `autoArchiveDays`. Each task is one transaction named after the task
    /// and the moment, so a sweep repeated for the same moment changes nothing.
    public func sweepTasks() async throws -> TaskSweepResult {
        let now = work.now
        var result = TaskSweepResult()
        let due = try await work.mapStoreErrors {
            try await DocumentCollection(WorkTask.self, in: store).find(.and([
                .lessThanOrEqual("dueDate", .date(now.addingTimeInterval(Self.taskDueNotice))), .isIn("status", Self.openStatuses),
            ]))
        }
        for candidate in due where candidate.isOpen {
            try Task.checkCancellation()
            guard let dueDate = candidate.dueDate else { continue }
            let late = dueDate < now
            if late ? candidate.overdueAnnounced == dueDate : (candidate.dueSoonAnnounced == dueDate || candidate.overdueAnnounced == dueDate) { continue }
            let envelope = MessageEnvelope(
                messageId: "task-sweep/\(candidate.id)/\(Int(now.timeIntervalSince1970))", type: MessageType("work.task-sweep", version: 1),
                tenant: candidate.tenantId, actor: Self.systemActor)
            let announced = try await work.once(envelope, consumer: "work.task-sweep") { tx -> Int in
                guard var task = try await tx.tasks.first(.equal("_id", .string(candidate.id))), task.isOpen, task.dueDate == dueDate else { return 0 }
                let people = [task.assigneeId, task.reporterId].compactMap { $0 }
                var seen = Set<String>()
                if late {
                    task.overdueAnnounced = dueDate
                    try await tx.publish(TaskOverdueV1(task: task.summary, dueDate: dueDate, recipients: people.filter { seen.insert($0).inserted }))
                } else {
                    task.dueSoonAnnounced = dueDate
                    try await tx.publish(TaskDueSoonV1(task: task.summary, dueDate: dueDate, recipients: [task.assigneeId ?? task.reporterId]))
                }
                try await tx.tasks.replace(task)
                return 1
            }
            if late { result.overdue += announced } else { result.dueSoon += announced }
        }
        result.archived = try await sweepDoneTasks(at: now)
        return result
    }

    /// Archives done tasks of auto-archiving boards once they have been done for the board's days.
    func sweepDoneTasks(at now: Date) async throws -> Int {
        let boards = try await work.mapStoreErrors {
            try await DocumentCollection(Board.self, in: store).find(.and([.equal("isArchived", .bool(false)), .equal("settings.autoArchiveCompleted", .bool(true))]))
        }
        var archived = 0
        for candidate in boards {
            let cutoff = now.addingTimeInterval(-TimeInterval(candidate.settings.autoArchiveDays) * 86_400)
            let done = try await work.mapStoreErrors {
                try await DocumentCollection(WorkTask.self, in: store).find(.and([
                    .equal("status", .string(TaskStatus.done.rawValue)), .lessThanOrEqual("completedDate", .date(cutoff)),
                    .equal("boardId", .string(candidate.id)),
                ]))
            }
            for stale in done where !stale.isArchived {
                try Task.checkCancellation()
                let envelope = MessageEnvelope(
                    messageId: "task-archive/\(stale.id)/\(Int(now.timeIntervalSince1970))", type: MessageType("work.task-auto-archive", version: 1),
                    tenant: stale.tenantId, actor: Self.systemActor)
                archived += try await work.once(envelope, consumer: "work.task-auto-archive") { tx -> Int in
                    guard var task = try await tx.tasks.first(.equal("_id", .string(stale.id))), task.status == .done, !task.isArchived,
                          var board = try await tx.boards.first(.equal("_id", .string(task.boardId))), board.settings.autoArchiveCompleted
                    else { return 0 }
                    try await Self.archive(&task, true, board: &board, by: Self.systemActor, in: tx, service: self)
                    task.updatedAt = tx.now
                    try await tx.tasks.replace(task)
                    try await save(&board, tx)
                    return 1
                }
            }
        }
        return archived
    }
}
