import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    /// Writes the system comment recording a tracked change (status, assignee, due date, priority).
    func systemComment(on task: WorkTask, _ activity: ActivityType, from old: String?, to new: String?, by caller: String, in tx: Transaction) async throws {
        let type: CommentType = switch activity {
        case .statusChange: .statusChange
        case .assignment: .assignmentChange
        case .dueDate, .priority: .system
        }
        let label = switch activity {
        case .statusChange: "status"
        case .assignment: "assignee"
        case .dueDate: "due date"
        case .priority: "priority"
        }
        try await tx.comments.insert(TaskComment(
            id: Self.newId(), tenantId: task.tenantId, taskId: task.id, boardId: task.boardId, content: "\(label): \(old ?? "none") → \(new ?? "none")", commentType: type,
            authorId: caller, parentCommentId: nil, mentions: [], attachments: [],
            systemActivity: SystemActivityV1(activityType: activity, oldValue: old, newValue: new, changedBy: caller), isEdited: false, editedAt: nil,
            isDeleted: false, deletedAt: nil, createdAt: tx.now, updatedAt: tx.now))
    }

    /// Mentions checked: ids, each once, at most 50.
    static func mentions(_ raw: [String]?) throws(ContractError) -> [String] {
        var seen = Set<String>()
        return try WorkRules.texts(raw ?? [], field: "mentions", count: 0...50, length: 128).filter { seen.insert($0).inserted }
    }

    /// Tells those of `mentioned` who may see the board (the author aside) that they were mentioned.
    func announceMentions(_ mentioned: [String], in comment: TaskComment, task: WorkTask, board: Board, tx: Transaction) async throws {
        var recipients: [String] = []
        for userId in mentioned where userId != comment.authorId {
            if try await role(of: userId, on: board, in: tx.operations) != nil { recipients.append(userId) }
        }
        guard !recipients.isEmpty else { return }
        try await tx.publish(TaskMentionedV1(
            task: task.summary, commentId: comment.id, authorId: comment.authorId, excerpt: String(comment.content.prefix(200)), recipients: recipients))
    }

    /// `work.add-comment.v1`: board members and admins (viewers read).
    public func addComment(_ command: AddCommentV1, envelope: MessageEnvelope) async throws -> TaskCommentV1 {
        let caller = try envelope.signedInActor()
        let taskId = try WorkRules.id(command.taskId, field: "taskId")
        let content = try WorkRules.text(command.content, field: "content", 1...10_000)
        let mentions = try Self.mentions(command.mentions)
        let attachments = command.attachments ?? []
        guard attachments.count <= 10 else { throw WorkRules.invalid("a comment has at most 10 attachments", field: "attachments", rule: "count") }
        for (index, attachment) in attachments.enumerated() {
            _ = try WorkRules.id(attachment.documentId, field: "attachments.\(index).documentId")
            _ = try WorkRules.text(attachment.fileName, field: "attachments.\(index).fileName", 1...255)
        }
        return try await work.once(envelope) { tx in
            let (task, board, role) = try await task(taskId, visibleTo: caller, tenant: tx.tenant, in: tx.operations)
            guard role.rank >= BoardRole.member.rank else {
                throw ContractError(.forbidden, "a board viewer cannot comment", details: ["rule": "board_role", "role": role.rawValue])
            }
            if let parentId = command.parentCommentId {
                guard let parent = try await tx.comments.first(.equal("_id", .string(parentId))), parent.taskId == task.id else {
                    throw ContractError(.notFound, "no comment \(parentId) on this task", details: ["field": "parentCommentId"])
                }
            }
            let comment = TaskComment(
                id: Self.newId(), tenantId: tx.tenant, taskId: task.id, boardId: board.id, content: content, commentType: .comment, authorId: caller,
                parentCommentId: command.parentCommentId, mentions: mentions, attachments: attachments, systemActivity: nil, isEdited: false,
                editedAt: nil, isDeleted: false, deletedAt: nil, createdAt: tx.now, updatedAt: tx.now)
            try await tx.comments.insert(comment)
            try await announceMentions(mentions, in: comment, task: task, board: board, tx: tx)
            return comment.view
        }
    }

    /// A person's comment by id, with its task and board, visible to the caller.
    func comment(_ id: String, for caller: String, in tx: Transaction) async throws -> (TaskComment, WorkTask, Board, BoardRole) {
        guard let comment = try await tx.comments.first(.and([.equal("_id", .string(id)), .equal("tenantId", .string(tx.tenant))])) else {
            throw ContractError(.notFound, "no comment \(id)", details: ["field": "commentId"])
        }
        do {
            let (task, board, role) = try await task(comment.taskId, visibleTo: caller, tenant: tx.tenant, in: tx.operations)
            return (comment, task, board, role)
        } catch let error as ContractError where error.code == .notFound {
            throw ContractError(.notFound, "no comment \(id)", details: ["field": "commentId"])
        }
    }

    /// `work.edit-comment.v1`: the author; newly mentioned people are told.
    public func editComment(_ command: EditCommentV1, envelope: MessageEnvelope) async throws -> TaskCommentV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.commentId, field: "commentId")
        let content = try WorkRules.text(command.content, field: "content", 1...10_000)
        let mentions = try command.mentions.map { raw throws(ContractError) in try Self.mentions(raw) }
        return try await work.once(envelope) { tx in
            var (comment, task, board, _) = try await comment(id, for: caller, in: tx)
            guard comment.authorId == caller, comment.commentType == .comment else {
                throw ContractError(.forbidden, "only its author edits a comment", details: ["rule": "author_only"])
            }
            guard !comment.isDeleted else { throw ContractError(.conflict, "the comment was deleted", details: ["field": "commentId", "rule": "deleted"]) }
            let added = (mentions ?? comment.mentions).filter { !comment.mentions.contains($0) }
            comment.content = content
            if let mentions { comment.mentions = mentions }
            comment.isEdited = true
            comment.editedAt = tx.now
            comment.updatedAt = tx.now
            try await tx.comments.replace(comment)
            try await announceMentions(added, in: comment, task: task, board: board, tx: tx)
            return comment.view
        }
    }

    /// `work.delete-comment.v1`: the author or a board admin; the comment keeps its place, without content.
    public func deleteComment(_ command: DeleteCommentV1, envelope: MessageEnvelope) async throws -> TaskCommentV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.commentId, field: "commentId")
        return try await work.once(envelope) { tx in
            var (comment, _, _, role) = try await comment(id, for: caller, in: tx)
            guard comment.commentType == .comment, comment.authorId == caller || role == .admin else {
                throw ContractError(.forbidden, "only its author or a board admin deletes a comment", details: ["rule": "author_only"])
            }
            guard !comment.isDeleted else { return comment.view }
            comment.isDeleted = true
            comment.deletedAt = tx.now
            comment.content = ""
            comment.attachments = []
            comment.updatedAt = tx.now
            try await tx.comments.replace(comment)
            return comment.view
        }
    }

    /// `work.list-comments.v1`: newest first.
    public func listComments(_ command: ListCommentsV1, envelope: MessageEnvelope) async throws -> TaskCommentPageV1 {
        let caller = try envelope.signedInActor()
        let taskId = try WorkRules.id(command.taskId, field: "taskId")
        let limit = try WorkRules.limit(command.limit, default: 50)
        let cursor = try PageCursor.fromRequest(command.cursor)
        return try await work.mapStoreErrors {
            _ = try await task(taskId, visibleTo: caller, tenant: Self.tenant(of: envelope), in: store)
            let page = try await DocumentCollection(TaskComment.self, in: store).page(
                .equal("taskId", .string(taskId)), sort: [SortKey("taskId"), SortKey("createdAt", .descending)], after: cursor, limit: limit)
            return TaskCommentPageV1(comments: page.items.map(\.view), nextCursor: page.next?.description)
        }
    }

    // MARK: - Tags

    /// `work.create-tag.v1`: a unique name; global tags by platform admins, board tags by the boards' admins.
    public func createTag(_ command: CreateTagV1, envelope: MessageEnvelope) async throws -> TagV1 {
        let caller = try envelope.signedInActor()
        let name = try WorkRules.text(command.name, field: "name", 1...50)
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 500)
        let color = try BoardRules.color(command.color, field: "color")
        let boardIds = try WorkRules.texts(command.boardIds ?? [], field: "boardIds", count: command.isGlobal ? 0...50 : 1...50, length: 128)
        return try await work.once(envelope) { tx in
            if command.isGlobal { try await requireAdmin(caller, in: tx.operations) }
            for boardId in boardIds { _ = try await board(boardId, for: caller, needs: .admin, tenant: tx.tenant, in: tx.operations) }
            if try await tx.tags.count(.equal("key", .string(name.lowercased()))) > 0 {
                throw ContractError(.conflict, "a tag called '\(name)' exists", details: ["field": "name", "rule": "unique"])
            }
            let tag = Tag(
                id: Self.newId(), tenantId: tx.tenant, name: name, key: name.lowercased(), description: description, color: color, category: command.category,
                isGlobal: command.isGlobal, isDefault: command.isDefault ?? false, usageCount: 0, lastUsed: nil, createdBy: caller,
                boardIds: Array(Set(boardIds)).sorted(), isActive: true, createdAt: tx.now, updatedAt: tx.now)
            try await tx.tags.insert(tag)
            return tag.view
        }
    }

    /// `work.update-tag.v1`: its creator or an admin; tasks carrying it take the new name and colour.
    public func updateTag(_ command: UpdateTagV1, envelope: MessageEnvelope) async throws -> TagV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.tagId, field: "tagId")
        let name = try command.name.map { raw throws(ContractError) in try WorkRules.text(raw, field: "name", 1...50) }
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 500)
        let color = try command.color.map { raw throws(ContractError) in try BoardRules.color(raw, field: "color") }
        return try await work.once(envelope) { tx in
            guard var tag = try await tx.tags.first(.and([.equal("_id", .string(id)), .equal("tenantId", .string(tx.tenant))])) else {
                throw ContractError(.notFound, "no tag \(id)", details: ["field": "tagId"])
            }
            let callerIsAdmin = try await isAdmin(caller, in: tx.operations)
            guard tag.createdBy == caller || callerIsAdmin else {
                throw ContractError(.forbidden, "only its creator or an admin changes a tag", details: ["rule": "creator_only"])
            }
            if let name, name.lowercased() != tag.key {
                if try await tx.tags.count(.equal("key", .string(name.lowercased()))) > 0 {
                    throw ContractError(.conflict, "a tag called '\(name)' exists", details: ["field": "name", "rule": "unique"])
                }
            }
            if let name { tag.name = name; tag.key = name.lowercased() }
            if let description { tag.description = description }
            if let color { tag.color = color }
            if let category = command.category { tag.category = category }
            if let isDefault = command.isDefault { tag.isDefault = isDefault }
            if let isActive = command.isActive { tag.isActive = isActive }
            tag.updatedAt = tx.now
            try await tx.tags.replace(tag)
            if name != nil || color != nil || command.category != nil {
                var boardIds = Set<String>()
                for var task in try await tx.tasks.find(.and([.equal("tags.id", .string(tag.id)), .equal("tenantId", .string(tag.tenantId))])) {
                    task.tags = task.tags.map { $0.id == tag.id ? tag.onTask : $0 }
                    try await tx.tasks.replace(task)
                    boardIds.insert(task.boardId)
                }
                // The boards' cached views show the tag's name on their tasks.
                for boardId in boardIds.sorted() {
                    if var board = try await tx.boards.first(.and([.equal("_id", .string(boardId)), .equal("tenantId", .string(tag.tenantId))])) { try await save(&board, tx) }
                }
            }
            return tag.view
        }
    }

    /// `work.list-tags.v1`.
    public func listTags(_ command: ListTagsV1, envelope: MessageEnvelope) async throws -> TagListV1 {
        let caller = try envelope.signedInActor()
        let boardId = try command.boardId.map { raw throws(ContractError) in try WorkRules.id(raw, field: "boardId") }
        return try await work.mapStoreErrors {
            var scope: Filter = .equal("isGlobal", .bool(true))
            if let boardId {
                _ = try await board(boardId, visibleTo: caller, tenant: Self.tenant(of: envelope), in: store)
                scope = .or([scope, .equal("boardIds", .string(boardId))])
            }
            var filters: [Filter] = [.equal("tenantId", .string(Self.tenant(of: envelope))), scope, .equal("isActive", .bool(true))]
            if let category = command.category { filters.append(.equal("category", .string(category.rawValue))) }
            let tags = try await DocumentCollection(Tag.self, in: store).find(.and(filters), options: FindOptions(sort: [SortKey("name")], limit: 500))
            return TagListV1(tags: tags.map(\.view))
        }
    }

    /// `work.get-tag.v1`: any signed-in user (tags are not secret: names, colours and counts).
    public func getTag(_ command: GetTagV1, envelope: MessageEnvelope) async throws -> TagV1 {
        _ = try envelope.signedInActor()
        let id = try WorkRules.id(command.tagId, field: "tagId")
        return try await work.mapStoreErrors {
            guard let tag = try await DocumentCollection(Tag.self, in: store).first(.and([.equal("_id", .string(id)), .equal("tenantId", .string(Self.tenant(of: envelope)))])) else {
                throw ContractError(.notFound, "no tag \(id)", details: ["field": "tagId"])
            }
            return tag.view
        }
    }
}
