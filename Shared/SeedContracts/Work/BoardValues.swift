import Foundation

// Values of the work service, part 2 (seed 000): kanban boards, tasks, task comments, tags, teams
// and task templates.

let exampleBoardId = "665f40009b1d4a0012ab0001"
let exampleColumnId = "665f40009b1d4a0012ab0011"
let exampleDoneColumnId = "665f40009b1d4a0012ab0014"
let exampleTaskId = "665f41009b1d4a0012ab0001"
let exampleCommentId = "665f42009b1d4a0012ab0001"
let exampleTagId = "665f43009b1d4a0012ab0001"
let exampleWorkTeamId = "665f44009b1d4a0012ab0001"
let exampleTaskTemplateId = "665f45009b1d4a0012ab0001"
let exampleBoardUser = "665f1a0b9b1d4a0012ab9999"
let exampleBoardOwner = "665f1a0b9b1d4a0012ab0042"
let exampleBoardDate = Date(timeIntervalSince1970: 1_767_225_600)

// MARK: - Enumerations

/// What a board is for (seed 000 `boardType`).
public enum BoardType: String, Codable, Sendable, CaseIterable {
    case sprint, team, project, personal
}

/// What a column means (seed 000 `columnType`): moving a task into it sets the task's status,
/// except for `custom`, which keeps the status the task had.
public enum ColumnType: String, Codable, Sendable, CaseIterable {
    case todo, inProgress = "in_progress", review, done, custom
}

/// A board member's role: viewers read, members also create and move tasks, admins also change
/// the board, its columns and its members. The owner is an admin.
public enum BoardRole: String, Codable, Sendable, CaseIterable {
    case viewer, member, admin
}

/// Who sees a board besides its members: nobody (`private`), the active members of its team
/// (`team`, as viewers), every signed-in user (`public`, as viewers).
public enum BoardVisibility: String, Codable, Sendable, CaseIterable {
    case `private`, team, `public`
}

/// A task's kind (seed 000 `taskType`).
public enum TaskType: String, Codable, Sendable, CaseIterable {
    case development, design, research, testing, bug, feature
}

/// A task's priority (seed 000 `priority`).
public enum TaskPriority: String, Codable, Sendable, CaseIterable {
    case low, medium, high, critical
}

/// A task's status (seed 000 `status`); set by the column it is in, `archived` by archiving it.
public enum TaskStatus: String, Codable, Sendable, CaseIterable {
    case todo, inProgress = "in_progress", review, done, archived
}

/// What wrote a comment (seed 000 `commentType`): a person (`comment`) or work itself.
public enum CommentType: String, Codable, Sendable, CaseIterable {
    case comment, statusChange = "status_change", assignmentChange = "assignment_change", system
}

/// What a system comment records (seed 000 `systemActivity.activityType`).
public enum ActivityType: String, Codable, Sendable, CaseIterable {
    case statusChange = "status_change", assignment, dueDate = "due_date", priority
}

/// A tag's category (seed 000 `category`).
public enum TagCategory: String, Codable, Sendable, CaseIterable {
    case priority, type, department, custom
}

/// A role in a work team (seed 000 `teams.members.role`).
public enum WorkTeamRole: String, Codable, Sendable, CaseIterable {
    case member, lead, admin
}

/// A task template's category (seed 000 `task_templates.category`).
public enum TaskTemplateCategory: String, Codable, Sendable, CaseIterable {
    case development, design, research, testing
}

/// Which of the time rollups to export.
public enum TimeReportScope: String, Codable, Sendable, CaseIterable {
    case sprint, milestone, person
}

// MARK: - Boards

/// A column as given when a board is created or its columns are replaced. An `id` keeps an
/// existing column (and its tasks); no id makes a new column.
public struct BoardColumnInputV1: Codable, Sendable, Equatable {
    public var id: String?
    /// 1 to 50 characters, unique on the board.
    public var name: String
    /// At most 500 characters.
    public var description: String?
    /// `#RRGGBB`.
    public var color: String
    /// 1 to 1,000 tasks; none means unlimited.
    public var wipLimit: Int?
    /// Where new tasks go when no column is named (at most one; the first column otherwise).
    public var isDefault: Bool?
    public var columnType: ColumnType

    public init(id: String? = nil, name: String, description: String? = nil, color: String, wipLimit: Int? = nil, isDefault: Bool? = nil, columnType: ColumnType) {
        self.id = id; self.name = name; self.description = description; self.color = color; self.wipLimit = wipLimit; self.isDefault = isDefault
        self.columnType = columnType
    }
}

