import Foundation
import HTTPTypes
import HummingbirdTesting
import SeedContracts
import Testing

@testable import GatewayService

/// Work's boards through the gateway for two tenants: a platform user with a bearer token and a
/// tenant's end user acting through the tenant's API key (`boards:*` scopes). Neither sees or touches
/// the other's boards and tasks (decision 0042).
@Suite("Work boards across tenants through the gateway", .serialized)
struct WorkTenantJourneyTests {
    let journey = WorkJourneyTests()
    let documents = DocumentsJourneyTests()

    @Test("a tenant's end user cannot see, list, move, change or comment on another tenant's board and tasks, nor the other way round; refusals change nothing")
    func tenantsAreApart() async throws {
        try await SuiteFixture.run { client, _ in
            let root = try await documents.register(client, SuiteFixture.bootstrapAdmin.replacingOccurrences(of: "@example.com", with: ""))
            let ada = try await journey.register(client, "ada@example.com")
            let board = try journey.ok(try await client.call(
                .post, "/api/v1/boards", token: ada.token, body: CreateBoardV1(name: "Platform board", boardType: .project, visibility: .public)), BoardV1.self, .created)
            let task = try journey.ok(try await client.call(
                .post, "/api/v1/tasks", token: ada.token, body: CreateTaskV1(boardId: board.id, title: "Ours", taskType: .bug, priority: .low)), TaskV1.self, .created)
            let before = try journey.ok(try await client.call(.get, "/api/v1/boards/\(board.id)", token: ada.token), BoardViewV1.self)

            let key = try await documents.tenantKey(client, root: root, tenant: "acme", scopes: ["users:write", "boards:read", "boards:write"])
            let carol = try await documents.tenantUser(client, key: key, externalId: "carol")
            // Even a public board of another tenant does not exist for carol.
            #expect(try await client.call(.get, "/api/v1/boards/\(board.id)", as: carol).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/tasks/\(task.id)", as: carol).status == .notFound)
            let move = try await client.call(.post, "/api/v1/tasks/\(task.id)/move", as: carol, json: #"{"columnId":"\#(board.columns[1].id)","position":0}"#)
            #expect(move.status == .notFound && move.error?.details["field"] == "taskId")
            #expect(try await client.call(.patch, "/api/v1/tasks/\(task.id)", as: carol, json: #"{"title":"Taken"}"#).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/tasks/\(task.id)/comments", as: carol, json: #"{"content":"Hello"}"#).status == .notFound)
            let create = try await client.call(.post, "/api/v1/tasks", as: carol, json: #"{"boardId":"\#(board.id)","title":"Theirs","taskType":"bug","priority":"low"}"#)
            #expect(create.status == .notFound && create.error?.details["field"] == "boardId")
            #expect(try journey.ok(try await client.call(.get, "/api/v1/boards?templates=false", as: carol), BoardPageV1.self).boards.isEmpty)
            #expect(try journey.ok(try await client.call(.get, "/api/v1/boards/\(board.id)", token: ada.token), BoardViewV1.self) == before)

            // carol's own board is acme's: ada does not see it; carol works on it as its owner.
            let theirs = try journey.ok(try await client.call(
                .post, "/api/v1/boards", as: carol, json: #"{"name":"Acme board","boardType":"team","visibility":"public"}"#), BoardV1.self, .created)
            let theirTask = try journey.ok(try await client.call(
                .post, "/api/v1/tasks", as: carol, json: #"{"boardId":"\#(theirs.id)","title":"Acme's","taskType":"bug","priority":"low"}"#), TaskV1.self, .created)
            #expect(try await client.call(.get, "/api/v1/boards/\(theirs.id)", token: ada.token).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/tasks/\(theirTask.id)", token: ada.token).status == .notFound)
            #expect(try journey.ok(try await client.call(.get, "/api/v1/boards/\(theirs.id)", as: carol), BoardViewV1.self).columns[0].tasks.map(\.id) == [theirTask.id])

            // A key without boards scopes is forbidden.
            let other = try await documents.tenantKey(client, root: root, tenant: "globex", scopes: ["users:write"])
            let dan = try await documents.tenantUser(client, key: other, externalId: "dan")
            #expect(try await client.call(.get, "/api/v1/boards/\(theirs.id)", as: dan).status == .forbidden)
        }
    }
}
