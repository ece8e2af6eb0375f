import Foundation
import HTTPTypes
import HummingbirdTesting
import SeedContracts
import Testing

@testable import GatewayService

/// Work's kanban half through the gateway: HTTP → gateway → bus → work, with identity's accounts.
/// An owner, a member, a viewer and a stranger use one board from creation to archive.
@Suite("Work boards through the gateway", .serialized)
struct WorkBoardJourneyTests {
    let journey = WorkJourneyTests()

    func ok<T: Decodable>(_ result: HTTPResult, _ type: T.Type, _ status: HTTPResponse.Status = .ok) throws -> T {
        try journey.ok(result, type, status)
    }

    /// Each column's task ids in order, after checking that every column's positions are 0, 1, ….
    func columns(_ client: some TestClientProtocol, _ board: String, token: String) async throws -> [[String]] {
        let view = try ok(try await client.call(.get, "/api/v1/boards/\(board)", token: token), BoardViewV1.self)
        for column in view.columns { #expect(column.tasks.map(\.position) == Array(0..<column.tasks.count), "column \(column.column.name) is not dense") }
        return view.columns.map { $0.tasks.map(\.id) }
    }

    @Test("a board's whole life: columns and WIP limit, members and roles on every route, tasks moved (concurrently too) with dense positions, dependency cycles refused, system comments, archive")
    func boardLife() async throws {
        try await SuiteFixture.run { client, _ in
            let owner = try await journey.register(client, "owner@example.com")
            let member = try await journey.register(client, "member@example.com")
            let viewer = try await journey.register(client, "viewer@example.com")
            let stranger = try await journey.register(client, "stranger@example.com")

            var input = [
                BoardColumnInputV1(name: "To do", color: "#9E9E9E", isDefault: true, columnType: .todo),
                BoardColumnInputV1(name: "Doing", color: "#2196F3", wipLimit: 2, columnType: .inProgress),
                BoardColumnInputV1(name: "Done", color: "#4CAF50", columnType: .done),
            ]
            // Bad input: a colour that is not #RRGGBB changes nothing.
            input[0].color = "grey"
            let refused = try await client.call(.post, "/api/v1/boards", token: owner.token, body: CreateBoardV1(name: "Fernway", boardType: .project, columns: input, visibility: .private))
            #expect(refused.status == .badRequest && refused.error?.details["field"] == "columns.0.color")
            input[0].color = "#9E9E9E"
            let board = try ok(try await client.call(
                .post, "/api/v1/boards", token: owner.token, body: CreateBoardV1(name: "Fernway", boardType: .project, columns: input, visibility: .private)),
                BoardV1.self, .created)
            let (todo, doing, done) = (board.columns[0].id, board.columns[1].id, board.columns[2].id)
            #expect(try ok(try await client.call(.get, "/api/v1/boards", token: owner.token), BoardPageV1.self).boards.map(\.id) == [board.id])

            // Members and roles: the stranger does not see the private board; a viewer reads only.
            _ = try ok(try await client.call(.put, "/api/v1/boards/\(board.id)/members/\(member.id)", token: owner.token, json: #"{"role":"member"}"#), BoardV1.self)
            _ = try ok(try await client.call(.put, "/api/v1/boards/\(board.id)/members/\(viewer.id)", token: owner.token, json: #"{"role":"viewer"}"#), BoardV1.self)
            #expect(try await client.call(.get, "/api/v1/boards/\(board.id)", token: stranger.token).status == .notFound)
            #expect(try await client.call(.put, "/api/v1/boards/\(board.id)/members/\(stranger.id)", token: member.token, json: #"{"role":"viewer"}"#).status == .forbidden)
            #expect(try ok(try await client.call(.get, "/api/v1/boards/\(board.id)", token: viewer.token), BoardViewV1.self).role == .viewer)
            let byViewer = try await client.call(.post, "/api/v1/tasks", token: viewer.token, body: CreateTaskV1(boardId: board.id, title: "No", taskType: .bug, priority: .low))
            #expect(byViewer.status == .forbidden && byViewer.error?.details["rule"] == "board_role")

            var ids: [String] = []
            for index in 0..<8 {
                let task = try ok(try await client.call(
                    .post, "/api/v1/tasks", token: member.token,
                    body: CreateTaskV1(boardId: board.id, title: "Task \(index)", taskType: .development, priority: .medium, assigneeId: member.id)),
                    TaskV1.self, .created)
                ids.append(task.id)
            }
            #expect(try await columns(client, board.id, token: owner.token) == [ids, [], []])
            #expect(try await client.call(.get, "/api/v1/tasks/\(ids[0])", token: stranger.token).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/tasks/\(ids[0])/move", token: viewer.token, body: MoveTaskBody(columnId: doing, position: 0)).status == .forbidden)

            // Moves: into Doing (status follows), the WIP limit, bad columns and positions; nothing changes when refused.
            let first = try ok(try await client.call(.post, "/api/v1/tasks/\(ids[0])/move", token: member.token, body: MoveTaskBody(columnId: doing, position: 0)), TaskV1.self)
            #expect(first.status == .inProgress && first.position == 0)
            _ = try ok(try await client.call(.post, "/api/v1/tasks/\(ids[1])/move", token: member.token, body: MoveTaskBody(columnId: doing, position: 0)), TaskV1.self)
            let before = try await columns(client, board.id, token: owner.token)
            #expect(before == [Array(ids[2...]), [ids[1], ids[0]], []])
            let full = try await client.call(.post, "/api/v1/tasks/\(ids[2])/move", token: member.token, body: MoveTaskBody(columnId: doing, position: 1))
            #expect(full.status == .conflict && full.error?.details["rule"] == "wip_limit")
            let unknown = try await client.call(.post, "/api/v1/tasks/\(ids[2])/move", token: member.token, body: MoveTaskBody(columnId: "665f40009b1d4a0012ab9999", position: 0))
            #expect(unknown.status == .notFound && unknown.error?.details["field"] == "columnId")
            let outOfRange = try await client.call(.post, "/api/v1/tasks/\(ids[2])/move", token: member.token, body: MoveTaskBody(columnId: done, position: 1))
            #expect(outOfRange.status == .badRequest && outOfRange.error?.details["field"] == "position")
            #expect(try await columns(client, board.id, token: owner.token) == before)

            // Two people moving at once: twenty moves between To do and Done in parallel keep both columns dense and unique.
            let pending = Array(ids[2...])
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<20 {
                    let who = index % 2 == 0 ? member : owner
                    group.addTask {
                        try await client.call(
                            .post, "/api/v1/tasks/\(pending[index % pending.count])/move", token: who.token,
                            body: MoveTaskBody(columnId: index % 3 == 0 ? todo : done, position: 0)).status
                    }
                }
                for try await status in group { #expect(status == .ok) }
            }
            let after = try await columns(client, board.id, token: owner.token)
            #expect(Set(after[0] + after[2]) == Set(pending) && after[0].count + after[2].count == pending.count)

            // Dependencies: itself and a cycle refused; done waits for an open dependency.
            let (a, b, c) = (ids[0], ids[1], after[0].first ?? after[2][0])
            let selfDependency = try await client.call(.put, "/api/v1/tasks/\(a)/dependencies/\(a)", token: member.token)
            #expect(selfDependency.status == .badRequest && selfDependency.error?.details["rule"] == "self_dependency")
            _ = try ok(try await client.call(.put, "/api/v1/tasks/\(a)/dependencies/\(b)", token: member.token), TaskV1.self)
            let cycle = try await client.call(.put, "/api/v1/tasks/\(b)/dependencies/\(a)", token: member.token)
            #expect(cycle.status == .conflict && cycle.error?.details["rule"] == "dependency_cycle")
            let early = try await client.call(.post, "/api/v1/tasks/\(a)/move", token: member.token, body: MoveTaskBody(columnId: done, position: 0))
            #expect(early.status == .conflict && early.error?.details["rule"] == "dependencies_open")
            _ = try ok(try await client.call(.post, "/api/v1/tasks/\(b)/move", token: member.token, body: MoveTaskBody(columnId: done, position: 0)), TaskV1.self)
            #expect(try ok(try await client.call(.post, "/api/v1/tasks/\(a)/move", token: member.token, body: MoveTaskBody(columnId: done, position: 0)), TaskV1.self).status == .done)

            // System comments on every tracked change: priority, assignee, due date (status above).
            let due = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 5 * 86_400).rounded())
            _ = try ok(try await client.call(
                .patch, "/api/v1/tasks/\(c)", token: member.token,
                body: UpdateTaskBody(priority: .critical, assigneeId: owner.id, dueDate: due)), TaskV1.self)
            let comment = try ok(try await client.call(
                .post, "/api/v1/tasks/\(c)/comments", token: owner.token, body: CommentBody(content: "Over to you", mentions: [member.id])), TaskCommentV1.self, .created)
            #expect(comment.commentType == .comment && comment.mentions == [member.id])
            #expect(try await client.call(.post, "/api/v1/tasks/\(c)/comments", token: viewer.token, body: CommentBody(content: "Me too")).status == .forbidden)
            let comments = try ok(try await client.call(.get, "/api/v1/tasks/\(c)/comments", token: viewer.token), TaskCommentPageV1.self).comments
            #expect(Set(comments.compactMap(\.systemActivity?.activityType)).isSuperset(of: [.priority, .assignment, .dueDate]))
            let moved = try ok(try await client.call(.get, "/api/v1/tasks/\(a)/comments", token: owner.token), TaskCommentPageV1.self).comments
            #expect(moved.contains { $0.systemActivity?.activityType == .statusChange && $0.systemActivity?.newValue == "done" })
            _ = try ok(try await client.call(.delete, "/api/v1/tasks/\(c)/comments/\(comment.id)", token: owner.token), TaskCommentV1.self)

            // My open tasks: the member's, minus the done ones.
            let mine = try ok(try await client.call(.get, "/api/v1/tasks?query=mine", token: member.token), TaskPageV1.self)
            #expect(mine.tasks.allSatisfy { $0.assigneeId == member.id && $0.status != .done } && !mine.tasks.contains { $0.id == a })

            // Archive: the board becomes read-only.
            _ = try ok(try await client.call(.post, "/api/v1/boards/\(board.id)/archive", token: owner.token, json: #"{"archived":true}"#), BoardV1.self)
            let late = try await client.call(.post, "/api/v1/tasks", token: owner.token, body: CreateTaskV1(boardId: board.id, title: "Late", taskType: .bug, priority: .low))
            #expect(late.status == .conflict && late.error?.details["rule"] == "board_archived")
            #expect(try ok(try await client.call(.get, "/api/v1/boards", token: owner.token), BoardPageV1.self).boards.isEmpty)
        }
    }

    @Test("tags keep exact usage counts as tasks gain and lose them and refuse an existing name; a template makes a task with its checklist once its required fields are given")
    func tagsAndTemplates() async throws {
        try await SuiteFixture.run { client, _ in
            let owner = try await journey.register(client, "owner@example.com")
            let other = try await journey.register(client, "other@example.com")
            let board = try ok(try await client.call(
                .post, "/api/v1/boards", token: owner.token, body: CreateBoardV1(name: "Tags", boardType: .team, visibility: .public)), BoardV1.self, .created)
            let tag = try ok(try await client.call(
                .post, "/api/v1/tags", token: owner.token,
                body: CreateTagV1(name: "frontend", color: "#2196F3", category: .type, isGlobal: false, boardIds: [board.id])), TagV1.self, .created)
            let taken = try await client.call(
                .post, "/api/v1/tags", token: owner.token, body: CreateTagV1(name: "Frontend", color: "#000000", category: .custom, isGlobal: false, boardIds: [board.id]))
            #expect(taken.status == .conflict && taken.error?.details["field"] == "name")
            var tasks: [String] = []
            for title in ["One", "Two", "Three"] {
                tasks.append(try ok(try await client.call(
                    .post, "/api/v1/tasks", token: owner.token, body: CreateTaskV1(boardId: board.id, title: title, taskType: .design, priority: .low)),
                    TaskV1.self, .created).id)
            }
            for task in tasks { _ = try ok(try await client.call(.put, "/api/v1/tasks/\(task)/tags/\(tag.id)", token: owner.token), TaskV1.self) }
            _ = try ok(try await client.call(.put, "/api/v1/tasks/\(tasks[0])/tags/\(tag.id)", token: owner.token), TaskV1.self)
            _ = try ok(try await client.call(.delete, "/api/v1/tasks/\(tasks[1])/tags/\(tag.id)", token: owner.token), TaskV1.self)
            _ = try ok(try await client.call(.delete, "/api/v1/tasks/\(tasks[1])/tags/\(tag.id)", token: owner.token), TaskV1.self)
            #expect(try ok(try await client.call(.get, "/api/v1/tags/\(tag.id)", token: other.token), TagV1.self).usageCount == 2)
            let byTag = try ok(try await client.call(.get, "/api/v1/tasks?query=tag&tag=frontend", token: other.token), TaskPageV1.self)
            #expect(Set(byTag.tasks.map(\.id)) == [tasks[0], tasks[2]])
            #expect(try await client.call(.put, "/api/v1/tasks/\(tasks[0])/tags/\(tag.id)", token: other.token).status == .forbidden)

            let template = try ok(try await client.call(
                .post, "/api/v1/task-templates", token: owner.token,
                body: CreateTaskTemplateV1(name: "Bug report", category: .testing, template: .example, isGlobal: false, isPublic: true)), TaskTemplateV1.self, .created)
            let missing = try await client.call(
                .post, "/api/v1/task-templates/\(template.id)/tasks", token: owner.token,
                body: TaskFromTemplateBody(boardId: board.id, fields: TemplateFieldsV1(description: "Tap twice")))
            #expect(missing.status == .badRequest && missing.error?.details["field"] == "fields.dueDate")
            let made = try ok(try await client.call(
                .post, "/api/v1/task-templates/\(template.id)/tasks", token: owner.token,
                body: TaskFromTemplateBody(boardId: board.id, fields: TemplateFieldsV1(title: "Bug: picker", description: "Tap twice", dueDate: Date(timeIntervalSince1970: 1_900_000_000)))),
                TaskV1.self, .created)
            #expect(made.title == "Bug: picker" && made.progress.checklistItems.map(\.text) == ["Reproduce", "Add a test"] && made.tags.map(\.name) == ["frontend"])
            let listed = try ok(try await client.call(.get, "/api/v1/task-templates", token: other.token), TaskTemplateListV1.self)
            #expect(listed.templates.map(\.usageCount) == [1] && listed.templates[0].lastUsed != nil)
            #expect(try ok(try await client.call(.get, "/api/v1/tags/\(tag.id)", token: other.token), TagV1.self).usageCount == 3)
            let report = try ok(try await client.call(.get, "/api/v1/tasks/time-report?scope=person", token: owner.token), TimeReportV1.self)
            #expect(report.csv == "person,hours,entries\r\n")
            // Time logged, then the rollup as a CSV download.
            _ = try ok(try await client.call(.post, "/api/v1/tasks/\(tasks[1])/worklog", token: owner.token, json: #"{"hours":1.5,"note":"Sketches"}"#), TaskV1.self, .created)
            let csv = try await client.call(.get, "/api/v1/tasks/time-report/csv?scope=person", token: owner.token)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"time-report-person.csv\"")
            #expect(String(decoding: csv.body, as: UTF8.self) == "person,hours,entries\r\n\(owner.id),1.5,1\r\n")
            #expect(try await client.call(.get, "/api/v1/tasks/time-report/csv?scope=milestone", token: owner.token).error?.details["field"] == "sprintId")
        }
    }
}
