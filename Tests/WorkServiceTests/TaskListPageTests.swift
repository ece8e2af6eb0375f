import Foundation
import SeedContracts
import SeedServiceTesting
import Testing

@testable import WorkService

@Suite("Task list pages")
struct TaskListPageTests {
    @Test("a task list filtered for visibility fills every page to its limit, and its cursors reach every visible task once")
    func filteredPagesAreFull() async throws {
        let b = try await BoardHarness.make()
        let mine = try await b.board()
        let theirs = try await b.service.createBoard(
            CreateBoardV1(name: "Private", boardType: .personal, visibility: .private), envelope: b.env(CreateBoardV1.self, BoardHarness.stranger))
        let tag = try await b.service.createTag(
            CreateTagV1(name: "Shared", color: "#2196F3", category: .custom, isGlobal: true), envelope: b.env(CreateTagV1.self, WorkHarness.admin))
        // Seven of the stranger's tasks, then five of the member's board's, interleaved: in the query's
        // order (tag, then id) the invisible ones come between the visible ones.
        var visible: [String] = []
        for index in 0..<12 {
            let onMine = index % 3 == 1 || index == 11
            let board = onMine ? mine.id : theirs.id
            let task = try await b.service.createTask(
                CreateTaskV1(boardId: board, title: "T\(index)", taskType: .development, priority: .low, tagIds: [tag.id]),
                envelope: b.env(CreateTaskV1.self, onMine ? BoardHarness.owner : BoardHarness.stranger))
            if onMine { visible.append(task.id) }
        }
        #expect(visible.count == 5)
        var seen: [String] = []
        var cursor: String?
        var pages: [Int] = []
        repeat {
            let page = try await b.service.listTasks(ListTasksV1(query: .tag, tag: "Shared", cursor: cursor, limit: 2), envelope: b.env(ListTasksV1.self, BoardHarness.member))
            pages.append(page.tasks.count)
            seen += page.tasks.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil && pages.count < 10
        #expect(seen == visible)
        // Full pages until the last; the last may be empty when the scan only learned at its end that nothing followed.
        #expect(pages.prefix(2) == [2, 2] && pages.dropFirst(2).reduce(0, +) == 1)
    }
}
