import Foundation

// Commands of the work service, part 2: boards, tasks, comments, tags, teams and task templates.
// The caller is `envelope.actor`; what they may do follows from their role on the board (viewer,
// member, admin; the owner is an admin), the board's visibility, and whether identity announced
// them as a platform admin.

// MARK: - Boards

/// Creates a board owned by the caller (who becomes its admin).
public struct CreateBoardV1: WorkCommand, Equatable {
    public typealias Reply = BoardV1
    public static let messageType = MessageType("work.create-board", version: 1)
    public static let summary = "Creates a board owned by the caller: columns (default To do / In progress / Review / Done, or a board template's), visibility, settings."
    public static let example = CreateBoardV1(
        name: "Fernway MVP", description: "The MVP sprint's board", boardType: .sprint, columns: nil, visibility: .team, sprintId: "665f20009b1d4a0012ab0001",
        teamId: exampleWorkTeamId, settings: .standard, isTemplate: false, templateCategory: nil, fromTemplateId: nil)

    /// 1 to 100 characters.
    public var name: String
    /// At most 2,000 characters.
    public var description: String?
    public var boardType: BoardType
    /// 1 to 20 columns; none: a board template's (`fromTemplateId`), or the four standard ones.
    public var columns: [BoardColumnInputV1]?
    public var visibility: BoardVisibility
    public var sprintId: String?
    /// Required for `team` visibility.
    public var teamId: String?
    public var settings: BoardSettingsV1?
    public var isTemplate: Bool?
    public var templateCategory: String?
    /// A board template whose columns and settings the new board copies.
    public var fromTemplateId: String?

    public init(
        name: String, description: String? = nil, boardType: BoardType, columns: [BoardColumnInputV1]? = nil, visibility: BoardVisibility,
        sprintId: String? = nil, teamId: String? = nil, settings: BoardSettingsV1? = nil, isTemplate: Bool? = nil, templateCategory: String? = nil,
        fromTemplateId: String? = nil
    ) {
        self.name = name; self.description = description; self.boardType = boardType; self.columns = columns; self.visibility = visibility
        self.sprintId = sprintId; self.teamId = teamId; self.settings = settings; self.isTemplate = isTemplate; self.templateCategory = templateCategory
        self.fromTemplateId = fromTemplateId
    }
}

/// A board admin changes its name, description, visibility, team or settings.
public struct UpdateBoardV1: WorkCommand, Equatable {
    public typealias Reply = BoardV1
    public static let messageType = MessageType("work.update-board", version: 1)
    public static let summary = "A board admin changes the board's name, description, visibility, team or settings (absent fields stay)."
    public static let example = UpdateBoardV1(boardId: exampleBoardId, name: "Fernway MVP (v2)", visibility: .private)

    public var boardId: String
    public var name: String?
    public var description: String?
    public var visibility: BoardVisibility?
    public var teamId: String?
    public var settings: BoardSettingsV1?

    public init(boardId: String, name: String? = nil, description: String? = nil, visibility: BoardVisibility? = nil, teamId: String? = nil, settings: BoardSettingsV1? = nil) {
        self.boardId = boardId; self.name = name; self.description = description; self.visibility = visibility; self.teamId = teamId; self.settings = settings
    }
}

/// A board admin replaces the columns: order, names, colours, types and WIP limits.
public struct SetBoardColumnsV1: WorkCommand, Equatable {
    public typealias Reply = BoardV1
    public static let messageType = MessageType("work.set-board-columns", version: 1)
    public static let summary = "A board admin replaces the ordered columns; a column with tasks cannot be dropped, and a WIP limit below its task count is refused."
    public static let example = SetBoardColumnsV1(
        boardId: exampleBoardId,
        columns: [BoardColumnInputV1(id: exampleColumnId, name: "To do", color: "#9E9E9E", isDefault: true, columnType: .todo),
                  BoardColumnInputV1(name: "Doing", color: "#2196F3", wipLimit: 3, columnType: .inProgress),
                  BoardColumnInputV1(id: exampleDoneColumnId, name: "Done", color: "#4CAF50", columnType: .done)])

    public var boardId: String
    /// 1 to 20, in order.
    public var columns: [BoardColumnInputV1]

    public init(boardId: String, columns: [BoardColumnInputV1]) { self.boardId = boardId; self.columns = columns }
}