/// A board's column, in order (`position` 0, 1, …).
public struct BoardColumnV1: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String?
    public var color: String
    public var position: Int
    public var wipLimit: Int?
    public var isDefault: Bool
    public var columnType: ColumnType

    public init(id: String, name: String, description: String?, color: String, position: Int, wipLimit: Int?, isDefault: Bool, columnType: ColumnType) {
        self.id = id; self.name = name; self.description = description; self.color = color; self.position = position; self.wipLimit = wipLimit
        self.isDefault = isDefault; self.columnType = columnType
    }

    static let example = BoardColumnV1(
        id: exampleColumnId, name: "To do", description: nil, color: "#9E9E9E", position: 0, wipLimit: nil, isDefault: true, columnType: .todo)
}

/// Someone on a board with a role.
public struct BoardMemberV1: Codable, Sendable, Equatable {
    public var userId: String
    public var role: BoardRole
    public var joinedAt: Date

    public init(userId: String, role: BoardRole, joinedAt: Date) { self.userId = userId; self.role = role; self.joinedAt = joinedAt }
}

/// A board's settings (seed 000 `settings`).
public struct BoardSettingsV1: Codable, Sendable, Equatable {
    /// Members (not only admins) may add viewers and members.
    public var allowMemberAdd: Bool
    /// Members may create tasks (admins always may).
    public var allowTaskCreation: Bool
    /// The auto-archive sweep archives tasks done for `autoArchiveDays` days.
    public var autoArchiveCompleted: Bool
    /// 1 to 365 days.
    public var autoArchiveDays: Int
    /// Time may be logged on the board's tasks.
    public var enableTimeTracking: Bool
    /// Tasks may have due dates.
    public var enableDueDates: Bool

    public init(allowMemberAdd: Bool, allowTaskCreation: Bool, autoArchiveCompleted: Bool, autoArchiveDays: Int, enableTimeTracking: Bool, enableDueDates: Bool) {
        self.allowMemberAdd = allowMemberAdd; self.allowTaskCreation = allowTaskCreation; self.autoArchiveCompleted = autoArchiveCompleted
        self.autoArchiveDays = autoArchiveDays; self.enableTimeTracking = enableTimeTracking; self.enableDueDates = enableDueDates
    }

    /// What a board starts with when none are given.
    public static let standard = BoardSettingsV1(
        allowMemberAdd: false, allowTaskCreation: true, autoArchiveCompleted: false, autoArchiveDays: 30, enableTimeTracking: true, enableDueDates: true)
}

/// A board: its ordered columns, members, visibility and settings.
public struct BoardV1: Message, Equatable {
    public static let messageType = MessageType("work.board", version: 1)
    public static let summary = "A kanban board: type, ordered columns (colour, type, WIP limit), owner, members with roles, visibility, settings."
    public static let example = BoardV1(
        id: exampleBoardId, name: "Fernway MVP", description: "The MVP sprint's board", boardType: .sprint,
        columns: [.example, BoardColumnV1(id: exampleDoneColumnId, name: "Done", description: nil, color: "#4CAF50", position: 1, wipLimit: nil, isDefault: false, columnType: .done)],
        ownerId: exampleBoardOwner, members: [BoardMemberV1(userId: exampleBoardUser, role: .member, joinedAt: exampleBoardDate)], visibility: .team,
        sprintId: "665f20009b1d4a0012ab0001", teamId: exampleWorkTeamId, settings: .standard, isTemplate: false, templateCategory: nil,
        isArchived: false, archivedAt: nil, createdAt: exampleBoardDate, updatedAt: exampleBoardDate)

