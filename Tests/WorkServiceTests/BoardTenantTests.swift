import Foundation
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@testable import WorkService

/// Part 2's records belong to the tenant they were made in (decision 0042); a task's parent can
/// change; attachments name documents that documents announced.
@Suite("Boards: tenants, parents, attached documents")
struct BoardTenantTests {
    static func acme<C: Command>(_ b: BoardHarness, _ type: C.Type, _ actor: String) -> MessageEnvelope {
        b.h.fixture.envelope(type, actor: actor, tenant: "acme")
    }

    @Test("another tenant's board, tasks, comments, tags, teams and templates do not exist for the caller, even for the board's own owner acting there or an admin")
    func otherTenantSeesNothing() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        let task = try await b.task(board, "Ours", assignee: BoardHarness.member)
        let comment = try await b.service.addComment(AddCommentV1(taskId: task.id, content: "Hello"), envelope: b.env(AddCommentV1.self, BoardHarness.member))
        let tag = try await b.service.createTag(
            CreateTagV1(name: "ours", color: "#112233", category: .custom, isGlobal: false, boardIds: [board.id]), envelope: b.env(CreateTagV1.self, BoardHarness.owner))
        let team = try await b.service.createWorkTeam(CreateWorkTeamV1(name: "Crew", teamLeadId: BoardHarness.member), envelope: b.env(CreateWorkTeamV1.self, WorkHarness.admin))
        let template = try await b.service.createTaskTemplate(
            CreateTaskTemplateV1(name: "Bug", category: .development, template: TaskTemplateBodyV1(title: "Bug", description: nil, taskType: .bug, priority: .high, estimatedHours: nil, tags: [], checklistItems: [], requiredFields: []), isGlobal: true, isPublic: true),
            envelope: b.env(CreateTaskTemplateV1.self, WorkHarness.admin))
        let before = try await b.snapshot()

        for actor in [BoardHarness.owner, BoardHarness.member, WorkHarness.admin] {
            await expectContractError(.notFound, field: "boardId") {
                _ = try await b.service.getBoard(GetBoardV1(boardId: board.id), envelope: Self.acme(b, GetBoardV1.self, actor))
            }
            await expectContractError(.notFound, field: "taskId") {
                _ = try await b.service.getTask(GetTaskV1(taskId: task.id), envelope: Self.acme(b, GetTaskV1.self, actor))
            }
            await expectContractError(.notFound, field: "taskId") {
                _ = try await b.service.moveTask(MoveTaskV1(taskId: task.id, columnId: board.columns[1].id, position: 0), envelope: Self.acme(b, MoveTaskV1.self, actor))
            }
            await expectContractError(.notFound, field: "boardId") {
                _ = try await b.service.createTask(CreateTaskV1(boardId: board.id, title: "Theirs", taskType: .bug, priority: .low), envelope: Self.acme(b, CreateTaskV1.self, actor))
            }
            await expectContractError(.notFound, field: "commentId") {
                _ = try await b.service.editComment(EditCommentV1(commentId: comment.id, content: "Taken"), envelope: Self.acme(b, EditCommentV1.self, actor))
            }
            await expectContractError(.notFound, field: "tagId") {
                _ = try await b.service.getTag(GetTagV1(tagId: tag.id), envelope: Self.acme(b, GetTagV1.self, actor))
            }
            await expectContractError(.notFound, field: "teamId") {
                _ = try await b.service.getWorkTeam(GetWorkTeamV1(teamId: team.id), envelope: Self.acme(b, GetWorkTeamV1.self, actor))
            }
            await expectContractError(.notFound, field: "templateId") {
                _ = try await b.service.createTaskFromTemplate(
                    CreateTaskFromTemplateV1(templateId: template.id, boardId: board.id, fields: TemplateFieldsV1()), envelope: Self.acme(b, CreateTaskFromTemplateV1.self, actor))
            }
            #expect(try await b.service.listBoards(ListBoardsV1(), envelope: Self.acme(b, ListBoardsV1.self, actor)).boards.isEmpty)
            #expect(try await b.service.listTasks(ListTasksV1(query: .mine), envelope: Self.acme(b, ListTasksV1.self, actor)).tasks.isEmpty)
            #expect(try await b.service.listTags(ListTagsV1(), envelope: Self.acme(b, ListTagsV1.self, actor)).tags.isEmpty)
            #expect(try await b.service.listWorkTeams(ListWorkTeamsV1(), envelope: Self.acme(b, ListWorkTeamsV1.self, actor)).teams.isEmpty)
            #expect(try await b.service.listTaskTemplates(ListTaskTemplatesV1(), envelope: Self.acme(b, ListTaskTemplatesV1.self, actor)).templates.isEmpty)
        }
        #expect(try await b.snapshot() == before)
        // The platform's tenant still sees its own.
        #expect(try await b.service.listTasks(ListTasksV1(query: .mine), envelope: b.env(ListTasksV1.self, BoardHarness.member)).tasks.map(\.id) == [task.id])