/// Puts someone on a board with a role, or changes their role.
public struct SetBoardMemberV1: WorkCommand, Equatable {
    public typealias Reply = BoardV1
    public static let messageType = MessageType("work.set-board-member", version: 1)
    public static let summary = "A board admin puts someone on the board with a role (or changes it); members may add viewers and members when the board allows it."
    public static let example = SetBoardMemberV1(boardId: exampleBoardId, userId: exampleBoardUser, role: .member)

    public var boardId: String
    public var userId: String
    public var role: BoardRole

    public init(boardId: String, userId: String, role: BoardRole) { self.boardId = boardId; self.userId = userId; self.role = role }
}

/// Takes someone off a board.
public struct RemoveBoardMemberV1: WorkCommand, Equatable {
    public typealias Reply = BoardV1
    public static let messageType = MessageType("work.remove-board-member", version: 1)
    public static let summary = "A board admin takes someone off the board (or someone leaves it); the owner stays."
    public static let example = RemoveBoardMemberV1(boardId: exampleBoardId, userId: exampleBoardUser)

    public var boardId: String
    public var userId: String

    public init(boardId: String, userId: String) { self.boardId = boardId; self.userId = userId }
}

/// Archives a board (read-only from then on) or brings it back.
public struct ArchiveBoardV1: WorkCommand, Equatable {
    public typealias Reply = BoardV1
    public static let messageType = MessageType("work.archive-board", version: 1)
    public static let summary = "A board admin archives the board (nothing on it changes until it is restored) or restores it."
    public static let example = ArchiveBoardV1(boardId: exampleBoardId, archived: true)

    public var boardId: String
    public var archived: Bool

    public init(boardId: String, archived: Bool) { self.boardId = boardId; self.archived = archived }
}

/// A board with its columns and their tasks in order.
public struct GetBoardV1: WorkCommand, Equatable {
    public typealias Reply = BoardViewV1
    public static let messageType = MessageType("work.get-board", version: 1)
    public static let summary = "A board the caller may see, with each column's tasks in position order (archived tasks only when asked)."
    public static let example = GetBoardV1(boardId: exampleBoardId, includeArchived: false)

    public var boardId: String
    public var includeArchived: Bool?

    public init(boardId: String, includeArchived: Bool? = nil) { self.boardId = boardId; self.includeArchived = includeArchived }
}

/// A page of the boards the caller may see.
public struct ListBoardsV1: WorkCommand, Equatable {
    public typealias Reply = BoardPageV1
    public static let messageType = MessageType("work.list-boards", version: 1)
    public static let summary = "The boards the caller owns or is a member of, newest first; with `templates`, the board templates they may see; with `publicOnly`, public boards."
    public static let example = ListBoardsV1(boardType: .sprint, templates: false, includeArchived: false, cursor: nil, limit: 20)

    public var boardType: BoardType?
    public var templates: Bool?
    public var includeArchived: Bool?
    public var cursor: String?
    /// 1 to 100, default 20.
    public var limit: Int?

    public init(boardType: BoardType? = nil, templates: Bool? = nil, includeArchived: Bool? = nil, cursor: String? = nil, limit: Int? = nil) {
        self.boardType = boardType; self.templates = templates; self.includeArchived = includeArchived; self.cursor = cursor; self.limit = limit
    }
}

// MARK: - Tasks

/// Creates a task on a board (members, when the board allows task creation; admins always).
public struct CreateTaskV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.create-task", version: 1)
    public static let summary = "Creates a task in a column (the default column when none is named) at a position (the end when none), within the WIP limit."
    public static let example = CreateTaskV1(
        boardId: exampleBoardId, columnId: exampleColumnId, title: "Booking form", description: "Date, route and passengers", taskType: .development,
        priority: .high, assigneeId: exampleBoardUser, dueDate: exampleBoardDate, estimatedHours: 8, tagIds: [exampleTagId], checklist: ["Validation"])

    public var boardId: String
    public var columnId: String?
    /// 0 to the column's task count; none: the end.
    public var position: Int?
    /// 1 to 200 characters.
    public var title: String
    /// At most 10,000 characters.
    public var description: String?
    public var taskType: TaskType
    public var priority: TaskPriority
    /// A member (not a viewer) of the board.
    public var assigneeId: String?
    /// Default: the caller.
    public var reporterId: String?
    public var sprintId: String?
    public var milestoneId: String?
    public var dueDate: Date?
    public var startDate: Date?
    /// 0 to 1,000 hours.
    public var estimatedHours: Decimal?
    public var tagIds: [String]?
    /// A task on the same board.
    public var parentTaskId: String?
    /// Checklist item texts, at most 50.
    public var checklist: [String]?

    public init(
        boardId: String, columnId: String? = nil, position: Int? = nil, title: String, description: String? = nil, taskType: TaskType, priority: TaskPriority,
        assigneeId: String? = nil, reporterId: String? = nil, sprintId: String? = nil, milestoneId: String? = nil, dueDate: Date? = nil,
        startDate: Date? = nil, estimatedHours: Decimal? = nil, tagIds: [String]? = nil, parentTaskId: String? = nil, checklist: [String]? = nil
    ) {
        self.boardId = boardId; self.columnId = columnId; self.position = position; self.title = title; self.description = description
        self.taskType = taskType; self.priority = priority; self.assigneeId = assigneeId; self.reporterId = reporterId; self.sprintId = sprintId
        self.milestoneId = milestoneId; self.dueDate = dueDate; self.startDate = startDate; self.estimatedHours = estimatedHours; self.tagIds = tagIds
        self.parentTaskId = parentTaskId; self.checklist = checklist
    }
}