    public var id: String
    public var name: String
    public var description: String?
    public var boardType: BoardType
    public var columns: [BoardColumnV1]
    public var ownerId: String
    public var members: [BoardMemberV1]
    public var visibility: BoardVisibility
    public var sprintId: String?
    public var teamId: String?
    public var settings: BoardSettingsV1
    /// A board template: others copy its columns and settings into new boards.
    public var isTemplate: Bool
    public var templateCategory: String?
    public var isArchived: Bool
    public var archivedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, name: String, description: String?, boardType: BoardType, columns: [BoardColumnV1], ownerId: String, members: [BoardMemberV1],
        visibility: BoardVisibility, sprintId: String?, teamId: String?, settings: BoardSettingsV1, isTemplate: Bool, templateCategory: String?,
        isArchived: Bool, archivedAt: Date?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id; self.name = name; self.description = description; self.boardType = boardType; self.columns = columns; self.ownerId = ownerId
        self.members = members; self.visibility = visibility; self.sprintId = sprintId; self.teamId = teamId; self.settings = settings
        self.isTemplate = isTemplate; self.templateCategory = templateCategory; self.isArchived = isArchived; self.archivedAt = archivedAt
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A page of boards.
public struct BoardPageV1: Message, Equatable {
    public static let messageType = MessageType("work.board-page", version: 1)
    public static let summary = "A page of the boards the caller may see, newest first."
    public static let example = BoardPageV1(boards: [.example], nextCursor: nil)

    public var boards: [BoardV1]
    public var nextCursor: String?

    public init(boards: [BoardV1], nextCursor: String?) { self.boards = boards; self.nextCursor = nextCursor }
}

/// One column of a board read with its tasks, in position order.
public struct BoardColumnTasksV1: Codable, Sendable, Equatable {
    public var column: BoardColumnV1
    public var tasks: [TaskSummaryV1]

    public init(column: BoardColumnV1, tasks: [TaskSummaryV1]) { self.column = column; self.tasks = tasks }
}

/// A board with its columns and each column's (unarchived) tasks in order: what a kanban view draws.
public struct BoardViewV1: Message, Equatable {
    public static let messageType = MessageType("work.board-view", version: 1)
    public static let summary = "A board with each column's tasks in position order (archived tasks left out unless asked for) and the caller's role."
    public static let example = BoardViewV1(board: .example, role: .member, columns: [BoardColumnTasksV1(column: .example, tasks: [.example])])

    public var board: BoardV1
    /// The caller's role on the board (visibility grants `viewer`).
    public var role: BoardRole
    public var columns: [BoardColumnTasksV1]

    public init(board: BoardV1, role: BoardRole, columns: [BoardColumnTasksV1]) { self.board = board; self.role = role; self.columns = columns }
}

// MARK: - Tasks

/// A tag as a task carries it (a copy of the tag's name, colour and category).
public struct TaskTagV1: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var color: String
    public var category: TagCategory

    public init(id: String, name: String, color: String, category: TagCategory) { self.id = id; self.name = name; self.color = color; self.category = category }
}

/// A checklist item and who completed it.
public struct ChecklistItemV1: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    public var isCompleted: Bool
    public var completedBy: String?
    public var completedAt: Date?

    public init(id: String, text: String, isCompleted: Bool, completedBy: String?, completedAt: Date?) {
        self.id = id; self.text = text; self.isCompleted = isCompleted; self.completedBy = completedBy; self.completedAt = completedAt
    }
}

/// A task's progress: the checklist and the share of it completed (derived, never typed in).
public struct TaskProgressV1: Codable, Sendable, Equatable {
    /// 0 to 100: completed items × 100 / items (rounded down); 100 for a done task without items.
    public var percentage: Int
    public var checklistItems: [ChecklistItemV1]

    public init(percentage: Int, checklistItems: [ChecklistItemV1]) { self.percentage = percentage; self.checklistItems = checklistItems }
}

/// Time someone logged on a task.
public struct WorklogEntryV1: Codable, Sendable, Equatable {
    public var id: String
    public var userId: String
    /// Hours, more than 0 and at most 24, in steps of 0.01.
    public var hours: Decimal
    /// The day the work was done.
    public var workedAt: Date
    public var note: String?
    public var loggedAt: Date

    public init(id: String, userId: String, hours: Decimal, workedAt: Date, note: String?, loggedAt: Date) {
        self.id = id; self.userId = userId; self.hours = hours; self.workedAt = workedAt; self.note = note; self.loggedAt = loggedAt
    }
}

/// A document (documents service) attached to a task, by reference.
public struct TaskAttachmentV1: Codable, Sendable, Equatable {
    public var documentId: String
    public var fileName: String
    /// The document's address through the gateway.
    public var fileUrl: String
    public var fileSize: Int?
    public var mimeType: String?
    public var uploadedBy: String
    public var uploadedAt: Date

    public init(documentId: String, fileName: String, fileUrl: String, fileSize: Int?, mimeType: String?, uploadedBy: String, uploadedAt: Date) {
        self.documentId = documentId; self.fileName = fileName; self.fileUrl = fileUrl; self.fileSize = fileSize; self.mimeType = mimeType
        self.uploadedBy = uploadedBy; self.uploadedAt = uploadedAt
    }
}