        // acme's own board is acme's: the platform's tenant does not see it; its records carry acme.
        let theirs = try await b.service.createBoard(CreateBoardV1(name: "Acme", boardType: .team, visibility: .private), envelope: Self.acme(b, CreateBoardV1.self, BoardHarness.owner))
        let theirTask = try await b.service.createTask(CreateTaskV1(boardId: theirs.id, title: "Acme's", taskType: .bug, priority: .low), envelope: Self.acme(b, CreateTaskV1.self, BoardHarness.owner))
        await expectContractError(.notFound, field: "boardId") { _ = try await b.view(theirs.id) }
        #expect(try await DocumentCollection(WorkTask.self, in: b.h.fixture.store).first(.equal("_id", .string(theirTask.id)))?.tenantId == "acme")
        #expect(try await DocumentCollection(WorkTask.self, in: b.h.fixture.store).first(.equal("_id", .string(task.id)))?.tenantId == "platform")
    }

    @Test("a task moves under another parent or leaves its parent; itself, a task of another board, its own subtask at any depth or an unknown task are refused and change nothing")
    func parentChanges() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board(), other = try await b.board()
        let a = try await b.task(board, "A"), c = try await b.task(board, "C"), elsewhere = try await b.task(other, "Elsewhere")
        let child = try await b.service.createTask(CreateTaskV1(boardId: board.id, title: "Child", taskType: .development, priority: .low, parentTaskId: a.id),
                                                  envelope: b.env(CreateTaskV1.self, BoardHarness.member))
        let grandchild = try await b.service.createTask(CreateTaskV1(boardId: board.id, title: "Grandchild", taskType: .development, priority: .low, parentTaskId: child.id),
                                                       envelope: b.env(CreateTaskV1.self, BoardHarness.member))
        func update(_ command: UpdateTaskV1) async throws -> TaskV1 { try await b.service.updateTask(command, envelope: b.env(UpdateTaskV1.self, BoardHarness.member)) }
        func get(_ id: String) async throws -> TaskV1 { try await b.service.getTask(GetTaskV1(taskId: id), envelope: b.env(GetTaskV1.self, BoardHarness.member)) }

        let moved = try await update(UpdateTaskV1(taskId: child.id, parentTaskId: c.id))
        #expect(moved.parentTaskId == c.id)
        let (formerParent, newParent) = (try await get(a.id), try await get(c.id))
        #expect(formerParent.subtasks.isEmpty && newParent.subtasks == [child.id])
        let subtasks = try await b.service.listTasks(ListTasksV1(query: .subtasks, parentTaskId: c.id), envelope: b.env(ListTasksV1.self, BoardHarness.member))
        #expect(subtasks.tasks.map(\.id) == [child.id])

        try await b.expectRefused(.validation, rule: "self_parent", field: "parentTaskId") { _ = try await update(UpdateTaskV1(taskId: c.id, parentTaskId: c.id)) }
        try await b.expectRefused(.validation, rule: "same_board", field: "parentTaskId") { _ = try await update(UpdateTaskV1(taskId: c.id, parentTaskId: elsewhere.id)) }
        try await b.expectRefused(.conflict, rule: "parent_cycle", field: "parentTaskId") { _ = try await update(UpdateTaskV1(taskId: c.id, parentTaskId: grandchild.id)) }
        try await b.expectRefused(.conflict, rule: "parent_cycle", field: "parentTaskId") { _ = try await update(UpdateTaskV1(taskId: c.id, parentTaskId: child.id)) }
        try await b.expectRefused(.notFound, field: "parentTaskId") { _ = try await update(UpdateTaskV1(taskId: c.id, parentTaskId: "665f40009b1d4a0012ab9999")) }

        let detached = try await update(UpdateTaskV1(taskId: child.id, clear: [.parentTaskId]))
        let (leftParent, former) = (try await get(c.id), try await get(child.id))
        #expect(detached.parentTaskId == nil && leftParent.subtasks.isEmpty && former.subtasks == [grandchild.id])
        // Now free of C's line, C may go under the former child's subtask.
        #expect(try await update(UpdateTaskV1(taskId: c.id, parentTaskId: grandchild.id)).parentTaskId == grandchild.id)
        #expect(try await get(grandchild.id).subtasks == [c.id])
    }

    @Test("an attachment names a document of the tenant that documents announced: unknown, deleted or another tenant's documents are not_found and change nothing")
    func attachmentsNeedKnownDocuments() async throws {
        let b = try await BoardHarness.make()
        let board = try await b.board()
        let task = try await b.task(board, "Spec")
        func document(_ id: String, tenant: String) -> DocumentV1 {
            var document = DocumentV1.example
            document.id = id
            document.documentId = id
            document.tenantId = tenant
            document.ownerId = BoardHarness.member
            return document
        }
        let ours = "665f30009b1d4a0012ab1001", gone = "665f30009b1d4a0012ab1002", acmes = "665f30009b1d4a0012ab1003", unknown = "665f30009b1d4a0012ab1004"
        try await b.service.documentUploaded(document(ours, tenant: "platform"), envelope: MessageEnvelope(type: DocumentUploadedV1.messageType))
        try await b.service.documentUploaded(document(gone, tenant: "platform"), envelope: MessageEnvelope(type: DocumentUploadedV1.messageType))
        try await b.service.documentUploaded(document(acmes, tenant: "acme"), envelope: MessageEnvelope(type: DocumentUploadedV1.messageType))
        let deletion = DocumentDeletedV1(documentId: gone, tenantId: "platform", sprintId: nil, businessId: nil, deletedBy: BoardHarness.member, purgeAfter: Date())
        let deleted = MessageEnvelope(type: DocumentDeletedV1.messageType)
        try await b.service.documentDeleted(deletion, envelope: deleted)
        try await b.service.documentDeleted(deletion, envelope: deleted)   // redelivered: once
        // A deletion that arrives before the upload stays a deletion.
        let early = "665f30009b1d4a0012ab1005"
        try await b.service.documentDeleted(
            DocumentDeletedV1(documentId: early, tenantId: "platform", sprintId: nil, businessId: nil, deletedBy: BoardHarness.member, purgeAfter: Date()),
            envelope: MessageEnvelope(type: DocumentDeletedV1.messageType))
        try await b.service.documentUploaded(document(early, tenant: "platform"), envelope: MessageEnvelope(type: DocumentUploadedV1.messageType))

        func attach(_ id: String) async throws -> TaskV1 {
            try await b.service.setTaskAttachment(SetTaskAttachmentV1(taskId: task.id, documentId: id, fileName: "spec.pdf"), envelope: b.env(SetTaskAttachmentV1.self, BoardHarness.member))
        }
        for id in [unknown, gone, acmes, early] {
            try await b.expectRefused(.notFound, rule: "unknown_document", field: "documentId") { _ = try await attach(id) }
        }
        let attached = try await attach(ours)
        #expect(attached.attachments.map(\.documentId) == [ours] && attached.attachments.first?.fileUrl == "/api/v1/documents/\(ours)")
    }
}