/// Changes a task's fields; status, assignee, due date and priority changes write system comments.
public struct UpdateTaskV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.update-task", version: 1)
    public static let summary = "Changes a task's fields (absent ones stay; `clear` names fields to empty); status, assignee, due date and priority changes write system comments."
    public static let example = UpdateTaskV1(taskId: exampleTaskId, priority: .critical, assigneeId: exampleBoardUser, clear: [.dueDate])

    public var taskId: String
    public var title: String?
    public var description: String?
    public var taskType: TaskType?
    public var priority: TaskPriority?
    /// In a `custom` column only: the status (other columns imply theirs; `archived` by archiving).
    public var status: TaskStatus?
    public var assigneeId: String?
    public var reporterId: String?
    public var sprintId: String?
    public var milestoneId: String?
    public var dueDate: Date?
    public var startDate: Date?
    public var estimatedHours: Decimal?
    /// Fields to empty.
    public var clear: [ClearableTaskField]?
    /// A new parent on the same board (not the task itself, nor one of its own subtasks, however deep);
    /// `clear: ["parentTaskId"]` detaches the task from its parent.
    public var parentTaskId: String?

    public init(
        taskId: String, title: String? = nil, description: String? = nil, taskType: TaskType? = nil, priority: TaskPriority? = nil,
        status: TaskStatus? = nil, assigneeId: String? = nil, reporterId: String? = nil, sprintId: String? = nil, milestoneId: String? = nil,
        dueDate: Date? = nil, startDate: Date? = nil, estimatedHours: Decimal? = nil, clear: [ClearableTaskField]? = nil, parentTaskId: String? = nil
    ) {
        self.taskId = taskId; self.title = title; self.description = description; self.taskType = taskType; self.priority = priority
        self.status = status; self.assigneeId = assigneeId; self.reporterId = reporterId; self.sprintId = sprintId; self.milestoneId = milestoneId
        self.dueDate = dueDate; self.startDate = startDate; self.estimatedHours = estimatedHours; self.clear = clear; self.parentTaskId = parentTaskId
    }
}

/// A task field that ``UpdateTaskV1`` may empty.
public enum ClearableTaskField: String, Codable, Sendable, CaseIterable {
    case description, assigneeId, sprintId, milestoneId, dueDate, startDate, estimatedHours, parentTaskId
}

/// Moves a task to a position in a column (of the same board), in one step.
public struct MoveTaskV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.move-task", version: 1)
    public static let summary = "Moves a task to a position in a column in one transaction: both columns stay dense; a full column (WIP limit) and done with open dependencies are refused."
    public static let example = MoveTaskV1(taskId: exampleTaskId, columnId: exampleDoneColumnId, position: 0)

    public var taskId: String
    public var columnId: String
    /// 0 to the target column's task count (without the task); none: the end.
    public var position: Int?

    public init(taskId: String, columnId: String, position: Int? = nil) { self.taskId = taskId; self.columnId = columnId; self.position = position }
}

/// Makes a task depend on another (which must be done first).
public struct AddTaskDependencyV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.add-task-dependency", version: 1)
    public static let summary = "Makes a task depend on another task the caller may see; itself or a cycle is refused."
    public static let example = AddTaskDependencyV1(taskId: exampleTaskId, dependsOnTaskId: "665f41009b1d4a0012ab0002")

    public var taskId: String
    public var dependsOnTaskId: String

    public init(taskId: String, dependsOnTaskId: String) { self.taskId = taskId; self.dependsOnTaskId = dependsOnTaskId }
}