/// A link to something outside (an issue, a design, a pull request).
public struct ExternalLinkV1: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var url: String
    public var description: String?
    public var addedBy: String
    public var addedAt: Date

    public init(id: String, title: String, url: String, description: String?, addedBy: String, addedAt: Date) {
        self.id = id; self.title = title; self.url = url; self.description = description; self.addedBy = addedBy; self.addedAt = addedAt
    }
}

/// A task in full.
public struct TaskV1: Message, Equatable {
    public static let messageType = MessageType("work.task", version: 1)
    public static let summary = "A task: kind, priority, status, people, board column and position, dates, tags, hierarchy, dependencies, checklist, time, attachments, links."
    public static let example = TaskV1(
        id: exampleTaskId, title: "Booking form", description: "Date, route and passengers", taskType: .development, priority: .high,
        status: .todo, assigneeId: exampleBoardUser, createdBy: exampleBoardOwner, reporterId: exampleBoardOwner,
        sprintId: "665f20009b1d4a0012ab0001", milestoneId: nil, boardId: exampleBoardId, columnId: exampleColumnId, position: 0,
        dueDate: exampleBoardDate, estimatedHours: 8, loggedHours: Decimal(string: "1.5")!, startDate: nil, completedDate: nil,
        tags: [TaskTagV1(id: exampleTagId, name: "frontend", color: "#2196F3", category: .type)], parentTaskId: nil, subtasks: [], dependencies: [],
        progress: TaskProgressV1(percentage: 0, checklistItems: [ChecklistItemV1(id: "665f41009b1d4a0012ab0101", text: "Validation", isCompleted: false, completedBy: nil, completedAt: nil)]),
        worklog: [WorklogEntryV1(id: "665f41009b1d4a0012ab0201", userId: exampleBoardUser, hours: Decimal(string: "1.5")!, workedAt: exampleBoardDate, note: "Layout", loggedAt: exampleBoardDate)],
        attachments: [], externalLinks: [], isArchived: false, archivedAt: nil, archivedBy: nil, createdAt: exampleBoardDate, updatedAt: exampleBoardDate)

    public var id: String
    public var title: String
    public var description: String?
    public var taskType: TaskType
    public var priority: TaskPriority
    public var status: TaskStatus
    public var assigneeId: String?
    public var createdBy: String
    public var reporterId: String
    public var sprintId: String?
    /// A milestone of the task's sprint (for the time rollup per milestone).
    public var milestoneId: String?
    public var boardId: String
    public var columnId: String
    /// 0-based, dense and unique within the column.
    public var position: Int
    public var dueDate: Date?
    public var estimatedHours: Decimal?
    /// The sum of the worklog's hours.
    public var loggedHours: Decimal
    public var startDate: Date?
    public var completedDate: Date?
    public var tags: [TaskTagV1]
    public var parentTaskId: String?
    public var subtasks: [String]
    /// Tasks that must be done before this one can be.
    public var dependencies: [String]
    public var progress: TaskProgressV1
    public var worklog: [WorklogEntryV1]
    public var attachments: [TaskAttachmentV1]
    public var externalLinks: [ExternalLinkV1]
    public var isArchived: Bool
    public var archivedAt: Date?
    public var archivedBy: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, title: String, description: String?, taskType: TaskType, priority: TaskPriority, status: TaskStatus, assigneeId: String?,
        createdBy: String, reporterId: String, sprintId: String?, milestoneId: String?, boardId: String, columnId: String, position: Int,
        dueDate: Date?, estimatedHours: Decimal?, loggedHours: Decimal, startDate: Date?, completedDate: Date?, tags: [TaskTagV1],
        parentTaskId: String?, subtasks: [String], dependencies: [String], progress: TaskProgressV1, worklog: [WorklogEntryV1],
        attachments: [TaskAttachmentV1], externalLinks: [ExternalLinkV1], isArchived: Bool, archivedAt: Date?, archivedBy: String?,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id; self.title = title; self.description = description; self.taskType = taskType; self.priority = priority; self.status = status
        self.assigneeId = assigneeId; self.createdBy = createdBy; self.reporterId = reporterId; self.sprintId = sprintId; self.milestoneId = milestoneId
        self.boardId = boardId; self.columnId = columnId; self.position = position; self.dueDate = dueDate; self.estimatedHours = estimatedHours
        self.loggedHours = loggedHours; self.startDate = startDate; self.completedDate = completedDate; self.tags = tags; self.parentTaskId = parentTaskId
        self.subtasks = subtasks; self.dependencies = dependencies; self.progress = progress; self.worklog = worklog; self.attachments = attachments
        self.externalLinks = externalLinks; self.isArchived = isArchived; self.archivedAt = archivedAt; self.archivedBy = archivedBy
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A task on a card or in a list: what a board or list shows.
public struct TaskSummaryV1: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var taskType: TaskType
    public var priority: TaskPriority
    public var status: TaskStatus
    public var assigneeId: String?
    public var boardId: String
    public var columnId: String
    public var position: Int
    public var sprintId: String?
    public var parentTaskId: String?
    public var dueDate: Date?
    public var tags: [String]
    public var progress: Int
    public var isArchived: Bool
    public var updatedAt: Date

