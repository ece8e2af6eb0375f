import Foundation
import SeedContracts
import SeedServiceKit
import SeedServiceTesting
import SeedStore
import SeedStoreMongo
import Testing

@testable import WorkService

/// Moves on MongoDB (SecantusDB, a one-node replica set with real multi-document transactions):
/// two moves on one board write the same records, so one of them loses with a write conflict; work
/// runs the loser again, and nobody sees the conflict.
@Suite("Moves on MongoDB")
struct MongoMoveTests {
    static let owner = "b00000000000000000000001"

    @Test("twenty concurrent moves on one board all succeed on MongoDB, and every column stays dense")
    func concurrentMovesRetryWriteConflicts() async throws {
        guard let url = ProcessInfo.processInfo.environment["SEED_TEST_MONGO_SECANTUS_URL"], !url.isEmpty else {
            Issue.record("SEED_TEST_MONGO_SECANTUS_URL is not set: start the servers with scripts/lib/mongo-servers.sh (seed_start_mongo_servers)")
            return
        }
        let store = try MongoStore(configuration: MongoConfiguration(uri: url, database: "t_work_moves_" + String(UInt32.random(in: 0...UInt32.max), radix: 36)))
        defer { store.shutdown() }
        try await UnitOfWork.prepare(store, collections: WorkCollections.all)
        let service = WorkService(work: UnitOfWork(store: store, service: .work, messagesStaged: {}))
        var user = UserV1.example
        user.id = Self.owner
        user.role = .client
        try await service.userAnnounced(user, envelope: MessageEnvelope(type: UserRegisteredV1.messageType))
        func env<C: Command>(_ type: C.Type) -> MessageEnvelope { MessageEnvelope(type: C.messageType, actor: Self.owner) }

        let board = try await service.createBoard(CreateBoardV1(name: "Fernway", boardType: .project, visibility: .private), envelope: env(CreateBoardV1.self))
        var ids: [String] = []
        for index in 0..<10 {
            ids.append(try await service.createTask(
                CreateTaskV1(boardId: board.id, title: "T\(index)", taskType: .development, priority: .medium), envelope: env(CreateTaskV1.self)).id)
        }
        let columns = board.columns.prefix(3).map(\.id)
        let tasks = ids
        let failures = try await withThrowingTaskGroup(of: ContractError?.self) { group in
            for index in 0..<20 {
                group.addTask {
                    do {
                        _ = try await service.moveTask(
                            MoveTaskV1(taskId: tasks[(index * 3) % tasks.count], columnId: columns[index % 3], position: index % 2 == 0 ? 0 : nil),
                            envelope: env(MoveTaskV1.self))
                        return nil
                    } catch let error as ContractError {
                        return error
                    }
                }
            }
            return try await group.reduce(into: [ContractError]()) { failures, failure in if let failure { failures.append(failure) } }
        }
        #expect(failures.isEmpty, "moves refused: \(failures)")
        let view = try await service.getBoard(GetBoardV1(boardId: board.id), envelope: env(GetBoardV1.self))
        for column in view.columns {
            #expect(column.tasks.map(\.position) == Array(0..<column.tasks.count), "column \(column.column.name) is not dense")
        }
        #expect(view.columns.flatMap(\.tasks).map(\.title).sorted() == (0..<10).map { "T\($0)" }.sorted())
    }
}