/// Drops a dependency.
public struct RemoveTaskDependencyV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.remove-task-dependency", version: 1)
    public static let summary = "Drops a task's dependency on another."
    public static let example = RemoveTaskDependencyV1(taskId: exampleTaskId, dependsOnTaskId: "665f41009b1d4a0012ab0002")

    public var taskId: String
    public var dependsOnTaskId: String

    public init(taskId: String, dependsOnTaskId: String) { self.taskId = taskId; self.dependsOnTaskId = dependsOnTaskId }
}

/// Adds, renames, ticks, unticks or removes a checklist item.
public struct ChangeChecklistV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.change-checklist", version: 1)
    public static let summary = "Adds a checklist item (no itemId), renames, completes (recording who and when) or reopens one, or removes it; progress follows."
    public static let example = ChangeChecklistV1(taskId: exampleTaskId, itemId: "665f41009b1d4a0012ab0101", text: nil, isCompleted: true, remove: nil)

    public var taskId: String
    public var itemId: String?
    /// 1 to 500 characters.
    public var text: String?
    public var isCompleted: Bool?
    public var remove: Bool?

    public init(taskId: String, itemId: String? = nil, text: String? = nil, isCompleted: Bool? = nil, remove: Bool? = nil) {
        self.taskId = taskId; self.itemId = itemId; self.text = text; self.isCompleted = isCompleted; self.remove = remove
    }
}

/// Logs time on a task.
public struct LogTimeV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.log-time", version: 1)
    public static let summary = "A board member logs hours on a task (more than 0, at most 24, steps of 0.01) when the board tracks time; loggedHours is the worklog's sum."
    public static let example = LogTimeV1(taskId: exampleTaskId, hours: Decimal(string: "1.5")!, workedAt: exampleBoardDate, note: "Layout")

    public var taskId: String
    public var hours: Decimal
    /// Default: now.
    public var workedAt: Date?
    /// At most 500 characters.
    public var note: String?

    public init(taskId: String, hours: Decimal, workedAt: Date? = nil, note: String? = nil) {
        self.taskId = taskId; self.hours = hours; self.workedAt = workedAt; self.note = note
    }
}

/// Attaches a document (documents service) to a task, or detaches it.
public struct SetTaskAttachmentV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.set-task-attachment", version: 1)
    public static let summary = "Attaches a document by reference (its id, name, size, type) to a task, or detaches it (`remove`)."
    public static let example = SetTaskAttachmentV1(taskId: exampleTaskId, documentId: "665f30009b1d4a0012ab0001", fileName: "wireframe.pdf", fileSize: 120_000, mimeType: "application/pdf")

    public var taskId: String
    public var documentId: String
    /// 1 to 255 characters (required to attach).
    public var fileName: String?
    public var fileSize: Int?
    public var mimeType: String?
    public var remove: Bool?

    public init(taskId: String, documentId: String, fileName: String? = nil, fileSize: Int? = nil, mimeType: String? = nil, remove: Bool? = nil) {
        self.taskId = taskId; self.documentId = documentId; self.fileName = fileName; self.fileSize = fileSize; self.mimeType = mimeType; self.remove = remove
    }
}

/// Adds an external link to a task, or removes one.
public struct SetExternalLinkV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.set-external-link", version: 1)
    public static let summary = "Adds an http(s) link with a title to a task (no linkId), or removes one (linkId and `remove`)."
    public static let example = SetExternalLinkV1(taskId: exampleTaskId, title: "Design", url: "https://figma.example.com/file/1")

    public var taskId: String
    public var linkId: String?
    /// 1 to 200 characters.
    public var title: String?
    public var url: String?
    public var description: String?
    public var remove: Bool?

    public init(taskId: String, linkId: String? = nil, title: String? = nil, url: String? = nil, description: String? = nil, remove: Bool? = nil) {
        self.taskId = taskId; self.linkId = linkId; self.title = title; self.url = url; self.description = description; self.remove = remove
    }
}