    public init(
        id: String, title: String, taskType: TaskType, priority: TaskPriority, status: TaskStatus, assigneeId: String?, boardId: String, columnId: String,
        position: Int, sprintId: String?, parentTaskId: String?, dueDate: Date?, tags: [String], progress: Int, isArchived: Bool, updatedAt: Date
    ) {
        self.id = id; self.title = title; self.taskType = taskType; self.priority = priority; self.status = status; self.assigneeId = assigneeId
        self.boardId = boardId; self.columnId = columnId; self.position = position; self.sprintId = sprintId; self.parentTaskId = parentTaskId
        self.dueDate = dueDate; self.tags = tags; self.progress = progress; self.isArchived = isArchived; self.updatedAt = updatedAt
    }

    /// An example card.
    public static let example = TaskSummaryV1(
        id: exampleTaskId, title: "Booking form", taskType: .development, priority: .high, status: .todo, assigneeId: exampleBoardUser,
        boardId: exampleBoardId, columnId: exampleColumnId, position: 0, sprintId: "665f20009b1d4a0012ab0001", parentTaskId: nil,
        dueDate: exampleBoardDate, tags: ["frontend"], progress: 0, isArchived: false, updatedAt: exampleBoardDate)
}

/// A page of tasks.
public struct TaskPageV1: Message, Equatable {
    public static let messageType = MessageType("work.task-page", version: 1)
    public static let summary = "A page of tasks the caller may see, in the order the query names."
    public static let example = TaskPageV1(tasks: [.example], nextCursor: nil)

    public var tasks: [TaskSummaryV1]
    public var nextCursor: String?

    public init(tasks: [TaskSummaryV1], nextCursor: String?) { self.tasks = tasks; self.nextCursor = nextCursor }
}

/// Time logged, summed per key (a sprint, a milestone or a person), with the same rows as CSV.
public struct TimeReportV1: Message, Equatable {
    public static let messageType = MessageType("work.time-report", version: 1)
    public static let summary = "Hours logged per sprint, milestone or person (rows and the same as CSV: key,hours,entries)."
    public static let example = TimeReportV1(
        scope: .person, rows: [TimeReportRowV1(key: exampleBoardUser, hours: Decimal(string: "1.5")!, entries: 1)],
        csv: "person,hours,entries\r\n\(exampleBoardUser),1.5,1\r\n")

    public var scope: TimeReportScope
    public var rows: [TimeReportRowV1]
    /// RFC 4180 CSV with a header row.
    public var csv: String

    public init(scope: TimeReportScope, rows: [TimeReportRowV1], csv: String) { self.scope = scope; self.rows = rows; self.csv = csv }
}

/// One line of a time report.
public struct TimeReportRowV1: Codable, Sendable, Equatable {
    /// The sprint, milestone or user id.
    public var key: String
    public var hours: Decimal
    public var entries: Int

    public init(key: String, hours: Decimal, entries: Int) { self.key = key; self.hours = hours; self.entries = entries }
}

// MARK: - Comments

/// A comment attachment: a document referenced by id.
public struct CommentAttachmentV1: Codable, Sendable, Equatable {
    public var documentId: String
    public var fileName: String
    public var fileSize: Int?
    public var mimeType: String?

    public init(documentId: String, fileName: String, fileSize: Int?, mimeType: String?) {
        self.documentId = documentId; self.fileName = fileName; self.fileSize = fileSize; self.mimeType = mimeType
    }
}

