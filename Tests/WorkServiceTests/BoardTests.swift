import Foundation
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@testable import WorkService

/// Boards and tasks called as the gateway calls them: an owner, a member, a viewer and a stranger.
struct BoardHarness {
    let h: WorkHarness
    var service: WorkService { h.service }

    static let owner = "b00000000000000000000001"
    static let member = "b00000000000000000000002"
    static let viewer = "b00000000000000000000003"
    static let stranger = "b00000000000000000000004"

    static func make() async throws -> BoardHarness {
        let h = try await WorkHarness.make()
        for user in [owner, member, viewer, stranger] { try await h.announce(user, role: .client) }
        return BoardHarness(h: h)
    }

    func env<C: Command>(_ type: C.Type, _ actor: String) -> MessageEnvelope { h.envelope(type, actor) }

    /// A board with the standard four columns, a member and a viewer.
    func board(visibility: BoardVisibility = .private, columns: [BoardColumnInputV1]? = nil, settings: BoardSettingsV1? = nil, teamId: String? = nil) async throws -> BoardV1 {
        let board = try await service.createBoard(
            CreateBoardV1(name: "Fernway", boardType: .project, columns: columns, visibility: visibility, teamId: teamId, settings: settings),
            envelope: env(CreateBoardV1.self, Self.owner))
        _ = try await service.setBoardMember(SetBoardMemberV1(boardId: board.id, userId: Self.member, role: .member), envelope: env(SetBoardMemberV1.self, Self.owner))
        return try await service.setBoardMember(SetBoardMemberV1(boardId: board.id, userId: Self.viewer, role: .viewer), envelope: env(SetBoardMemberV1.self, Self.owner))
    }

    func task(_ board: BoardV1, _ title: String, column: Int? = nil, as actor: String = BoardHarness.owner, assignee: String? = nil, due: Date? = nil) async throws -> TaskV1 {
        try await service.createTask(
            CreateTaskV1(boardId: board.id, columnId: column.map { board.columns[$0].id }, title: title, taskType: .development, priority: .medium,
                         assigneeId: assignee, dueDate: due),
            envelope: env(CreateTaskV1.self, actor))
    }

    func move(_ task: String, to column: String, at position: Int?, as actor: String = BoardHarness.member) async throws -> TaskV1 {
        try await service.moveTask(MoveTaskV1(taskId: task, columnId: column, position: position), envelope: env(MoveTaskV1.self, actor))
    }

    func view(_ board: String, as actor: String = BoardHarness.owner) async throws -> BoardViewV1 {
        try await service.getBoard(GetBoardV1(boardId: board), envelope: env(GetBoardV1.self, actor))
    }

    /// Each column's task titles in order, after checking that positions are 0, 1, … in every column.
    func columns(_ board: String) async throws -> [[String]] {
        let view = try await view(board)
        for column in view.columns { #expect(column.tasks.map(\.position) == Array(0..<column.tasks.count), "column \(column.column.name) is not dense") }
        return view.columns.map { $0.tasks.map(\.title) }
    }

    /// What a refused command must leave as it was: boards, tasks, tags, comments, templates and the outbox.
    func snapshot() async throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func all<D: StoredDocument & Encodable>(_ type: D.Type) async throws -> String {
            String(decoding: try encoder.encode(try await DocumentCollection(D.self, in: h.fixture.store).find(options: FindOptions(sort: [SortKey("_id")]))), as: UTF8.self)
        }
        return [try await all(Board.self), try await all(WorkTask.self), try await all(Tag.self), try await all(TaskComment.self),
                try await all(TaskTemplate.self), "\(try await h.fixture.count(OutboxProbe.self))"]
    }