/// Puts a tag on a task or takes it off; the tag's usage count follows exactly.
public struct SetTaskTagV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.set-task-tag", version: 1)
    public static let summary = "Puts a tag (global, or available on the task's board) on a task or takes it off (`remove`); the tag's usageCount follows in the same transaction."
    public static let example = SetTaskTagV1(taskId: exampleTaskId, tagId: exampleTagId, remove: false)

    public var taskId: String
    public var tagId: String
    public var remove: Bool?

    public init(taskId: String, tagId: String, remove: Bool? = nil) { self.taskId = taskId; self.tagId = tagId; self.remove = remove }
}

/// Archives a task (leaving its column) or restores it (at the end of its column).
public struct ArchiveTaskV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.archive-task", version: 1)
    public static let summary = "Archives a task (it leaves its column, which closes ranks) or restores it at the end of its column."
    public static let example = ArchiveTaskV1(taskId: exampleTaskId, archived: true)

    public var taskId: String
    public var archived: Bool

    public init(taskId: String, archived: Bool) { self.taskId = taskId; self.archived = archived }
}

/// A task the caller may see.
public struct GetTaskV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.get-task", version: 1)
    public static let summary = "A task on a board the caller may see (not_found otherwise)."
    public static let example = GetTaskV1(taskId: exampleTaskId)

    public var taskId: String

    public init(taskId: String) { self.taskId = taskId }
}

/// Which tasks ``ListTasksV1`` lists.
public enum TaskQuery: String, Codable, Sendable, CaseIterable {
    /// The caller's open tasks (assigned to them, not done or archived), by due date.
    case mine
    /// A sprint's tasks (`sprintId`, optionally one `status`).
    case sprint
    /// Open tasks due within `withinHours` (default 24), overdue ones included, by due date.
    case dueSoon = "due_soon"
    /// Tasks carrying the tag named `tag`.
    case tag
    /// A task's subtasks (`parentTaskId`).
    case subtasks
}

/// A page of tasks by one of the queries the seed's indexes serve, limited to boards the caller may see.
public struct ListTasksV1: WorkCommand, Equatable {
    public typealias Reply = TaskPageV1
    public static let messageType = MessageType("work.list-tasks", version: 1)
    public static let summary = "Tasks by query (mine, sprint, due_soon, tag, subtasks), only on boards the caller may see, paginated."
    public static let example = ListTasksV1(query: .sprint, status: .inProgress, sprintId: "665f20009b1d4a0012ab0001")

    public var query: TaskQuery
    public var status: TaskStatus?
    public var sprintId: String?
    public var tag: String?
    public var parentTaskId: String?
    /// 1 to 720, default 24.
    public var withinHours: Int?
    public var cursor: String?
    /// 1 to 100, default 50.
    public var limit: Int?

    public init(
        query: TaskQuery, status: TaskStatus? = nil, sprintId: String? = nil, tag: String? = nil, parentTaskId: String? = nil, withinHours: Int? = nil,
        cursor: String? = nil, limit: Int? = nil
    ) {
        self.query = query; self.status = status; self.sprintId = sprintId; self.tag = tag; self.parentTaskId = parentTaskId; self.withinHours = withinHours
        self.cursor = cursor; self.limit = limit
    }
}

/// Hours logged per sprint, milestone or person, as rows and CSV.
public struct GetTimeReportV1: WorkCommand, Equatable {
    public typealias Reply = TimeReportV1
    public static let messageType = MessageType("work.get-time-report", version: 1)
    public static let summary = "Hours logged per sprint, per milestone (of one sprint) or per person, from tasks the caller may see, optionally within [from, to)."
    public static let example = GetTimeReportV1(scope: .person, sprintId: "665f20009b1d4a0012ab0001")

    public var scope: TimeReportScope
    /// Only this sprint's tasks (required for `milestone`).
    public var sprintId: String?
    public var from: Date?
    public var to: Date?

    public init(scope: TimeReportScope, sprintId: String? = nil, from: Date? = nil, to: Date? = nil) {
        self.scope = scope; self.sprintId = sprintId; self.from = from; self.to = to
    }
}

// MARK: - Comments

/// Comments on a task (or replies to a comment).
public struct AddCommentV1: WorkCommand, Equatable {
    public typealias Reply = TaskCommentV1
    public static let messageType = MessageType("work.add-comment", version: 1)
    public static let summary = "A board member comments on a task or replies to a comment; mentioned people who may see the board are told (work.task-mentioned)."
    public static let example = AddCommentV1(taskId: exampleTaskId, content: "Can you check the date picker?", mentions: [exampleBoardUser])