/// What a system comment records: a tracked field's change and who made it.
public struct SystemActivityV1: Codable, Sendable, Equatable {
    public var activityType: ActivityType
    public var oldValue: String?
    public var newValue: String?
    public var changedBy: String

    public init(activityType: ActivityType, oldValue: String?, newValue: String?, changedBy: String) {
        self.activityType = activityType; self.oldValue = oldValue; self.newValue = newValue; self.changedBy = changedBy
    }
}

/// A comment on a task: a person's, or one work wrote when a tracked field changed.
public struct TaskCommentV1: Message, Equatable {
    public static let messageType = MessageType("work.task-comment", version: 1)
    public static let summary = "A task comment (threaded, with mentions), or a system comment recording a change; deleted ones keep their place without content."
    public static let example = TaskCommentV1(
        id: exampleCommentId, taskId: exampleTaskId, content: "Can you check the date picker?", commentType: .comment, authorId: exampleBoardOwner,
        parentCommentId: nil, mentions: [exampleBoardUser], attachments: [], systemActivity: nil, isEdited: false, editedAt: nil,
        isDeleted: false, deletedAt: nil, createdAt: exampleBoardDate, updatedAt: exampleBoardDate)

    public var id: String
    public var taskId: String
    /// Empty once deleted.
    public var content: String
    public var commentType: CommentType
    public var authorId: String
    public var parentCommentId: String?
    public var mentions: [String]
    public var attachments: [CommentAttachmentV1]
    public var systemActivity: SystemActivityV1?
    public var isEdited: Bool
    public var editedAt: Date?
    public var isDeleted: Bool
    public var deletedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, taskId: String, content: String, commentType: CommentType, authorId: String, parentCommentId: String?, mentions: [String],
        attachments: [CommentAttachmentV1], systemActivity: SystemActivityV1?, isEdited: Bool, editedAt: Date?, isDeleted: Bool, deletedAt: Date?,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id; self.taskId = taskId; self.content = content; self.commentType = commentType; self.authorId = authorId
        self.parentCommentId = parentCommentId; self.mentions = mentions; self.attachments = attachments; self.systemActivity = systemActivity
        self.isEdited = isEdited; self.editedAt = editedAt; self.isDeleted = isDeleted; self.deletedAt = deletedAt; self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A page of a task's comments.
public struct TaskCommentPageV1: Message, Equatable {
    public static let messageType = MessageType("work.task-comment-page", version: 1)
    public static let summary = "A page of a task's comments (people's and system ones), newest first."
    public static let example = TaskCommentPageV1(comments: [.example], nextCursor: nil)

    public var comments: [TaskCommentV1]
    public var nextCursor: String?

    public init(comments: [TaskCommentV1], nextCursor: String?) { self.comments = comments; self.nextCursor = nextCursor }
}

// MARK: - Tags

/// A tag (seed 000 `tags`): a unique name, colour and category, global or for some boards, with an
/// exact count of the tasks that carry it.
public struct TagV1: Message, Equatable {
    public static let messageType = MessageType("work.tag", version: 1)
    public static let summary = "A tag: unique name, colour, category, global or on some boards, and how many tasks carry it."
    public static let example = TagV1(
        id: exampleTagId, name: "frontend", description: "User interface work", color: "#2196F3", category: .type, isGlobal: false,
        isDefault: false, usageCount: 1, lastUsed: exampleBoardDate, createdBy: exampleBoardOwner, boardIds: [exampleBoardId], isActive: true,
        createdAt: exampleBoardDate, updatedAt: exampleBoardDate)

    public var id: String
    public var name: String
    public var description: String?
    public var color: String
    public var category: TagCategory
    public var isGlobal: Bool
    /// New tasks on its boards get it.
    public var isDefault: Bool
    /// How many tasks carry it now.
    public var usageCount: Int
    public var lastUsed: Date?
    public var createdBy: String
    public var boardIds: [String]
    public var isActive: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, name: String, description: String?, color: String, category: TagCategory, isGlobal: Bool, isDefault: Bool, usageCount: Int,
        lastUsed: Date?, createdBy: String, boardIds: [String], isActive: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.id = id; self.name = name; self.description = description; self.color = color; self.category = category; self.isGlobal = isGlobal
        self.isDefault = isDefault; self.usageCount = usageCount; self.lastUsed = lastUsed; self.createdBy = createdBy; self.boardIds = boardIds
        self.isActive = isActive; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// Tags, by name.
public struct TagListV1: Message, Equatable {
    public static let messageType = MessageType("work.tag-list", version: 1)
    public static let summary = "Tags by name."
    public static let example = TagListV1(tags: [.example])

