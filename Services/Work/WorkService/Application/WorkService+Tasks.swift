import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    // MARK: - Helpers

    /// A task of `tenant` on a board `userId` may see, the board and their role; `not_found`
    /// otherwise (also for another tenant's task).
    func task(
        _ id: String, visibleTo userId: String, field: String = "taskId", tenant: String, in operations: any DocumentOperations
    ) async throws -> (WorkTask, Board, BoardRole) {
        guard let task = try await DocumentCollection(WorkTask.self, in: operations).first(.and([.equal("_id", .string(id)), .equal("tenantId", .string(tenant))])),
              let board = try await DocumentCollection(Board.self, in: operations).first(.equal("_id", .string(task.boardId))),
              let role = try await role(of: userId, on: board, in: operations)
        else { throw ContractError(.notFound, "no task \(id)", details: ["field": field]) }
        return (task, board, role)
    }

    /// Runs `change` on a task the caller may change (a board member or admin; the board not
    /// archived) in one transaction, then derives its progress and stores it with the board's next
    /// revision (the board's cached view shows the task). The reply reports the task's dense position.
    func changeTask(
        _ rawId: String, envelope: MessageEnvelope,
        _ change: @escaping @Sendable (inout WorkTask, inout Board, Transaction, _ caller: String) async throws -> Void
    ) async throws -> TaskV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(rawId, field: "taskId")
        // Every task change raises its board's revision: on MongoDB two changes on one board at once
        // conflict, and the loser runs again on what the winner committed.
        return try await Self.retryingWriteConflicts(attempts: Self.moveAttempts) { try await work.once(envelope) { tx in
            var (task, board, role) = try await task(id, visibleTo: caller, tenant: tx.tenant, in: tx.operations)
            guard role.rank >= BoardRole.member.rank else {
                throw ContractError(.forbidden, "a board viewer cannot change tasks", details: ["rule": "board_role", "role": role.rawValue])
            }
            guard !board.isArchived else { throw ContractError(.conflict, "the board is archived", details: ["field": "boardId", "rule": "board_archived"]) }
            try await change(&task, &board, tx, caller)
            task.updatedAt = tx.now
            task.deriveProgress()
            try await tx.tasks.replace(task)
            try await save(&board, tx)
            return try await densely(task, in: tx.operations).view
        } }
    }

    /// `task` with its position as clients see it: its place among its column's open tasks
    /// (0, 1, …), where the store keeps a rank with gaps (decision 0041).
    func densely(_ task: WorkTask, in operations: any DocumentOperations) async throws -> WorkTask {
        var task = task
        task.position = try await DocumentCollection(WorkTask.self, in: operations).count(.and([
            .equal("boardId", .string(task.boardId)), .equal("columnId", .string(task.columnId)), .equal("isArchived", .bool(false)),
            .lessThan("position", .int64(Int64(task.position))),
        ]))
        return task
    }

    /// Tasks with their positions as clients see them (``densely(_:in:)``), each column's ranks read once.
    func densely(_ tasks: [WorkTask], in operations: any DocumentOperations) async throws -> [WorkTask] {
        let decoder = DocumentDecoder()
        var ranks: [String: [Int]] = [:]
        return try await tasks.asyncMapAll { task in
            let column = task.boardId + "/" + task.columnId
            if ranks[column] == nil {
                ranks[column] = try await operations.find(
                    in: WorkTask.collection.name,
                    where: .and([.equal("boardId", .string(task.boardId)), .equal("columnId", .string(task.columnId)), .equal("isArchived", .bool(false))]),
                    options: FindOptions(sort: [SortKey("boardId"), SortKey("columnId"), SortKey("position")], projection: TaskSlot.projection)
                ).map { try decoder.decode(TaskSlot.self, from: $0).position }
            }
            var task = task
            task.position = TaskRules.count(of: ranks[column] ?? [], below: task.position)
            return task
        }
    }

    /// The places of a column's unarchived tasks, in position order.
    func columnTasks(_ boardId: String, _ columnId: String, in tx: Transaction) async throws -> [TaskSlot] {
        let decoder = DocumentDecoder()
        return try await tx.operations.find(
            in: WorkTask.collection.name,
            where: .and([.equal("boardId", .string(boardId)), .equal("columnId", .string(columnId)), .equal("isArchived", .bool(false))]),
            options: FindOptions(sort: [SortKey("boardId"), SortKey("columnId"), SortKey("position")], projection: TaskSlot.projection)
        ).map { try decoder.decode(TaskSlot.self, from: $0) }
    }

    /// The rank of a task placed at `position` among `slots` (its column without it, in order),
    /// writing the column's ranks anew only when no gap is left there (``TaskRules/place(at:among:)``).
    func rank(at position: Int, among slots: [TaskSlot], in tx: Transaction) async throws -> Int {
        let (rank, respaced) = TaskRules.place(at: position, among: slots)
        for slot in respaced {
            _ = try await tx.tasks.update(.equal("_id", .string(slot.id)), Update([.set("position", .int64(Int64(slot.position)))]))
        }
        return rank
    }

    /// A WIP limit refusal when `column` already holds `count` tasks.
    static func checkRoom(_ column: BoardColumnV1, holding count: Int) throws(ContractError) {
        if let limit = column.wipLimit, count >= limit {
            throw ContractError(.conflict, "column '\(column.name)' is at its WIP limit of \(limit)",
                                details: ["field": "columnId", "rule": "wip_limit", "columnId": column.id])
        }
    }

    /// Refuses `done` while a dependency is open.
    func checkDependenciesDone(_ task: WorkTask, in tx: Transaction) async throws {
        guard !task.dependencies.isEmpty else { return }
        let open = try await tx.tasks.find(.isIn("_id", task.dependencies.map { .string($0) })).filter(\.isOpen)
        if !open.isEmpty {
            throw ContractError(.conflict, "a task cannot be done while \(open.count) of its dependencies are open",
                                details: ["field": "columnId", "rule": "dependencies_open", "open": open.map(\.id).sorted().joined(separator: ",")])
        }
    }

    /// Someone a task may be assigned to: a board member other than a viewer, or its owner.
    static func checkAssignee(_ userId: String, on board: Board, field: String = "assigneeId") throws(ContractError) {
        guard let role = board.memberRole(of: userId), role != .viewer else {
            throw WorkRules.invalid("\(userId) is not a member of the board", field: field, rule: "board_member")
        }
    }

    /// A task carries `newStatus`, entering it through the rules (dependencies for done) and a system comment.
    func changeStatus(_ task: inout WorkTask, to newStatus: TaskStatus, by caller: String, in tx: Transaction) async throws {
        guard newStatus != task.status else { return }
        if newStatus == .done { try await checkDependenciesDone(task, in: tx) }
        let old = task.status
        task.enter(newStatus, at: tx.now)
        try await systemComment(on: task, .statusChange, from: old.rawValue, to: newStatus.rawValue, by: caller, in: tx)
    }

    /// Announces an assignment (to the assignee, unless they assigned themselves).
    func announceAssignment(_ task: WorkTask, board: Board, previous: String?, by caller: String, in tx: Transaction) async throws {
        guard let assignee = task.assigneeId else { return }
        try await tx.publish(TaskAssignedV1(
            task: task.summary, boardName: board.name, assigneeId: assignee, previousAssigneeId: previous, assignedBy: caller,
            recipients: assignee == caller ? [] : [assignee]))
    }

    /// What a new task needs, checked; shared by ``createTask(_:envelope:)`` and templates.
    struct NewTask: Sendable {
        var boardId: String
        var columnId: String?
        var position: Int?
        var title: String
        var description: String?
        var taskType: TaskType
        var priority: TaskPriority
        var assigneeId: String?
        var reporterId: String?
        var sprintId: String?
        var milestoneId: String?
        var dueDate: Date?
        var startDate: Date?
        var estimatedHours: Decimal?
        var tagIds: [String]
        var tagNames: [String]
        var parentTaskId: String?
        var checklist: [String]
    }

    /// Inserts a task in its column at its position (within the WIP limit), tags it, links it to its
    /// parent and announces its assignment, in `tx`.
    func insertTask(_ new: NewTask, caller: String, in tx: Transaction) async throws -> WorkTask {
        var (board, role) = try await board(new.boardId, for: caller, needs: .member, tenant: tx.tenant, in: tx.operations)
        if role != .admin, !board.settings.allowTaskCreation {
            throw ContractError(.forbidden, "only board admins create tasks on this board", details: ["rule": "task_creation"])
        }
        guard let column = new.columnId.map({ board.column($0) }) ?? board.defaultColumn else {
            throw ContractError(.notFound, "no column \(new.columnId ?? "") on this board", details: ["field": "columnId"])
        }
        let tasks = try await columnTasks(board.id, column.id, in: tx)
        try Self.checkRoom(column, holding: tasks.count)
        let position = new.position ?? tasks.count
        guard (0...tasks.count).contains(position) else {
            throw WorkRules.invalid("position must be between 0 and \(tasks.count)", field: "position", rule: "range")
        }
        if let assignee = new.assigneeId { try Self.checkAssignee(assignee, on: board) }
        if let reporter = new.reporterId { _ = try WorkRules.id(reporter, field: "reporterId") }
        if new.dueDate != nil, !board.settings.enableDueDates {
            throw WorkRules.invalid("this board does not use due dates", field: "dueDate", rule: "due_dates_disabled")
        }
        try await checkSprint(new.sprintId, milestone: new.milestoneId, caller: caller, in: tx)
        var parent: WorkTask?
        if let parentId = new.parentTaskId {
            let (found, _, _) = try await task(parentId, visibleTo: caller, field: "parentTaskId", tenant: tx.tenant, in: tx.operations)
            guard found.boardId == board.id else { throw WorkRules.invalid("a subtask is on its parent's board", field: "parentTaskId", rule: "same_board") }
            guard found.subtasks.count < 100 else { throw WorkRules.invalid("a task has at most 100 subtasks", field: "parentTaskId", rule: "count") }
            parent = found
        }
        var tags: [Tag] = []
        for tagId in new.tagIds {
            guard let tag = try await tx.tags.first(.and([.equal("_id", .string(tagId)), .equal("tenantId", .string(tx.tenant))])), tag.isAvailable(on: board.id) else {
                throw ContractError(.notFound, "no tag \(tagId) on this board", details: ["field": "tagIds"])
            }
            if !tags.contains(where: { $0.id == tag.id }) { tags.append(tag) }
        }
        for name in new.tagNames {
            guard let tag = try await tx.tags.first(.and([.equal("key", .string(name.lowercased())), .equal("tenantId", .string(tx.tenant))])), tag.isAvailable(on: board.id) else {
                throw ContractError(.notFound, "no tag '\(name)' on this board", details: ["field": "template.tags"])
            }
            if !tags.contains(where: { $0.id == tag.id }) { tags.append(tag) }
        }
        if new.tagIds.isEmpty, new.tagNames.isEmpty {
            // Default tags of the board (or global ones) go on new tasks.
            tags = try await tx.tags.find(.and([.equal("tenantId", .string(tx.tenant)), .equal("isDefault", .bool(true)), .equal("isActive", .bool(true))])).filter { $0.isAvailable(on: board.id) }
        }
        var task = WorkTask(
            id: Self.newId(), tenantId: tx.tenant, title: new.title, description: new.description, taskType: new.taskType, priority: new.priority, status: .todo,
            assigneeId: new.assigneeId, createdBy: caller, reporterId: new.reporterId ?? caller, sprintId: new.sprintId, milestoneId: new.milestoneId,
            boardId: board.id, columnId: column.id, position: try await rank(at: position, among: tasks, in: tx), dueDate: new.dueDate, estimatedHours: new.estimatedHours, loggedHours: 0,
            startDate: new.startDate, completedDate: nil, tags: tags.map(\.onTask), parentTaskId: parent?.id, subtasks: [], dependencies: [],
            progress: TaskProgressV1(
                percentage: 0,
                checklistItems: new.checklist.map { ChecklistItemV1(id: Self.newId(), text: $0, isCompleted: false, completedBy: nil, completedAt: nil) }),
            worklog: [], attachments: [], externalLinks: [], isArchived: false, archivedAt: nil, archivedBy: nil, dueSoonAnnounced: nil,
            overdueAnnounced: nil, createdAt: tx.now, updatedAt: tx.now)
        if let status = column.columnType.impliedStatus, status != .todo {
            if status == .done { task.completedDate = tx.now }
            task.status = status
            if status != .done { task.startDate = task.startDate ?? tx.now }
        }
        task.deriveProgress()
        try await tx.tasks.insert(task)
        for tag in tags {
            var used = tag
            used.usageCount += 1
            used.lastUsed = tx.now
            used.updatedAt = tx.now
            try await tx.tags.replace(used)
        }
        if var parent {
            parent.subtasks.append(task.id)
            parent.updatedAt = tx.now
            try await tx.tasks.replace(parent)
        }
        try await save(&board, tx)
        try await announceAssignment(task, board: board, previous: nil, by: caller, in: tx)
        task.position = position
        return task
    }

    /// A named sprint the caller may see; a milestone of it.
    func checkSprint(_ sprintId: String?, milestone: String?, caller: String, in tx: Transaction) async throws {
        guard let sprintId else {
            if milestone != nil { throw WorkRules.invalid("a milestone belongs to a sprint", field: "milestoneId", rule: "needs_sprint") }
            return
        }
        let (sprint, _) = try await sprint(sprintId, visibleTo: caller, tenant: Self.tenant(of: tx.envelope), in: tx.operations)
        if let milestone, !sprint.milestones.contains(where: { $0.id == milestone }) {
            throw ContractError(.notFound, "no milestone \(milestone) in sprint \(sprintId)", details: ["field": "milestoneId"])
        }
    }

    // MARK: - Commands

    /// `work.create-task.v1`.
    public func createTask(_ command: CreateTaskV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        let caller = try envelope.signedInActor()
        let new = NewTask(
            boardId: try WorkRules.id(command.boardId, field: "boardId"), columnId: command.columnId, position: command.position,
            title: try TaskRules.title(command.title), description: try TaskRules.description(command.description), taskType: command.taskType,
            priority: command.priority, assigneeId: command.assigneeId, reporterId: command.reporterId, sprintId: command.sprintId,
            milestoneId: command.milestoneId, dueDate: command.dueDate, startDate: command.startDate,
            estimatedHours: try command.estimatedHours.map { value throws(ContractError) in try TaskRules.hours(value, field: "estimatedHours") },
            tagIds: try WorkRules.texts(command.tagIds ?? [], field: "tagIds", count: 0...20, length: 128), tagNames: [],
            parentTaskId: command.parentTaskId, checklist: try WorkRules.texts(command.checklist ?? [], field: "checklist", count: 0...50, length: 500))
        return try await work.once(envelope) { tx in try await insertTask(new, caller: caller, in: tx).view }
    }

    /// `work.update-task.v1`: tracked changes (status, assignee, due date, priority) write system comments.
    public func updateTask(_ command: UpdateTaskV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        let title = try command.title.map { raw throws(ContractError) in try TaskRules.title(raw) }
        let description = try TaskRules.description(command.description)
        let estimate = try command.estimatedHours.map { value throws(ContractError) in try TaskRules.hours(value, field: "estimatedHours") }
        let clear = Set(command.clear ?? [])
        return try await changeTask(command.taskId, envelope: envelope) { task, board, tx, caller in
            if let title { task.title = title }
            if let description { task.description = description }
            if clear.contains(.description) { task.description = nil }
            if let type = command.taskType { task.taskType = type }
            if let estimate { task.estimatedHours = estimate }
            if clear.contains(.estimatedHours) { task.estimatedHours = nil }
            if let start = command.startDate { task.startDate = start }
            if clear.contains(.startDate) { task.startDate = nil }
            if let reporter = command.reporterId { task.reporterId = try WorkRules.id(reporter, field: "reporterId") }
            if command.sprintId != nil || command.milestoneId != nil || clear.contains(.sprintId) || clear.contains(.milestoneId) {
                let sprintId = clear.contains(.sprintId) ? nil : command.sprintId ?? task.sprintId
                let milestoneId = clear.contains(.milestoneId) || clear.contains(.sprintId) ? nil : command.milestoneId ?? task.milestoneId
                try await checkSprint(sprintId, milestone: milestoneId, caller: caller, in: tx)
                task.sprintId = sprintId
                task.milestoneId = milestoneId
            }
            if let priority = command.priority, priority != task.priority {
                let old = task.priority
                task.priority = priority
                try await systemComment(on: task, .priority, from: old.rawValue, to: priority.rawValue, by: caller, in: tx)
            }
            let due = clear.contains(.dueDate) ? Optional<Date>.none : command.dueDate ?? task.dueDate
            if due != task.dueDate {
                if due != nil, !board.settings.enableDueDates {
                    throw WorkRules.invalid("this board does not use due dates", field: "dueDate", rule: "due_dates_disabled")
                }
                let old = task.dueDate
                task.dueDate = due
                task.dueSoonAnnounced = nil
                task.overdueAnnounced = nil
                try await systemComment(on: task, .dueDate, from: old.map(Self.iso), to: due.map(Self.iso), by: caller, in: tx)
            }
            let assignee = clear.contains(.assigneeId) ? Optional<String>.none : command.assigneeId ?? task.assigneeId
            if assignee != task.assigneeId {
                if let assignee { try Self.checkAssignee(assignee, on: board) }
                let old = task.assigneeId
                task.assigneeId = assignee
                try await systemComment(on: task, .assignment, from: old, to: assignee, by: caller, in: tx)
                try await announceAssignment(task, board: board, previous: old, by: caller, in: tx)
            }
            if command.parentTaskId != nil || clear.contains(.parentTaskId) {
                let parentId = clear.contains(.parentTaskId) ? nil : try command.parentTaskId.map { raw throws(ContractError) in try WorkRules.id(raw, field: "parentTaskId") }
                try await reparent(&task, under: parentId, by: caller, in: tx)
            }
            if let status = command.status, status != task.status {
                guard board.column(task.columnId)?.columnType == .custom, status != .archived else {
                    throw WorkRules.invalid("the column sets the status: move the task (or archive it)", field: "status", rule: "column_status")
                }
                try await changeStatus(&task, to: status, by: caller, in: tx)
            }
        }
    }

    /// Puts `task` (stored by the caller) under `parentId` on its board, or detaches it (`nil`): the old
    /// parent's subtasks lose it, the new one's gain it. Refused: itself (`self_parent`), a task of
    /// another board (`same_board`), one of its own subtasks however deep (`conflict`, `parent_cycle`),
    /// a parent with 100 subtasks (`count`).
    func reparent(_ task: inout WorkTask, under parentId: String?, by caller: String, in tx: Transaction) async throws {
        guard parentId != task.parentTaskId else { return }
        var newParent: WorkTask?
        if let parentId {
            guard parentId != task.id else { throw WorkRules.invalid("a task cannot be its own parent", field: "parentTaskId", rule: "self_parent") }
            let (found, _, _) = try await self.task(parentId, visibleTo: caller, field: "parentTaskId", tenant: tx.tenant, in: tx.operations)
            guard found.boardId == task.boardId else { throw WorkRules.invalid("a subtask is on its parent's board", field: "parentTaskId", rule: "same_board") }
            guard found.subtasks.count < 100 else { throw WorkRules.invalid("a task has at most 100 subtasks", field: "parentTaskId", rule: "count") }
            // A cycle: the new parent is the task or below it.
            var ancestor: WorkTask? = found
            var steps = 0
            while let current = ancestor, let up = current.parentTaskId, steps < 10_000 {
                if up == task.id {
                    throw ContractError(.conflict, "\(parentId) is a subtask of this task: that would be a cycle",
                                        details: ["field": "parentTaskId", "rule": "parent_cycle"])
                }
                ancestor = try await tx.tasks.first(.and([.equal("_id", .string(up)), .equal("tenantId", .string(task.tenantId))]))
                steps += 1
            }
            newParent = found
        }
        if let oldId = task.parentTaskId, var old = try await tx.tasks.first(.and([.equal("_id", .string(oldId)), .equal("tenantId", .string(task.tenantId))])) {
            old.subtasks.removeAll { $0 == task.id }
            old.updatedAt = tx.now
            try await tx.tasks.replace(old)
        }
        if var newParent {
            newParent.subtasks.append(task.id)
            newParent.updatedAt = tx.now
            try await tx.tasks.replace(newParent)
        }
        task.parentTaskId = parentId
    }

    /// `work.move-task.v1`: one transaction reads the target column's ranks and gives the task one
    /// between its new neighbours (the board's revision rises with it), so the order stays total and
    /// the positions clients see dense however many moves run at once. On MongoDB two moves on one
    /// board write the same records and one of them loses with a write conflict; it runs again (on
    /// what the winner committed) up to ``moveAttempts`` times before the caller sees the `conflict`.
    public func moveTask(_ command: MoveTaskV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        let columnId = try WorkRules.id(command.columnId, field: "columnId")
        return try await moveTask(command, to: columnId, envelope: envelope)
    }

    /// How many times a move runs when it keeps losing write conflicts: each round of racing moves on
    /// one board has one winner, so a burst of N moves at once needs up to N rounds.
    static let moveAttempts = 30

    /// Runs `body` again after a store write conflict (a `conflict` with no details: a rule's conflict
    /// names its field or rule and is final), up to `attempts` times, with a short random pause that
    /// grows with each attempt so that the racing transactions spread out. The transaction that lost
    /// committed nothing (nor its inbox record), so running it again is running it once.
    static func retryingWriteConflicts<R>(attempts: Int, _ body: () async throws -> R) async throws -> R {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error as ContractError where error.code == .conflict && error.details.isEmpty && attempt < attempts {
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...min(50, 5 * attempt))))
                attempt += 1
            }
        }
    }

    private func moveTask(_ command: MoveTaskV1, to columnId: String, envelope: MessageEnvelope) async throws -> TaskV1 {
        try await changeTask(command.taskId, envelope: envelope) { task, board, tx, caller in
            guard let column = board.column(columnId) else {
                throw ContractError(.notFound, "no column \(columnId) on this board", details: ["field": "columnId"])
            }
            guard !task.isArchived else { throw ContractError(.conflict, "an archived task does not move", details: ["field": "taskId", "rule": "task_archived"]) }
            let target = try await columnTasks(board.id, column.id, in: tx).filter { $0.id != task.id }
            if column.id != task.columnId { try Self.checkRoom(column, holding: target.count) }
            let position = command.position ?? target.count
            guard (0...target.count).contains(position) else {
                throw WorkRules.invalid("position must be between 0 and \(target.count)", field: "position", rule: "range")
            }
            if let status = column.columnType.impliedStatus { try await changeStatus(&task, to: status, by: caller, in: tx) }
            // The task takes a rank between its new neighbours: one write, however long the columns
            // (the column it leaves keeps its order with a gap).
            task.columnId = column.id
            task.position = try await rank(at: position, among: target, in: tx)
        }
    }

    /// `work.add-task-dependency.v1`: no self-dependency, no cycle.
    public func addTaskDependency(_ command: AddTaskDependencyV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        let other = try WorkRules.id(command.dependsOnTaskId, field: "dependsOnTaskId")
        return try await changeTask(command.taskId, envelope: envelope) { task, _, tx, caller in
            guard other != task.id else { throw WorkRules.invalid("a task cannot depend on itself", field: "dependsOnTaskId", rule: "self_dependency") }
            guard !task.dependencies.contains(other) else { return }
            _ = try await self.task(other, visibleTo: caller, field: "dependsOnTaskId", tenant: tx.tenant, in: tx.operations)
            guard task.dependencies.count < 50 else { throw WorkRules.invalid("a task has at most 50 dependencies", field: "dependsOnTaskId", rule: "count") }
            // A cycle: `other` already (transitively) depends on this task.
            var seen: Set<String> = [], frontier = [other]
            while !frontier.isEmpty {
                let found = try await tx.tasks.find(.isIn("_id", frontier.map { .string($0) }))
                frontier = []
                for dependency in found.flatMap(\.dependencies) where seen.insert(dependency).inserted {
                    if dependency == task.id {
                        throw ContractError(.conflict, "\(other) already depends on this task: that would be a cycle",
                                            details: ["field": "dependsOnTaskId", "rule": "dependency_cycle"])
                    }
                    frontier.append(dependency)
                }
            }
            task.dependencies.append(other)
        }
    }

    /// `work.remove-task-dependency.v1`.
    public func removeTaskDependency(_ command: RemoveTaskDependencyV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        let other = try WorkRules.id(command.dependsOnTaskId, field: "dependsOnTaskId")
        return try await changeTask(command.taskId, envelope: envelope) { task, _, _, _ in
            guard task.dependencies.contains(other) else {
                throw ContractError(.notFound, "the task does not depend on \(other)", details: ["field": "dependsOnTaskId"])
            }
            task.dependencies.removeAll { $0 == other }
        }
    }

    /// `work.change-checklist.v1`: who completed an item and when is recorded; progress follows.
    public func changeChecklist(_ command: ChangeChecklistV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        let text = try command.text.map { raw throws(ContractError) in try WorkRules.text(raw, field: "text", 1...500) }
        return try await changeTask(command.taskId, envelope: envelope) { task, _, tx, caller in
            guard let itemId = command.itemId else {
                guard let text else { throw WorkRules.invalid("a new item needs its text", field: "text", rule: "required") }
                guard task.progress.checklistItems.count < 50 else { throw WorkRules.invalid("at most 50 checklist items", field: "text", rule: "count") }
                let done = command.isCompleted == true
                task.progress.checklistItems.append(ChecklistItemV1(
                    id: Self.newId(), text: text, isCompleted: done, completedBy: done ? caller : nil, completedAt: done ? tx.now : nil))
                return
            }
            guard let index = task.progress.checklistItems.firstIndex(where: { $0.id == itemId }) else {
                throw ContractError(.notFound, "no checklist item \(itemId)", details: ["field": "itemId"])
            }
            if command.remove == true {
                task.progress.checklistItems.remove(at: index)
                return
            }
            if let text { task.progress.checklistItems[index].text = text }
            if let completed = command.isCompleted, completed != task.progress.checklistItems[index].isCompleted {
                task.progress.checklistItems[index].isCompleted = completed
                task.progress.checklistItems[index].completedBy = completed ? caller : nil
                task.progress.checklistItems[index].completedAt = completed ? tx.now : nil
            }
        }
    }

    /// `work.log-time.v1`.
    public func logTime(_ command: LogTimeV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        let hours = try TaskRules.hours(command.hours, field: "hours", minimumExclusive: true, maximum: 24)
        let note = try WorkRules.optionalText(command.note, field: "note", maximum: 500)
        return try await changeTask(command.taskId, envelope: envelope) { task, board, tx, caller in
            guard board.settings.enableTimeTracking else {
                throw ContractError(.conflict, "this board does not track time", details: ["field": "hours", "rule": "time_tracking_disabled"])
            }
            guard task.worklog.count < 1_000 else { throw WorkRules.invalid("a task keeps at most 1,000 worklog entries", field: "hours", rule: "count") }
            task.worklog.append(WorklogEntryV1(id: Self.newId(), userId: caller, hours: hours, workedAt: command.workedAt ?? tx.now, note: note, loggedAt: tx.now))
            task.loggedHours = task.worklog.reduce(Decimal(0)) { $0 + $1.hours }
        }
    }

    /// `work.set-task-attachment.v1`.
    public func setTaskAttachment(_ command: SetTaskAttachmentV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        let documentId = try WorkRules.id(command.documentId, field: "documentId")
        let remove = command.remove == true
        let fileName = remove ? nil : try WorkRules.text(command.fileName, field: "fileName", 1...255)
        let mimeType = try WorkRules.optionalText(command.mimeType, field: "mimeType", maximum: 255)
        if let size = command.fileSize { _ = try WorkRules.number(size, field: "fileSize", 0...Int(Int32.max) * 4) }
        return try await changeTask(command.taskId, envelope: envelope) { task, _, tx, caller in
            if remove {
                guard task.attachments.contains(where: { $0.documentId == documentId }) else {
                    throw ContractError(.notFound, "no attachment \(documentId) on the task", details: ["field": "documentId"])
                }
                task.attachments.removeAll { $0.documentId == documentId }
                return
            }
            // The document must exist in the caller's tenant and not be deleted, as documents' events told work.
            guard let known = try await tx.knownDocuments.first(.and([.equal("_id", .string(documentId)), .equal("tenantId", .string(tx.tenant))])),
                  !known.isDeleted
            else { throw ContractError(.notFound, "no document \(documentId)", details: ["field": "documentId", "rule": "unknown_document"]) }
            task.attachments.removeAll { $0.documentId == documentId }
            guard task.attachments.count < 50 else { throw WorkRules.invalid("a task has at most 50 attachments", field: "documentId", rule: "count") }
            task.attachments.append(TaskAttachmentV1(
                documentId: documentId, fileName: fileName ?? "", fileUrl: "/api/v1/documents/\(documentId)", fileSize: command.fileSize,
                mimeType: mimeType, uploadedBy: caller, uploadedAt: tx.now))
        }
    }

    /// `work.set-external-link.v1`.
    public func setExternalLink(_ command: SetExternalLinkV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        if command.remove == true {
            let linkId = try WorkRules.id(command.linkId ?? "", field: "linkId")
            return try await changeTask(command.taskId, envelope: envelope) { task, _, _, _ in
                guard task.externalLinks.contains(where: { $0.id == linkId }) else {
                    throw ContractError(.notFound, "no link \(linkId) on the task", details: ["field": "linkId"])
                }
                task.externalLinks.removeAll { $0.id == linkId }
            }
        }
        let title = try WorkRules.text(command.title, field: "title", 1...200)
        let url = try WorkRules.url(command.url ?? "", field: "url")
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 1_000)
        return try await changeTask(command.taskId, envelope: envelope) { task, _, tx, caller in
            guard task.externalLinks.count < 50 else { throw WorkRules.invalid("a task has at most 50 links", field: "url", rule: "count") }
            task.externalLinks.append(ExternalLinkV1(id: Self.newId(), title: title, url: url, description: description, addedBy: caller, addedAt: tx.now))
        }
    }

    /// `work.set-task-tag.v1`: the tag's usage count changes with the task, in the same transaction.
    public func setTaskTag(_ command: SetTaskTagV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        let tagId = try WorkRules.id(command.tagId, field: "tagId")
        let remove = command.remove == true
        return try await changeTask(command.taskId, envelope: envelope) { task, board, tx, _ in
            guard var tag = try await tx.tags.first(.and([.equal("_id", .string(tagId)), .equal("tenantId", .string(tx.tenant))])) else {
                throw ContractError(.notFound, "no tag \(tagId)", details: ["field": "tagId"])
            }
            let carried = task.tags.contains { $0.id == tagId }
            if remove {
                guard carried else { return }
                task.tags.removeAll { $0.id == tagId }
                tag.usageCount = max(0, tag.usageCount - 1)
            } else {
                guard !carried else { return }
                guard tag.isAvailable(on: board.id) else { throw ContractError(.notFound, "no tag \(tagId) on this board", details: ["field": "tagId"]) }
                guard task.tags.count < 20 else { throw WorkRules.invalid("a task carries at most 20 tags", field: "tagId", rule: "count") }
                task.tags.append(tag.onTask)
                tag.usageCount += 1
                tag.lastUsed = tx.now
            }
            tag.updatedAt = tx.now
            try await tx.tags.replace(tag)
        }
    }

    /// `work.archive-task.v1`: archiving leaves the column (which closes ranks); restoring goes to the
    /// end of the column, within its WIP limit.
    public func archiveTask(_ command: ArchiveTaskV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        try await changeTask(command.taskId, envelope: envelope) { task, board, tx, caller in
            guard task.isArchived != command.archived else { return }
            try await Self.archive(&task, command.archived, board: &board, by: caller, in: tx, service: self)
        }
    }

    /// Archives or restores `task` (neither it nor the board stored yet): archiving leaves the column
    /// (the others keep their ranks), restoring ranks it after the column's last task.
    static func archive(_ task: inout WorkTask, _ archived: Bool, board: inout Board, by caller: String, in tx: Transaction, service: WorkService) async throws {
        let column = board.column(task.columnId) ?? board.defaultColumn
        let others = try await service.columnTasks(board.id, task.columnId, in: tx).filter { $0.id != task.id }
        if archived {
            task.isArchived = true
            task.archivedAt = tx.now
            task.archivedBy = caller
            task.status = .archived
        } else {
            if let column { try checkRoom(column, holding: others.count) }
            task.isArchived = false
            task.archivedAt = nil
            task.archivedBy = nil
            task.position = try await service.rank(at: others.count, among: others, in: tx)
            task.status = column?.columnType.impliedStatus ?? .todo
        }
    }

    /// `work.get-task.v1`.
    public func getTask(_ command: GetTaskV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.taskId, field: "taskId")
        return try await work.mapStoreErrors { try await densely(try await task(id, visibleTo: caller, tenant: Self.tenant(of: envelope), in: store).0, in: store).view }
    }

    /// The ids of the boards of `tenant` that `userId` owns or is a member of.
    func memberBoardIds(_ userId: String, tenant: String, in operations: any DocumentOperations) async throws -> [String] {
        try await DocumentCollection(Board.self, in: operations).find(.and([.equal("tenantId", .string(tenant)), .equal("members.userId", .string(userId))])).map(\.id)
    }

    /// At most this many queries fill one page of a task list filtered for visibility.
    static let visibilityScanSteps = 20

    static let openStatuses: [DocumentValue] = [TaskStatus.todo, .inProgress, .review].map { .string($0.rawValue) }

    /// `work.list-tasks.v1`: each query on its seed index, kept to boards the caller may see.
    public func listTasks(_ command: ListTasksV1, envelope: MessageEnvelope) async throws -> TaskPageV1 {
        let caller = try envelope.signedInActor()
        let limit = try WorkRules.limit(command.limit, default: 50)
        let cursor = try PageCursor.fromRequest(command.cursor)
        let within = try WorkRules.number(command.withinHours ?? 24, field: "withinHours", 1...720)
        let now = work.now
        return try await work.mapStoreErrors {
            var filters: [Filter] = []
            var sort = [SortKey("dueDate")]
            var checkVisibility = true
            switch command.query {
            case .mine:
                filters = [.equal("assigneeId", .string(caller)), .isIn("status", Self.openStatuses)]
                checkVisibility = false
            case .sprint:
                let sprintId = try WorkRules.id(command.sprintId ?? "", field: "sprintId")
                filters = [.equal("sprintId", .string(sprintId))]
                if let status = command.status { filters.append(.equal("status", .string(status.rawValue))) }
                sort = [SortKey("sprintId"), SortKey("status")]
            case .dueSoon:
                let boards = try await memberBoardIds(caller, tenant: Self.tenant(of: envelope), in: store)
                filters = [.lessThanOrEqual("dueDate", .date(now.addingTimeInterval(TimeInterval(within) * 3_600))), .isIn("status", Self.openStatuses),
                           .isIn("boardId", boards.map { .string($0) })]
                checkVisibility = false
            case .tag:
                let tag = try WorkRules.text(command.tag, field: "tag", 1...50)
                filters = [.equal("tags.name", .string(tag))]
                // Not by `tags.name`: a task's tags are an array, and a page cursor on it would compare
                // another tag's name (the query's equality on the seed index already picks the tasks).
                sort = [SortKey("_id")]
            case .subtasks:
                let parentId = try WorkRules.id(command.parentTaskId ?? "", field: "parentTaskId")
                _ = try await task(parentId, visibleTo: caller, field: "parentTaskId", tenant: Self.tenant(of: envelope), in: store)
                filters = [.equal("parentTaskId", .string(parentId))]
                sort = [SortKey("parentTaskId")]
                checkVisibility = false
            }
            if command.query != .sprint, let status = command.status { filters.append(.equal("status", .string(status.rawValue))) }
            filters.append(.equal("tenantId", .string(Self.tenant(of: envelope))))
            if command.query != .sprint, command.query != .subtasks, command.status != .archived { filters.append(.equal("isArchived", .bool(false))) }
            let tasks = DocumentCollection(WorkTask.self, in: store)
            guard checkVisibility else {
                let page = try await tasks.page(.and(filters), sort: sort, after: cursor, limit: limit)
                return TaskPageV1(tasks: try await densely(page.items, in: store).map(\.summary), nextCursor: page.next?.description)
            }
            // Tasks on boards the caller may not see are left out after the query; the scan goes on
            // (each step asking for as many as the page still lacks, so the cursor stays exact) until
            // the page is full, the query ends, or `visibilityScanSteps` steps were taken (then the
            // page may be short, and its cursor continues the scan).
            var visible: [String: Bool] = [:]
            var kept: [WorkTask] = []
            var next = cursor
            for _ in 0..<Self.visibilityScanSteps {
                let page = try await tasks.page(.and(filters), sort: sort, after: next, limit: limit - kept.count)
                for task in page.items {
                    if visible[task.boardId] == nil {
                        let board = try await DocumentCollection(Board.self, in: store).first(.and([.equal("_id", .string(task.boardId)), .equal("tenantId", .string(task.tenantId))]))
                        visible[task.boardId] = try await board.asyncMap { try await role(of: caller, on: $0, in: store) } != nil
                    }
                    if visible[task.boardId] == true { kept.append(task) }
                }
                next = page.next
                if next == nil || kept.count == limit { break }
            }
            return TaskPageV1(tasks: try await densely(kept, in: store).map(\.summary), nextCursor: next?.description)
        }
    }

    /// `work.get-time-report.v1`: hours per sprint, milestone or person over the worklogs of tasks
    /// the caller may see (a sprint's, or those of the boards they are on).
    public func getTimeReport(_ command: GetTimeReportV1, envelope: MessageEnvelope) async throws -> TimeReportV1 {
        let caller = try envelope.signedInActor()
        let sprintId = try command.sprintId.map { raw throws(ContractError) in try WorkRules.id(raw, field: "sprintId") }
        if command.scope == .milestone, sprintId == nil { throw WorkRules.invalid("a milestone report names its sprint", field: "sprintId", rule: "required") }
        if let from = command.from, let to = command.to, from >= to { throw WorkRules.invalid("'from' is before 'to'", field: "to", rule: "order") }
        return try await work.mapStoreErrors {
            let tasks: [WorkTask]
            if let sprintId {
                _ = try await sprint(sprintId, visibleTo: caller, tenant: Self.tenant(of: envelope), in: store)
                tasks = try await DocumentCollection(WorkTask.self, in: store).find(.and([.equal("sprintId", .string(sprintId)), .equal("tenantId", .string(Self.tenant(of: envelope)))]))
            } else {
                let boards = try await memberBoardIds(caller, tenant: Self.tenant(of: envelope), in: store)
                tasks = try await DocumentCollection(WorkTask.self, in: store).find(.isIn("boardId", boards.map { .string($0) }))
            }
            var sums: [String: (Decimal, Int)] = [:]
            for task in tasks {
                let key: String?
                switch command.scope {
                case .sprint: key = task.sprintId
                case .milestone: key = task.milestoneId ?? "none"
                case .person: key = nil
                }
                if command.scope == .sprint, key == nil { continue }
                for entry in task.worklog {
                    if let from = command.from, entry.workedAt < from { continue }
                    if let to = command.to, entry.workedAt >= to { continue }
                    let row = key ?? entry.userId
                    let sum = sums[row] ?? (0, 0)
                    sums[row] = (sum.0 + entry.hours, sum.1 + 1)
                }
            }
            let rows = sums.keys.sorted().map { TimeReportRowV1(key: $0, hours: sums[$0]!.0, entries: sums[$0]!.1) }
            let csv = ([ "\(command.scope.rawValue),hours,entries" ] + rows.map { "\(Self.csvField($0.key)),\($0.hours),\($0.entries)" })
                .map { $0 + "\r\n" }.joined()
            return TimeReportV1(scope: command.scope, rows: rows, csv: csv)
        }
    }

    /// A CSV field, quoted when it needs to be (RFC 4180).
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A date as an ISO 8601 string, for system comments.
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}

extension Array where Element: Sendable {
    /// `map` with an async transform, in order.
    func asyncMapAll<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for element in self { result.append(try await transform(element)) }
        return result
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