    public var taskId: String
    /// 1 to 10,000 characters.
    public var content: String
    public var parentCommentId: String?
    /// User ids, at most 50.
    public var mentions: [String]?
    public var attachments: [CommentAttachmentV1]?

    public init(taskId: String, content: String, parentCommentId: String? = nil, mentions: [String]? = nil, attachments: [CommentAttachmentV1]? = nil) {
        self.taskId = taskId; self.content = content; self.parentCommentId = parentCommentId; self.mentions = mentions; self.attachments = attachments
    }
}

/// The author edits a comment.
public struct EditCommentV1: WorkCommand, Equatable {
    public typealias Reply = TaskCommentV1
    public static let messageType = MessageType("work.edit-comment", version: 1)
    public static let summary = "The author edits their comment (marked edited); people newly mentioned are told."
    public static let example = EditCommentV1(commentId: exampleCommentId, content: "Can you check the date picker on iOS?", mentions: [exampleBoardUser])

    public var commentId: String
    public var content: String
    /// The new mentions (absent: unchanged).
    public var mentions: [String]?

    public init(commentId: String, content: String, mentions: [String]? = nil) { self.commentId = commentId; self.content = content; self.mentions = mentions }
}

/// The author or a board admin deletes a comment (softly: it keeps its place in the thread).
public struct DeleteCommentV1: WorkCommand, Equatable {
    public typealias Reply = TaskCommentV1
    public static let messageType = MessageType("work.delete-comment", version: 1)
    public static let summary = "The author or a board admin deletes a comment: its content goes, its place in the thread stays (isDeleted)."
    public static let example = DeleteCommentV1(commentId: exampleCommentId)

    public var commentId: String

    public init(commentId: String) { self.commentId = commentId }
}

/// A page of a task's comments.
public struct ListCommentsV1: WorkCommand, Equatable {
    public typealias Reply = TaskCommentPageV1
    public static let messageType = MessageType("work.list-comments", version: 1)
    public static let summary = "A task's comments, people's and system ones, newest first."
    public static let example = ListCommentsV1(taskId: exampleTaskId, cursor: nil, limit: 50)

    public var taskId: String
    public var cursor: String?
    /// 1 to 100, default 50.
    public var limit: Int?

    public init(taskId: String, cursor: String? = nil, limit: Int? = nil) { self.taskId = taskId; self.cursor = cursor; self.limit = limit }
}

// MARK: - Tags

/// Creates a tag with a unique name.
public struct CreateTagV1: WorkCommand, Equatable {
    public typealias Reply = TagV1
    public static let messageType = MessageType("work.create-tag", version: 1)
    public static let summary = "Creates a tag with a unique name (case-insensitive): global (admins) or for boards the caller administers."
    public static let example = CreateTagV1(name: "frontend", description: "User interface work", color: "#2196F3", category: .type, isGlobal: false, boardIds: [exampleBoardId])

    /// 1 to 50 characters, unique.
    public var name: String
    public var description: String?
    /// `#RRGGBB`.
    public var color: String
    public var category: TagCategory
    public var isGlobal: Bool
    public var isDefault: Bool?
    /// The boards it is available on (not global): 1 to 50 the caller administers.
    public var boardIds: [String]?

    public init(name: String, description: String? = nil, color: String, category: TagCategory, isGlobal: Bool, isDefault: Bool? = nil, boardIds: [String]? = nil) {
        self.name = name; self.description = description; self.color = color; self.category = category; self.isGlobal = isGlobal; self.isDefault = isDefault
        self.boardIds = boardIds
    }
}

/// Changes a tag (its creator or an admin).
public struct UpdateTagV1: WorkCommand, Equatable {
    public typealias Reply = TagV1
    public static let messageType = MessageType("work.update-tag", version: 1)
    public static let summary = "Its creator or an admin renames (still unique), recolours, recategorises or (de)activates a tag; tasks carrying it follow."
    public static let example = UpdateTagV1(tagId: exampleTagId, color: "#3F51B5")

    public var tagId: String
    public var name: String?
    public var description: String?
    public var color: String?
    public var category: TagCategory?
    public var isDefault: Bool?
    public var isActive: Bool?

    public init(tagId: String, name: String? = nil, description: String? = nil, color: String? = nil, category: TagCategory? = nil, isDefault: Bool? = nil, isActive: Bool? = nil) {
        self.tagId = tagId; self.name = name; self.description = description; self.color = color; self.category = category; self.isDefault = isDefault
        self.isActive = isActive
    }
}