    public var tags: [TagV1]

    public init(tags: [TagV1]) { self.tags = tags }
}

// MARK: - Teams

/// Someone in a work team.
public struct WorkTeamMemberV1: Codable, Sendable, Equatable {
    public var userId: String
    public var role: WorkTeamRole
    public var joinedAt: Date
    public var isActive: Bool

    public init(userId: String, role: WorkTeamRole, joinedAt: Date, isActive: Bool) {
        self.userId = userId; self.role = role; self.joinedAt = joinedAt; self.isActive = isActive
    }
}

/// A team's working hours: `HH:mm` to `HH:mm` in an IANA time zone.
public struct WorkingHoursV1: Codable, Sendable, Equatable {
    public var start: String
    public var end: String
    public var timezone: String

    public init(start: String, end: String, timezone: String) { self.start = start; self.end = end; self.timezone = timezone }
}

/// A team's settings (seed 000 `teams.settings`).
public struct WorkTeamSettingsV1: Codable, Sendable, Equatable {
    public var allowMemberInvite: Bool
    /// `team` or `private` (a team's boards start with it).
    public var defaultBoardVisibility: BoardVisibility
    public var enableTimeTracking: Bool
    public var workingHours: WorkingHoursV1

    public init(allowMemberInvite: Bool, defaultBoardVisibility: BoardVisibility, enableTimeTracking: Bool, workingHours: WorkingHoursV1) {
        self.allowMemberInvite = allowMemberInvite; self.defaultBoardVisibility = defaultBoardVisibility; self.enableTimeTracking = enableTimeTracking
        self.workingHours = workingHours
    }

    /// What a team starts with when none are given.
    public static let standard = WorkTeamSettingsV1(
        allowMemberInvite: false, defaultBoardVisibility: .team, enableTimeTracking: true, workingHours: WorkingHoursV1(start: "09:00", end: "17:00", timezone: "UTC"))
}

/// A team's metrics, derived from the tasks of the team's boards whenever the team is read.
public struct WorkTeamMetricsV1: Codable, Sendable, Equatable {
    /// Unarchived and archived tasks on the team's boards.
    public var totalTasks: Int
    public var completedTasks: Int
    /// Hours from start (or creation) to completion over completed tasks, two decimals; 0 without any.
    public var averageTaskTime: Decimal
    /// completed × 100 / total, rounded down; 0 without tasks.
    public var productivityScore: Int

    public init(totalTasks: Int, completedTasks: Int, averageTaskTime: Decimal, productivityScore: Int) {
        self.totalTasks = totalTasks; self.completedTasks = completedTasks; self.averageTaskTime = averageTaskTime; self.productivityScore = productivityScore
    }
}

/// A work team (seed 000 `teams`).
public struct WorkTeamV1: Message, Equatable {
    public static let messageType = MessageType("work.team", version: 1)
    public static let summary = "A work team: members with roles and active flags, lead, settings (working hours in a time zone) and metrics derived from its boards' tasks."
    public static let example = WorkTeamV1(
        id: exampleWorkTeamId, name: "Mobile", description: "Apps", department: "Engineering",
        members: [WorkTeamMemberV1(userId: exampleBoardUser, role: .member, joinedAt: exampleBoardDate, isActive: true)], teamLeadId: exampleBoardOwner,
        settings: .standard, metrics: WorkTeamMetricsV1(totalTasks: 4, completedTasks: 1, averageTaskTime: 12, productivityScore: 25), isActive: true,
        createdBy: exampleBoardOwner, createdAt: exampleBoardDate, updatedAt: exampleBoardDate)