    /// Runs `body`, expects `code` (and the rule, when given), and that nothing changed.
    func expectRefused(_ code: ErrorCode, rule: String? = nil, field: String? = nil, _ body: @escaping () async throws -> Void) async throws {
        let before = try await snapshot()
        do {
            try await body()
            Issue.record("expected \(code.rawValue)")
        } catch let error as ContractError {
            #expect(error.code == code, "\(error)")
            if let rule { #expect(error.details["rule"] == rule, "\(error)") }
            if let field { #expect(error.details["field"] == field, "\(error)") }
        }
        #expect(try await snapshot() == before)
    }
}

@Suite("Boards and tasks")
struct BoardTests {
    @Test("a board's life: standard columns, tasks placed densely, moves set the column's status and write system comments, archive and restore")
    func boardLife() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        #expect(board.columns.map(\.columnType) == [.todo, .inProgress, .review, .done] && board.columns.map(\.position) == [0, 1, 2, 3])
        #expect(board.columns[0].isDefault && board.members.map(\.role) == [.admin, .member, .viewer])
        let a = try await b.task(board, "A"), c = try await b.task(board, "C")
        let first = try await b.service.createTask(
            CreateTaskV1(boardId: board.id, position: 0, title: "First", taskType: .bug, priority: .high), envelope: b.env(CreateTaskV1.self, BoardHarness.member))
        #expect(first.position == 0 && first.status == .todo && first.reporterId == BoardHarness.member)
        #expect(try await b.columns(board.id) == [["First", "A", "C"], [], [], []])

        let moved = try await b.move(a.id, to: board.columns[1].id, at: 0)
        #expect(moved.status == .inProgress && moved.startDate != nil && moved.columnId == board.columns[1].id)
        _ = try await b.move(c.id, to: board.columns[1].id, at: 0)
        #expect(try await b.columns(board.id) == [["First"], ["C", "A"], [], []])
        _ = try await b.move(a.id, to: board.columns[1].id, at: 0)
        #expect(try await b.columns(board.id) == [["First"], ["A", "C"], [], []])
        let done = try await b.move(a.id, to: board.columns[3].id, at: nil)
        #expect(done.status == .done && done.completedDate != nil && done.progress.percentage == 100)

        let comments = try await b.service.listComments(ListCommentsV1(taskId: a.id), envelope: b.env(ListCommentsV1.self, BoardHarness.viewer))
        #expect(comments.comments.compactMap(\.systemActivity).map { "\($0.oldValue ?? "")→\($0.newValue ?? "")" }.sorted() == ["in_progress→done", "todo→in_progress"])
        #expect(comments.comments.allSatisfy { $0.commentType == .statusChange && $0.systemActivity?.changedBy == BoardHarness.member })

        let archived = try await b.service.archiveTask(ArchiveTaskV1(taskId: first.id, archived: true), envelope: b.env(ArchiveTaskV1.self, BoardHarness.member))
        #expect(archived.isArchived && archived.status == .archived && archived.archivedBy == BoardHarness.member)
        #expect(try await b.columns(board.id) == [[], ["C"], [], ["A"]])
        let restored = try await b.service.archiveTask(ArchiveTaskV1(taskId: first.id, archived: false), envelope: b.env(ArchiveTaskV1.self, BoardHarness.member))
        #expect(!restored.isArchived && restored.status == .todo && restored.position == 0)

        let closed = try await b.service.archiveBoard(ArchiveBoardV1(boardId: board.id, archived: true), envelope: b.env(ArchiveBoardV1.self, BoardHarness.owner))
        #expect(closed.isArchived)
        try await b.expectRefused(.conflict, rule: "board_archived") { _ = try await b.task(board, "Late") }
    }

    @Test("forty concurrent moves among three columns keep every column's positions dense and unique")
    func concurrentMovesStayDense() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        var ids: [String] = []
        for index in 0..<12 { ids.append(try await b.task(board, "T\(index)").id) }
        let columns = board.columns.prefix(3).map(\.id)
        let ids_ = ids
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    _ = try await b.move(ids_[(index * 7) % ids_.count], to: columns[index % 3], at: index % 2 == 0 ? 0 : nil)
                }
            }
            try await group.waitForAll()
        }
        let after = try await b.columns(board.id)
        #expect(after.flatMap { $0 }.sorted() == (0..<12).map { "T\($0)" }.sorted())
    }

    @Test("bad moves are typed errors and change nothing: unknown column, position out of range, a full column, done with an open dependency")
    func badMovesChangeNothing() async throws {
        let b = try await BoardHarness.make()
        var columns = BoardRules.standardColumns
        columns[1].wipLimit = 1
        let board = try await b.board(columns: columns)
        let a = try await b.task(board, "A"), c = try await b.task(board, "C")
        try await b.expectRefused(.notFound, field: "columnId") { _ = try await b.move(a.id, to: "665f40009b1d4a0012ab9999", at: 0) }
        try await b.expectRefused(.validation, rule: "range", field: "position") { _ = try await b.move(a.id, to: board.columns[0].id, at: 2) }
        try await b.expectRefused(.validation, rule: "range", field: "position") { _ = try await b.move(a.id, to: board.columns[2].id, at: -1) }
        _ = try await b.move(a.id, to: board.columns[1].id, at: 0)
        try await b.expectRefused(.conflict, rule: "wip_limit", field: "columnId") { _ = try await b.move(c.id, to: board.columns[1].id, at: 0) }
        try await b.expectRefused(.conflict, rule: "wip_limit") { _ = try await b.task(board, "D", column: 1) }
        try await b.expectRefused(.validation, rule: "range", field: "position") {
            _ = try await b.service.createTask(CreateTaskV1(boardId: board.id, position: 5, title: "X", taskType: .bug, priority: .low), envelope: b.env(CreateTaskV1.self, BoardHarness.owner))
        }
        // Moving within the full column is not a move into it.
        _ = try await b.move(a.id, to: board.columns[1].id, at: 0)

        _ = try await b.service.addTaskDependency(AddTaskDependencyV1(taskId: a.id, dependsOnTaskId: c.id), envelope: b.env(AddTaskDependencyV1.self, BoardHarness.member))
        try await b.expectRefused(.conflict, rule: "dependencies_open") { _ = try await b.move(a.id, to: board.columns[3].id, at: 0) }
        _ = try await b.move(c.id, to: board.columns[3].id, at: 0)
        #expect(try await b.move(a.id, to: board.columns[3].id, at: 1).status == .done)

        try await b.expectRefused(.conflict, rule: "column_has_tasks") {
            _ = try await b.service.setBoardColumns(
                SetBoardColumnsV1(boardId: board.id, columns: [BoardColumnInputV1(id: board.columns[0].id, name: "Only", color: "#000000", columnType: .todo)]),
                envelope: b.env(SetBoardColumnsV1.self, BoardHarness.owner))
        }
    }

    @Test("dependencies: a task cannot depend on itself, nor close a cycle however long")
    func dependencyCyclesAreRefused() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        let a = try await b.task(board, "A"), c = try await b.task(board, "B"), d = try await b.task(board, "C")
        func depend(_ task: String, on other: String) async throws -> TaskV1 {
            try await b.service.addTaskDependency(AddTaskDependencyV1(taskId: task, dependsOnTaskId: other), envelope: b.env(AddTaskDependencyV1.self, BoardHarness.member))
        }
        try await b.expectRefused(.validation, rule: "self_dependency", field: "dependsOnTaskId") { _ = try await depend(a.id, on: a.id) }
        _ = try await depend(a.id, on: c.id)
        _ = try await depend(c.id, on: d.id)
        try await b.expectRefused(.conflict, rule: "dependency_cycle", field: "dependsOnTaskId") { _ = try await depend(d.id, on: a.id) }
        try await b.expectRefused(.conflict, rule: "dependency_cycle") { _ = try await depend(c.id, on: a.id) }
        #expect(try await depend(a.id, on: d.id).dependencies == [c.id, d.id])
    }

    @Test("visibility and roles: private boards do not exist for strangers, public ones are read-only to them, team boards to the team, and viewers never write")
    func visibilityAndRoles() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        let task = try await b.task(board, "A")
        await expectContractError(.notFound) { _ = try await b.view(board.id, as: BoardHarness.stranger) }
        await expectContractError(.notFound) { _ = try await b.service.getTask(GetTaskV1(taskId: task.id), envelope: b.env(GetTaskV1.self, BoardHarness.stranger)) }
        #expect(try await b.view(board.id, as: BoardHarness.viewer).role == .viewer)
        try await b.expectRefused(.forbidden, rule: "board_role") { _ = try await b.task(board, "B", as: BoardHarness.viewer) }
        try await b.expectRefused(.forbidden, rule: "board_role") { _ = try await b.move(task.id, to: board.columns[1].id, at: 0, as: BoardHarness.viewer) }
        try await b.expectRefused(.forbidden, rule: "board_role") {
            _ = try await b.service.addComment(AddCommentV1(taskId: task.id, content: "hi"), envelope: b.env(AddCommentV1.self, BoardHarness.viewer))
        }
        try await b.expectRefused(.forbidden, rule: "board_role") {
            _ = try await b.service.updateBoard(UpdateBoardV1(boardId: board.id, name: "Mine"), envelope: b.env(UpdateBoardV1.self, BoardHarness.member))
        }
        try await b.expectRefused(.forbidden, rule: "board_role") {
            _ = try await b.service.setBoardMember(SetBoardMemberV1(boardId: board.id, userId: BoardHarness.stranger, role: .viewer), envelope: b.env(SetBoardMemberV1.self, BoardHarness.member))
        }

        _ = try await b.service.updateBoard(UpdateBoardV1(boardId: board.id, visibility: .public), envelope: b.env(UpdateBoardV1.self, BoardHarness.owner))
        #expect(try await b.view(board.id, as: BoardHarness.stranger).role == .viewer)
        try await b.expectRefused(.forbidden, rule: "board_role") { _ = try await b.move(task.id, to: board.columns[1].id, at: 0, as: BoardHarness.stranger) }

        let team = try await b.service.createWorkTeam(CreateWorkTeamV1(name: "Mobile", teamLeadId: BoardHarness.owner), envelope: b.env(CreateWorkTeamV1.self, WorkHarness.admin))
        _ = try await b.service.updateBoard(UpdateBoardV1(boardId: board.id, visibility: .team, teamId: team.id), envelope: b.env(UpdateBoardV1.self, BoardHarness.owner))
        await expectContractError(.notFound) { _ = try await b.view(board.id, as: BoardHarness.stranger) }
        _ = try await b.service.setWorkTeamMember(SetWorkTeamMemberV1(teamId: team.id, userId: BoardHarness.stranger, role: .member, isActive: true), envelope: b.env(SetWorkTeamMemberV1.self, BoardHarness.owner))
        #expect(try await b.view(board.id, as: BoardHarness.stranger).role == .viewer)
        _ = try await b.service.setWorkTeamMember(SetWorkTeamMemberV1(teamId: team.id, userId: BoardHarness.stranger, role: .member, isActive: false), envelope: b.env(SetWorkTeamMemberV1.self, BoardHarness.owner))
        await expectContractError(.notFound) { _ = try await b.view(board.id, as: BoardHarness.stranger) }
    }

    @Test("system comments on every tracked change (priority, assignee, due date, status) and the assignee is told")
    func systemCommentsAndAssignment() async throws {
        let b = try await BoardHarness.make()
        var columns = BoardRules.standardColumns
        columns.append(BoardColumnInputV1(name: "Blocked", color: "#F44336", columnType: .custom))
        let board = try await b.board(columns: columns)
        let task = try await b.task(board, "A", assignee: BoardHarness.member)
        #expect(try await b.h.fixture.events(TaskAssignedV1.self).map(\.recipients) == [[BoardHarness.member]])
        let due = b.h.fixture.clock.now.addingTimeInterval(3 * 86_400)
        _ = try await b.service.updateTask(
            UpdateTaskV1(taskId: task.id, priority: .critical, assigneeId: BoardHarness.owner, dueDate: due), envelope: b.env(UpdateTaskV1.self, BoardHarness.member))
        let assigned = try await b.h.fixture.events(TaskAssignedV1.self)
        #expect(assigned.count == 2 && assigned[1].assigneeId == BoardHarness.owner && assigned[1].previousAssigneeId == BoardHarness.member && assigned[1].recipients == [BoardHarness.owner])
        _ = try await b.move(task.id, to: board.columns[4].id, at: 0)
        let blocked = try await b.service.updateTask(UpdateTaskV1(taskId: task.id, status: .review), envelope: b.env(UpdateTaskV1.self, BoardHarness.member))
        #expect(blocked.status == .review)
        _ = try await b.move(task.id, to: board.columns[0].id, at: 0)
        try await b.expectRefused(.validation, rule: "column_status") {
            _ = try await b.service.updateTask(UpdateTaskV1(taskId: task.id, status: .done), envelope: b.env(UpdateTaskV1.self, BoardHarness.member))
        }
        _ = try await b.service.updateTask(UpdateTaskV1(taskId: task.id, clear: [.dueDate]), envelope: b.env(UpdateTaskV1.self, BoardHarness.member))
        let activities = try await b.service.listComments(ListCommentsV1(taskId: task.id), envelope: b.env(ListCommentsV1.self, BoardHarness.owner))
            .comments.compactMap(\.systemActivity)
        #expect(Set(activities.map(\.activityType)) == [.priority, .assignment, .dueDate, .statusChange])
        #expect(activities.filter { $0.activityType == .dueDate }.count == 2 && activities.contains { $0.activityType == .priority && $0.oldValue == "medium" && $0.newValue == "critical" })
        #expect(activities.contains { $0.activityType == .statusChange && $0.oldValue == "todo" && $0.newValue == "review" })
        #expect(activities.contains { $0.activityType == .statusChange && $0.oldValue == "review" && $0.newValue == "todo" })
    }

    @Test("comments: threads, mentions announced to those who may see the board, edits announce new mentions, soft delete keeps the place")
    func commentsAndMentions() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        let task = try await b.task(board, "A")
        let comment = try await b.service.addComment(
            AddCommentV1(taskId: task.id, content: "@member please look", mentions: [BoardHarness.member, BoardHarness.stranger, BoardHarness.owner]),
            envelope: b.env(AddCommentV1.self, BoardHarness.owner))
        #expect(try await b.h.fixture.events(TaskMentionedV1.self).map(\.recipients) == [[BoardHarness.member]])
        let reply = try await b.service.addComment(AddCommentV1(taskId: task.id, content: "on it", parentCommentId: comment.id), envelope: b.env(AddCommentV1.self, BoardHarness.member))
        #expect(reply.parentCommentId == comment.id)
        let edited = try await b.service.editComment(
            EditCommentV1(commentId: comment.id, content: "@member @viewer please look", mentions: [BoardHarness.member, BoardHarness.viewer]),
            envelope: b.env(EditCommentV1.self, BoardHarness.owner))
        #expect(edited.isEdited && edited.editedAt != nil)
        #expect(try await b.h.fixture.events(TaskMentionedV1.self).map(\.recipients) == [[BoardHarness.member], [BoardHarness.viewer]])
        try await b.expectRefused(.forbidden, rule: "author_only") {
            _ = try await b.service.editComment(EditCommentV1(commentId: comment.id, content: "mine"), envelope: b.env(EditCommentV1.self, BoardHarness.member))
        }
        let deleted = try await b.service.deleteComment(DeleteCommentV1(commentId: reply.id), envelope: b.env(DeleteCommentV1.self, BoardHarness.owner))
        #expect(deleted.isDeleted && deleted.content.isEmpty)
        #expect(try await b.service.listComments(ListCommentsV1(taskId: task.id), envelope: b.env(ListCommentsV1.self, BoardHarness.owner)).comments.count == 2)
    }

    @Test("tags: unique names (any case), exact usage counts as tasks gain and lose them, renames follow onto tasks, queries by tag")
    func tagUsageCounts() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        let tag = try await b.service.createTag(
            CreateTagV1(name: "Frontend", color: "#2196f3", category: .type, isGlobal: false, boardIds: [board.id]), envelope: b.env(CreateTagV1.self, BoardHarness.owner))
        #expect(tag.color == "#2196F3" && tag.usageCount == 0)
        try await b.expectRefused(.conflict, rule: "unique", field: "name") {
            _ = try await b.service.createTag(CreateTagV1(name: "frontend", color: "#000000", category: .custom, isGlobal: false, boardIds: [board.id]), envelope: b.env(CreateTagV1.self, BoardHarness.owner))
        }
        try await b.expectRefused(.forbidden) {
            _ = try await b.service.createTag(CreateTagV1(name: "Everywhere", color: "#000000", category: .custom, isGlobal: true), envelope: b.env(CreateTagV1.self, BoardHarness.owner))
        }
        let a = try await b.task(board, "A"), c = try await b.task(board, "C")
        func tagging(_ task: String, remove: Bool = false) async throws {
            _ = try await b.service.setTaskTag(SetTaskTagV1(taskId: task, tagId: tag.id, remove: remove), envelope: b.env(SetTaskTagV1.self, BoardHarness.member))
        }
        func count() async throws -> Int { try await b.service.getTag(GetTagV1(tagId: tag.id), envelope: b.env(GetTagV1.self, BoardHarness.member)).usageCount }
        try await tagging(a.id)
        try await tagging(a.id)
        try await tagging(c.id)
        #expect(try await count() == 2)
        try await tagging(a.id, remove: true)
        try await tagging(a.id, remove: true)
        #expect(try await count() == 1)
        let created = try await b.service.createTask(
            CreateTaskV1(boardId: board.id, title: "D", taskType: .design, priority: .low, tagIds: [tag.id]), envelope: b.env(CreateTaskV1.self, BoardHarness.owner))
        let afterCreate = try await count()
        #expect(created.tags.map(\.name) == ["Frontend"] && afterCreate == 2)
        _ = try await b.service.updateTag(UpdateTagV1(tagId: tag.id, name: "UI"), envelope: b.env(UpdateTagV1.self, BoardHarness.owner))
        let byTag = try await b.service.listTasks(ListTasksV1(query: .tag, tag: "UI"), envelope: b.env(ListTasksV1.self, BoardHarness.viewer))
        #expect(Set(byTag.tasks.map(\.title)) == ["C", "D"])
        #expect(try await b.service.listTasks(ListTasksV1(query: .tag, tag: "UI"), envelope: b.env(ListTasksV1.self, BoardHarness.stranger)).tasks.isEmpty)
    }

    @Test("templates: required fields enforced (nothing made), checklist and tags copied, usage count and last use updated; private templates are not others'")
    func templateUse() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        _ = try await b.service.createTag(CreateTagV1(name: "frontend", color: "#2196F3", category: .type, isGlobal: false, boardIds: [board.id]), envelope: b.env(CreateTagV1.self, BoardHarness.owner))
        let template = try await b.service.createTaskTemplate(
            CreateTaskTemplateV1(name: "Bug report", category: .testing, template: .example, isGlobal: false, isPublic: false), envelope: b.env(CreateTaskTemplateV1.self, BoardHarness.member))
        try await b.expectRefused(.validation, rule: "required", field: "fields.dueDate") {
            _ = try await b.service.createTaskFromTemplate(
                CreateTaskFromTemplateV1(templateId: template.id, boardId: board.id, fields: TemplateFieldsV1(title: "Bug: x", description: "steps")),
                envelope: b.env(CreateTaskFromTemplateV1.self, BoardHarness.member))
        }
        try await b.expectRefused(.notFound, field: "templateId") {
            _ = try await b.service.createTaskFromTemplate(
                CreateTaskFromTemplateV1(templateId: template.id, boardId: board.id, fields: TemplateFieldsV1(description: "steps", dueDate: b.h.fixture.clock.now)),
                envelope: b.env(CreateTaskFromTemplateV1.self, BoardHarness.owner))
        }
        let due = b.h.fixture.clock.now.addingTimeInterval(86_400 * 5)
        let task = try await b.service.createTaskFromTemplate(
            CreateTaskFromTemplateV1(templateId: template.id, boardId: board.id, fields: TemplateFieldsV1(description: "Tap twice", dueDate: due)),
            envelope: b.env(CreateTaskFromTemplateV1.self, BoardHarness.member))
        #expect(task.title == "Bug:" && task.taskType == .bug && task.priority == .high && task.estimatedHours == 2 && task.dueDate == due)
        #expect(task.progress.checklistItems.map(\.text) == ["Reproduce", "Add a test"] && task.tags.map(\.name) == ["frontend"])
        let listed = try await b.service.listTaskTemplates(ListTaskTemplatesV1(), envelope: b.env(ListTaskTemplatesV1.self, BoardHarness.member))
        #expect(listed.templates.first?.usageCount == 1 && listed.templates.first?.lastUsed == b.h.fixture.clock.now)
        #expect(try await b.service.listTaskTemplates(ListTaskTemplatesV1(), envelope: b.env(ListTaskTemplatesV1.self, BoardHarness.stranger)).templates.isEmpty)
    }

    @Test("checklist progress and who completed items; time logged sums into loggedHours and the rollups per person, sprint and milestone as CSV")
    func checklistAndTime() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        let task = try await b.task(board, "A")
        var changed = try await b.service.changeChecklist(ChangeChecklistV1(taskId: task.id, text: "one"), envelope: b.env(ChangeChecklistV1.self, BoardHarness.member))
        changed = try await b.service.changeChecklist(ChangeChecklistV1(taskId: task.id, text: "two"), envelope: b.env(ChangeChecklistV1.self, BoardHarness.member))
        changed = try await b.service.changeChecklist(
            ChangeChecklistV1(taskId: task.id, itemId: changed.progress.checklistItems[0].id, isCompleted: true), envelope: b.env(ChangeChecklistV1.self, BoardHarness.owner))
        #expect(changed.progress.percentage == 50 && changed.progress.checklistItems[0].completedBy == BoardHarness.owner)
        for (who, hours) in [(BoardHarness.member, "1.5"), (BoardHarness.owner, "2"), (BoardHarness.member, "0.25")] {
            changed = try await b.service.logTime(LogTimeV1(taskId: task.id, hours: Decimal(string: hours)!), envelope: b.env(LogTimeV1.self, who))
        }
        #expect(changed.loggedHours == Decimal(string: "3.75")! && changed.worklog.count == 3)
        try await b.expectRefused(.validation, rule: "hours") {
            _ = try await b.service.logTime(LogTimeV1(taskId: task.id, hours: Decimal(string: "0.001")!), envelope: b.env(LogTimeV1.self, BoardHarness.member))
        }
        let report = try await b.service.getTimeReport(GetTimeReportV1(scope: .person), envelope: b.env(GetTimeReportV1.self, BoardHarness.member))
        #expect(report.csv == "person,hours,entries\r\n\(BoardHarness.owner),2,1\r\n\(BoardHarness.member),1.75,2\r\n")

        let sprint = try await b.h.sprint()
        _ = try await b.h.service.assignTeamMember(
            AssignTeamMemberV1(sprintId: sprint.id, userId: BoardHarness.member, role: .developer, allocation: 50), envelope: b.h.envelope(AssignTeamMemberV1.self, WorkHarness.admin))
        let milestone = try #require(sprint.milestones.first)
        _ = try await b.service.updateTask(UpdateTaskV1(taskId: task.id, sprintId: sprint.id, milestoneId: milestone.id), envelope: b.env(UpdateTaskV1.self, BoardHarness.member))
        let bySprint = try await b.service.getTimeReport(GetTimeReportV1(scope: .sprint, sprintId: sprint.id), envelope: b.env(GetTimeReportV1.self, BoardHarness.member))
        #expect(bySprint.rows == [TimeReportRowV1(key: sprint.id, hours: Decimal(string: "3.75")!, entries: 3)])
        let byMilestone = try await b.service.getTimeReport(GetTimeReportV1(scope: .milestone, sprintId: sprint.id), envelope: b.env(GetTimeReportV1.self, BoardHarness.member))
        #expect(byMilestone.csv == "milestone,hours,entries\r\n\(milestone.id),3.75,3\r\n")
        let sprintTasks = try await b.service.listTasks(ListTasksV1(query: .sprint, status: .todo, sprintId: sprint.id), envelope: b.env(ListTasksV1.self, BoardHarness.member))
        #expect(sprintTasks.tasks.map(\.id) == [task.id])
    }

    @Test("the task sweep announces due-soon and overdue tasks once per due date, and archives done tasks of auto-archiving boards after their days")
    func taskSweep() async throws {
        let b = try await BoardHarness.make()
        var settings = BoardSettingsV1.standard
        settings.autoArchiveCompleted = true
        settings.autoArchiveDays = 2
        let board = try await b.board(settings: settings)
        let now = b.h.fixture.clock.now
        let soon = try await b.task(board, "Soon", assignee: BoardHarness.member, due: now.addingTimeInterval(3_600))
        let later = try await b.task(board, "Later", due: now.addingTimeInterval(5 * 86_400))
        let finished = try await b.task(board, "Finished", column: 3)
        #expect(try await b.service.sweepTasks() == WorkService.TaskSweepResult(dueSoon: 1, overdue: 0, archived: 0))
        #expect(try await b.service.sweepTasks() == WorkService.TaskSweepResult())
        #expect(try await b.h.fixture.events(TaskDueSoonV1.self).map(\.recipients) == [[BoardHarness.member]])
        let mine = try await b.service.listTasks(ListTasksV1(query: .mine), envelope: b.env(ListTasksV1.self, BoardHarness.member))
        #expect(mine.tasks.map(\.id) == [soon.id])
        let dueSoon = try await b.service.listTasks(ListTasksV1(query: .dueSoon, withinHours: 48), envelope: b.env(ListTasksV1.self, BoardHarness.viewer))
        #expect(dueSoon.tasks.map(\.id) == [soon.id])

        b.h.fixture.clock.advance(by: 3 * 86_400)
        let swept = try await b.service.sweepTasks()
        #expect(swept == WorkService.TaskSweepResult(dueSoon: 0, overdue: 1, archived: 1))
        #expect(try await b.h.fixture.events(TaskOverdueV1.self).map(\.task.id) == [soon.id])
        #expect(try await b.service.getTask(GetTaskV1(taskId: finished.id), envelope: b.env(GetTaskV1.self, BoardHarness.owner)).isArchived)
        b.h.fixture.clock.advance(by: 2 * 86_400)
        #expect(try await b.service.sweepTasks() == WorkService.TaskSweepResult(dueSoon: 1, overdue: 0, archived: 0))
        #expect(try await b.h.fixture.events(TaskDueSoonV1.self).map(\.task.id) == [soon.id, later.id])
    }

    @Test("teams: metrics are derived from the team's boards' tasks; working hours are checked")
    func teamMetrics() async throws {
        let b = try await BoardHarness.make()
        let team = try await b.service.createWorkTeam(
            CreateWorkTeamV1(name: "Mobile", department: "Engineering", teamLeadId: BoardHarness.owner), envelope: b.env(CreateWorkTeamV1.self, WorkHarness.admin))
        #expect(team.members.map(\.role) == [.lead] && team.teamLeadId == BoardHarness.owner)
        let board = try await b.board(visibility: .team, teamId: team.id)
        let a = try await b.task(board, "A")
        _ = try await b.task(board, "B")
        _ = try await b.move(a.id, to: board.columns[1].id, at: 0)
        b.h.fixture.clock.advance(by: 3 * 3_600)
        _ = try await b.move(a.id, to: board.columns[3].id, at: 0)
        let read = try await b.service.getWorkTeam(GetWorkTeamV1(teamId: team.id), envelope: b.env(GetWorkTeamV1.self, BoardHarness.owner))
        #expect(read.metrics == WorkTeamMetricsV1(totalTasks: 2, completedTasks: 1, averageTaskTime: 3, productivityScore: 50))
        var bad = WorkTeamSettingsV1.standard
        bad.workingHours = WorkingHoursV1(start: "18:00", end: "09:00", timezone: "Europe/Paris")
        await expectContractError(.validation) {
            _ = try await b.service.updateWorkTeam(UpdateWorkTeamV1(teamId: team.id, settings: bad), envelope: b.env(UpdateWorkTeamV1.self, BoardHarness.owner))
        }
        await expectContractError(.notFound) { _ = try await b.service.getWorkTeam(GetWorkTeamV1(teamId: team.id), envelope: b.env(GetWorkTeamV1.self, BoardHarness.stranger)) }
    }

    @Test("subtasks list under their parent; a board template's columns are copied into new boards")
    func subtasksAndBoardTemplates() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        let parent = try await b.task(board, "Parent")
        let child = try await b.service.createTask(
            CreateTaskV1(boardId: board.id, title: "Child", taskType: .testing, priority: .low, parentTaskId: parent.id), envelope: b.env(CreateTaskV1.self, BoardHarness.member))
        #expect(try await b.service.getTask(GetTaskV1(taskId: parent.id), envelope: b.env(GetTaskV1.self, BoardHarness.member)).subtasks == [child.id])
        let subtasks = try await b.service.listTasks(ListTasksV1(query: .subtasks, parentTaskId: parent.id), envelope: b.env(ListTasksV1.self, BoardHarness.viewer))
        #expect(subtasks.tasks.map(\.id) == [child.id])

        var columns = BoardRules.standardColumns
        columns[1].wipLimit = 4
        let template = try await b.service.createBoard(
            CreateBoardV1(name: "Kanban", boardType: .team, columns: Array(columns.prefix(2)), visibility: .public, isTemplate: true, templateCategory: "software"),
            envelope: b.env(CreateBoardV1.self, BoardHarness.owner))
        let copy = try await b.service.createBoard(
            CreateBoardV1(name: "Mine", boardType: .personal, visibility: .private, fromTemplateId: template.id), envelope: b.env(CreateBoardV1.self, BoardHarness.stranger))
        #expect(copy.columns.map(\.name) == ["To do", "In progress"] && copy.columns[1].wipLimit == 4 && copy.columns[0].id != template.columns[0].id)
        #expect(try await b.service.listBoards(ListBoardsV1(templates: true), envelope: b.env(ListBoardsV1.self, BoardHarness.stranger)).boards.map(\.id) == [template.id])
    }
}