/// Tags the caller may use.
public struct ListTagsV1: WorkCommand, Equatable {
    public typealias Reply = TagListV1
    public static let messageType = MessageType("work.list-tags", version: 1)
    public static let summary = "Active tags: global ones and those of a board the caller may see (`boardId`), optionally of one category, by name."
    public static let example = ListTagsV1(boardId: exampleBoardId, category: .type)

    public var boardId: String?
    public var category: TagCategory?

    public init(boardId: String? = nil, category: TagCategory? = nil) { self.boardId = boardId; self.category = category }
}

/// One tag.
public struct GetTagV1: WorkCommand, Equatable {
    public typealias Reply = TagV1
    public static let messageType = MessageType("work.get-tag", version: 1)
    public static let summary = "A tag, with its usage count."
    public static let example = GetTagV1(tagId: exampleTagId)

    public var tagId: String

    public init(tagId: String) { self.tagId = tagId }
}

// MARK: - Teams

/// An admin creates a team.
public struct CreateWorkTeamV1: WorkCommand, Equatable {
    public typealias Reply = WorkTeamV1
    public static let messageType = MessageType("work.create-team", version: 1)
    public static let summary = "An admin creates a team with a lead (who becomes a member with role lead) and settings."
    public static let example = CreateWorkTeamV1(name: "Mobile", description: "Apps", department: "Engineering", teamLeadId: exampleBoardOwner, settings: .standard)

    /// 1 to 100 characters.
    public var name: String
    public var description: String?
    public var department: String?
    public var teamLeadId: String?
    public var settings: WorkTeamSettingsV1?

    public init(name: String, description: String? = nil, department: String? = nil, teamLeadId: String? = nil, settings: WorkTeamSettingsV1? = nil) {
        self.name = name; self.description = description; self.department = department; self.teamLeadId = teamLeadId; self.settings = settings
    }
}

/// An admin or the team's lead changes the team.
public struct UpdateWorkTeamV1: WorkCommand, Equatable {
    public typealias Reply = WorkTeamV1
    public static let messageType = MessageType("work.update-team", version: 1)
    public static let summary = "An admin or the team's lead changes its name, description, department, lead, settings or active flag."
    public static let example = UpdateWorkTeamV1(teamId: exampleWorkTeamId, settings: .standard)

    public var teamId: String
    public var name: String?
    public var description: String?
    public var department: String?
    public var teamLeadId: String?
    public var settings: WorkTeamSettingsV1?
    public var isActive: Bool?

    public init(
        teamId: String, name: String? = nil, description: String? = nil, department: String? = nil, teamLeadId: String? = nil,
        settings: WorkTeamSettingsV1? = nil, isActive: Bool? = nil
    ) {
        self.teamId = teamId; self.name = name; self.description = description; self.department = department; self.teamLeadId = teamLeadId
        self.settings = settings; self.isActive = isActive
    }
}

/// Puts someone in a team with a role, changes it, or (de)activates them.
public struct SetWorkTeamMemberV1: WorkCommand, Equatable {
    public typealias Reply = WorkTeamV1
    public static let messageType = MessageType("work.set-team-member", version: 1)
    public static let summary = "An admin or the team's lead (or admin member) puts someone in the team with a role, or changes role or active flag."
    public static let example = SetWorkTeamMemberV1(teamId: exampleWorkTeamId, userId: exampleBoardUser, role: .member, isActive: true)

    public var teamId: String
    public var userId: String
    public var role: WorkTeamRole
    public var isActive: Bool

    public init(teamId: String, userId: String, role: WorkTeamRole, isActive: Bool) { self.teamId = teamId; self.userId = userId; self.role = role; self.isActive = isActive }
}

/// One team with its derived metrics.
public struct GetWorkTeamV1: WorkCommand, Equatable {
    public typealias Reply = WorkTeamV1
    public static let messageType = MessageType("work.get-team", version: 1)
    public static let summary = "A team the caller is in (any for an admin), with metrics derived from its boards' tasks."
    public static let example = GetWorkTeamV1(teamId: exampleWorkTeamId)

    public var teamId: String

    public init(teamId: String) { self.teamId = teamId }
}

/// The caller's teams.
public struct ListWorkTeamsV1: WorkCommand, Equatable {
    public typealias Reply = WorkTeamListV1
    public static let messageType = MessageType("work.list-teams", version: 1)
    public static let summary = "The teams the caller is an active member of (every team for an admin), optionally of one department, by name."
    public static let example = ListWorkTeamsV1(department: "Engineering")