    public var id: String
    public var name: String
    public var description: String?
    public var department: String?
    public var members: [WorkTeamMemberV1]
    public var teamLeadId: String?
    public var settings: WorkTeamSettingsV1
    public var metrics: WorkTeamMetricsV1
    public var isActive: Bool
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, name: String, description: String?, department: String?, members: [WorkTeamMemberV1], teamLeadId: String?,
        settings: WorkTeamSettingsV1, metrics: WorkTeamMetricsV1, isActive: Bool, createdBy: String, createdAt: Date, updatedAt: Date
    ) {
        self.id = id; self.name = name; self.description = description; self.department = department; self.members = members
        self.teamLeadId = teamLeadId; self.settings = settings; self.metrics = metrics; self.isActive = isActive; self.createdBy = createdBy
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// Teams, by name.
public struct WorkTeamListV1: Message, Equatable {
    public static let messageType = MessageType("work.team-list", version: 1)
    public static let summary = "The teams the caller is in (every team for an admin), by name."
    public static let example = WorkTeamListV1(teams: [.example])

    public var teams: [WorkTeamV1]

    public init(teams: [WorkTeamV1]) { self.teams = teams }
}

// MARK: - Task templates

/// A checklist item a template copies into its tasks.
public struct TemplateChecklistItemV1: Codable, Sendable, Equatable {
    public var text: String
    public var isRequired: Bool

    public init(text: String, isRequired: Bool) { self.text = text; self.isRequired = isRequired }
}

/// A field a template may require when a task is made from it.
public enum TemplateField: String, Codable, Sendable, CaseIterable {
    case title, description, assigneeId, dueDate, estimatedHours, sprintId
}

/// What a task made from a template starts with (seed 000 `template`).
public struct TaskTemplateBodyV1: Codable, Sendable, Equatable {
    public var title: String
    public var description: String?
    public var taskType: TaskType
    public var priority: TaskPriority
    public var estimatedHours: Decimal?
    /// Tag names (existing tags; unknown names are refused when the template is used).
    public var tags: [String]
    public var checklistItems: [TemplateChecklistItemV1]
    /// Fields the person using the template must fill.
    public var requiredFields: [TemplateField]

    public init(
        title: String, description: String?, taskType: TaskType, priority: TaskPriority, estimatedHours: Decimal?, tags: [String],
        checklistItems: [TemplateChecklistItemV1], requiredFields: [TemplateField]
    ) {
        self.title = title; self.description = description; self.taskType = taskType; self.priority = priority; self.estimatedHours = estimatedHours
        self.tags = tags; self.checklistItems = checklistItems; self.requiredFields = requiredFields
    }

    /// An example body.
    public static let example = TaskTemplateBodyV1(
        title: "Bug: ", description: "Steps to reproduce", taskType: .bug, priority: .high, estimatedHours: 2, tags: ["frontend"],
        checklistItems: [TemplateChecklistItemV1(text: "Reproduce", isRequired: true), TemplateChecklistItemV1(text: "Add a test", isRequired: true)],
        requiredFields: [.description, .dueDate])
}

/// A task template (seed 000 `task_templates`).
public struct TaskTemplateV1: Message, Equatable {
    public static let messageType = MessageType("work.task-template", version: 1)
    public static let summary = "A task template: what tasks made from it start with, required fields, sharing (global, public, team) and usage."
    public static let example = TaskTemplateV1(
        id: exampleTaskTemplateId, name: "Bug report", description: "A reproducible bug", category: .testing, template: .example, isGlobal: false,
        isPublic: true, usageCount: 3, createdBy: exampleBoardOwner, teamId: nil, isActive: true, lastUsed: exampleBoardDate,
        createdAt: exampleBoardDate, updatedAt: exampleBoardDate)

    public var id: String
    public var name: String
    public var description: String?
    public var category: TaskTemplateCategory
    public var template: TaskTemplateBodyV1
    /// Every user may use it (admins make global templates).
    public var isGlobal: Bool
    /// Every user sees it in the gallery and may use it.
    public var isPublic: Bool
    public var usageCount: Int
    public var createdBy: String
    /// The active members of this team may use it.
    public var teamId: String?
    public var isActive: Bool
    public var lastUsed: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, name: String, description: String?, category: TaskTemplateCategory, template: TaskTemplateBodyV1, isGlobal: Bool, isPublic: Bool,
        usageCount: Int, createdBy: String, teamId: String?, isActive: Bool, lastUsed: Date?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id; self.name = name; self.description = description; self.category = category; self.template = template; self.isGlobal = isGlobal
        self.isPublic = isPublic; self.usageCount = usageCount; self.createdBy = createdBy; self.teamId = teamId; self.isActive = isActive
        self.lastUsed = lastUsed; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// Task templates, most used first.
public struct TaskTemplateListV1: Message, Equatable {
    public static let messageType = MessageType("work.task-template-list", version: 1)
    public static let summary = "The task templates the caller may use (own, global, public, their teams'), most used first."
    public static let example = TaskTemplateListV1(templates: [.example])

    public var templates: [TaskTemplateV1]

    public init(templates: [TaskTemplateV1]) { self.templates = templates }
}
