import Foundation
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@testable import WorkService

/// The board read served from the encoded view of the board's revision, and moves that write one
/// rank (decision 0041): what clients see must follow every change, and the order must stay total.
@Suite("Board views and ranks")
struct BoardViewTests {
    /// The stored ranks of a column's open tasks, in order.
    static func ranks(_ b: BoardHarness, board: String, column: String) async throws -> [Int] {
        try await DocumentCollection(WorkTask.self, in: b.h.fixture.store).find(
            .and([.equal("boardId", .string(board)), .equal("columnId", .string(column)), .equal("isArchived", .bool(false))]),
            options: FindOptions(sort: [SortKey("boardId"), SortKey("columnId"), SortKey("position")])).map(\.position)
    }

    @Test("tasks landing again and again between the same two neighbours keep their order: the column is spaced out when no gap is left")
    func ranksRespaceWhenTheGapIsUsedUp() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        let first = try await b.task(board, "First"), last = try await b.task(board, "Last")
        var titles: [String] = []
        for index in 0..<24 {
            let task = try await b.service.createTask(
                CreateTaskV1(boardId: board.id, position: 1, title: "N\(index)", taskType: .development, priority: .low),
                envelope: b.env(CreateTaskV1.self, BoardHarness.owner))
            #expect(task.position == 1)
            titles.insert("N\(index)", at: 0)
        }
        #expect(try await b.columns(board.id)[0] == ["First"] + titles + ["Last"])
        // The same between the first two of another column, by moves.
        let target = board.columns[1].id
        _ = try await b.move(first.id, to: target, at: 0)
        _ = try await b.move(last.id, to: target, at: 1)
        var moved: [String] = []
        for title in titles.prefix(20) {
            let id = try #require(try await b.view(board.id).columns[0].tasks.first { $0.title == title }).id
            let reply = try await b.move(id, to: target, at: 1)
            #expect(reply.position == 1 && reply.columnId == target)
            moved.insert(title, at: 0)
        }
        #expect(try await b.columns(board.id)[1] == ["First"] + moved + ["Last"])
        let ranks = try await Self.ranks(b, board: board.id, column: target)
        #expect(Set(ranks).count == ranks.count && ranks == ranks.sorted(), "ranks \(ranks) are not unique and ascending")
        // A single task's reply and read report the dense position too.
        let middle = try #require(try await b.view(board.id).columns[1].tasks.dropFirst(5).first)
        #expect(try await b.service.getTask(GetTaskV1(taskId: middle.id), envelope: b.env(GetTaskV1.self, BoardHarness.owner)).position == 5)
    }

    @Test("a board read shows every change made since the last read: a task's edit, a move, a tag's rename, a new member, an archived task")
    func boardReadFollowsEveryChange() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        let task = try await b.task(board, "Draft")
        let tag = try await b.service.createTag(
            CreateTagV1(name: "ops", color: "#112233", category: .custom, isGlobal: false, boardIds: [board.id]), envelope: b.env(CreateTagV1.self, BoardHarness.owner))
        _ = try await b.service.setTaskTag(SetTaskTagV1(taskId: task.id, tagId: tag.id), envelope: b.env(SetTaskTagV1.self, BoardHarness.member))
        // Read twice: the second is the cached view, equal to the first.
        let before = try await b.view(board.id)
        #expect(try await b.view(board.id) == before)
        #expect(before.columns[0].tasks.map(\.tags) == [["ops"]])

        _ = try await b.service.updateTask(UpdateTaskV1(taskId: task.id, title: "Final", priority: .critical), envelope: b.env(UpdateTaskV1.self, BoardHarness.member))
        #expect(try await b.view(board.id).columns[0].tasks.map { "\($0.title) \($0.priority.rawValue)" } == ["Final critical"])
        _ = try await b.service.updateTag(UpdateTagV1(tagId: tag.id, name: "operations"), envelope: b.env(UpdateTagV1.self, BoardHarness.owner))
        #expect(try await b.view(board.id).columns[0].tasks.map(\.tags) == [["operations"]])
        _ = try await b.move(task.id, to: board.columns[2].id, at: 0)
        #expect(try await b.view(board.id).columns.map { $0.tasks.count } == [0, 0, 1, 0])
        _ = try await b.service.setBoardMember(SetBoardMemberV1(boardId: board.id, userId: BoardHarness.stranger, role: .viewer), envelope: b.env(SetBoardMemberV1.self, BoardHarness.owner))
        #expect(try await b.view(board.id).board.members.contains { $0.userId == BoardHarness.stranger })
        // Each role reads its own view.
        #expect(try await b.view(board.id, as: BoardHarness.stranger).role == .viewer)
        #expect(try await b.view(board.id).role == .admin)
        _ = try await b.service.archiveTask(ArchiveTaskV1(taskId: task.id, archived: true), envelope: b.env(ArchiveTaskV1.self, BoardHarness.member))
        #expect(try await b.view(board.id).columns.allSatisfy { $0.tasks.isEmpty })
        let archived = try await b.service.getBoard(GetBoardV1(boardId: board.id, includeArchived: true), envelope: b.env(GetBoardV1.self, BoardHarness.owner))
        #expect(archived.columns[2].tasks.map(\.title) == ["Final"] && archived.columns[2].tasks.map(\.isArchived) == [true])
    }
}