    public var department: String?

    public init(department: String? = nil) { self.department = department }
}

// MARK: - Task templates

/// Creates a task template.
public struct CreateTaskTemplateV1: WorkCommand, Equatable {
    public typealias Reply = TaskTemplateV1
    public static let messageType = MessageType("work.create-task-template", version: 1)
    public static let summary = "Creates a task template: private to its creator, public, for a team the caller is in, or global (admins)."
    public static let example = CreateTaskTemplateV1(name: "Bug report", description: "A reproducible bug", category: .testing, template: .example, isGlobal: false, isPublic: true)

    /// 1 to 100 characters.
    public var name: String
    public var description: String?
    public var category: TaskTemplateCategory
    public var template: TaskTemplateBodyV1
    public var isGlobal: Bool
    public var isPublic: Bool
    public var teamId: String?

    public init(name: String, description: String? = nil, category: TaskTemplateCategory, template: TaskTemplateBodyV1, isGlobal: Bool, isPublic: Bool, teamId: String? = nil) {
        self.name = name; self.description = description; self.category = category; self.template = template; self.isGlobal = isGlobal; self.isPublic = isPublic
        self.teamId = teamId
    }
}

/// Its creator (or an admin) changes a task template.
public struct UpdateTaskTemplateV1: WorkCommand, Equatable {
    public typealias Reply = TaskTemplateV1
    public static let messageType = MessageType("work.update-task-template", version: 1)
    public static let summary = "Its creator or an admin changes a task template's name, description, body, sharing or active flag."
    public static let example = UpdateTaskTemplateV1(templateId: exampleTaskTemplateId, isActive: false)

    public var templateId: String
    public var name: String?
    public var description: String?
    public var template: TaskTemplateBodyV1?
    public var isPublic: Bool?
    public var isActive: Bool?

    public init(templateId: String, name: String? = nil, description: String? = nil, template: TaskTemplateBodyV1? = nil, isPublic: Bool? = nil, isActive: Bool? = nil) {
        self.templateId = templateId; self.name = name; self.description = description; self.template = template; self.isPublic = isPublic; self.isActive = isActive
    }
}

/// The task templates the caller may use.
public struct ListTaskTemplatesV1: WorkCommand, Equatable {
    public typealias Reply = TaskTemplateListV1
    public static let messageType = MessageType("work.list-task-templates", version: 1)
    public static let summary = "Active task templates the caller may use (own, global, public, their teams'), optionally of one category, most used first."
    public static let example = ListTaskTemplatesV1(category: .testing)

    public var category: TaskTemplateCategory?

    public init(category: TaskTemplateCategory? = nil) { self.category = category }
}

/// What the person using a template fills in.
public struct TemplateFieldsV1: Codable, Sendable, Equatable {
    public var title: String?
    public var description: String?
    public var assigneeId: String?
    public var dueDate: Date?
    public var estimatedHours: Decimal?
    public var sprintId: String?
    public var priority: TaskPriority?

    public init(
        title: String? = nil, description: String? = nil, assigneeId: String? = nil, dueDate: Date? = nil, estimatedHours: Decimal? = nil,
        sprintId: String? = nil, priority: TaskPriority? = nil
    ) {
        self.title = title; self.description = description; self.assigneeId = assigneeId; self.dueDate = dueDate; self.estimatedHours = estimatedHours
        self.sprintId = sprintId; self.priority = priority
    }
}

/// Creates a task from a template.
public struct CreateTaskFromTemplateV1: WorkCommand, Equatable {
    public typealias Reply = TaskV1
    public static let messageType = MessageType("work.create-task-from-template", version: 1)
    public static let summary = "Creates a task from a template the caller may use: its required fields must be given, its checklist and tags are copied, its usage count and lastUsed follow."
    public static let example = CreateTaskFromTemplateV1(
        templateId: exampleTaskTemplateId, boardId: exampleBoardId, columnId: nil,
        fields: TemplateFieldsV1(title: "Bug: date picker", description: "Tap the date twice", dueDate: exampleBoardDate))

    public var templateId: String
    public var boardId: String
    public var columnId: String?
    public var fields: TemplateFieldsV1

    public init(templateId: String, boardId: String, columnId: String? = nil, fields: TemplateFieldsV1) {
        self.templateId = templateId; self.boardId = boardId; self.columnId = columnId; self.fields = fields
    }
}
