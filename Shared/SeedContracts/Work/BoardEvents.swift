import Foundation

// Events of the work service about tasks, for notifications (messaging subscribes to them). Each is
// published through work's outbox after the change committed and names the users to tell in
// `recipients` (never the person who caused it), so that a subscriber need not ask work.

/// Someone was made a task's assignee.
public struct TaskAssignedV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.task-assigned", version: 1)
    public static let summary = "A task was assigned to someone (on creation, by a change, or from a template); the recipient is the new assignee unless they assigned themselves."
    public static let example = TaskAssignedV1(
        task: .example, boardName: BoardV1.example.name, assigneeId: exampleBoardUser, previousAssigneeId: nil, assignedBy: exampleBoardOwner,
        recipients: [exampleBoardUser])

    public var task: TaskSummaryV1
    public var boardName: String
    public var assigneeId: String
    public var previousAssigneeId: String?
    public var assignedBy: String
    public var recipients: [String]

    public init(task: TaskSummaryV1, boardName: String, assigneeId: String, previousAssigneeId: String?, assignedBy: String, recipients: [String]) {
        self.task = task; self.boardName = boardName; self.assigneeId = assigneeId; self.previousAssigneeId = previousAssigneeId
        self.assignedBy = assignedBy; self.recipients = recipients
    }
}

/// People were mentioned in a task comment.
public struct TaskMentionedV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.task-mentioned", version: 1)
    public static let summary = "People were mentioned in a task comment (new, or newly mentioned by an edit); recipients are those who may see the board, not the author."
    public static let example = TaskMentionedV1(
        task: .example, commentId: exampleCommentId, authorId: exampleBoardOwner, excerpt: "Can you check the date picker?", recipients: [exampleBoardUser])

    public var task: TaskSummaryV1
    public var commentId: String
    public var authorId: String
    /// The comment's first 200 characters.
    public var excerpt: String
    public var recipients: [String]

    public init(task: TaskSummaryV1, commentId: String, authorId: String, excerpt: String, recipients: [String]) {
        self.task = task; self.commentId = commentId; self.authorId = authorId; self.excerpt = excerpt; self.recipients = recipients
    }
}

/// An open task falls due soon (announced once per due date by the task sweep).
public struct TaskDueSoonV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.task-due-soon", version: 1)
    public static let summary = "An open task is due within 24 hours (announced once per due date by the sweep); recipients are its assignee, or its reporter when unassigned."
    public static let example = TaskDueSoonV1(task: .example, dueDate: exampleBoardDate, recipients: [exampleBoardUser])

    public var task: TaskSummaryV1
    public var dueDate: Date
    public var recipients: [String]

    public init(task: TaskSummaryV1, dueDate: Date, recipients: [String]) { self.task = task; self.dueDate = dueDate; self.recipients = recipients }
}

/// An open task is past its due date (announced once per due date by the task sweep).
public struct TaskOverdueV1: WorkEvent, Equatable {
    public static let messageType = MessageType("work.task-overdue", version: 1)
    public static let summary = "An open task passed its due date (announced once per due date by the sweep); recipients are its assignee and its reporter."
    public static let example = TaskOverdueV1(task: .example, dueDate: exampleBoardDate, recipients: [exampleBoardUser, exampleBoardOwner])

    public var task: TaskSummaryV1
    public var dueDate: Date
    public var recipients: [String]

    public init(task: TaskSummaryV1, dueDate: Date, recipients: [String]) { self.task = task; self.dueDate = dueDate; self.recipients = recipients }
}
