public import SeedStore
import SeedServiceKit

// Where each work record lives and the indexes seed 000 gives it, created at start-up; the indexes
// beyond the seed's serve the paginated lists (newest first per caller) and name why.

extension Questionnaire: StoredDocument {
    static let collection = CollectionSpec(
        "questionnaires",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("userId")]),
            IndexSpec([.ascending("status")]),
            IndexSpec([.ascending("reviewedBy"), .ascending("reviewedAt")]),
            IndexSpec([.ascending("createdAt")]),
            // Lists within the caller's tenant, newest first: a client's own, the admins' review
            // queue by status, and all (admins).
            IndexSpec([.ascending("tenantId"), .ascending("userId"), .descending("createdAt"), .descending("_id")]),
            IndexSpec([.ascending("tenantId"), .ascending("status"), .descending("createdAt"), .descending("_id")]),
            IndexSpec([.ascending("tenantId"), .descending("createdAt"), .descending("_id")]),
        ],
        fields: ["tenantId", "basicInfo", "requirements", "serviceSelection", "adminNotes", "rejectionReason", "sprintId", "updatedAt"])
}

extension Sprint: StoredDocument {
    static let collection = CollectionSpec(
        "sprints",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("clientId"), .ascending("status")]),
            IndexSpec([.ascending("adminId")]),
            IndexSpec([.ascending("assignedTeam.userId")]),
            IndexSpec([.ascending("status"), .ascending("startDate")]),
            IndexSpec([.ascending("endDate")]),
            // One sprint per questionnaire (seed 000: questionnaire → sprint is one-to-one).
            IndexSpec([.ascending("questionnaireId")], unique: true),
            // Lists within the caller's tenant, newest first: all (admins), a client's, a team
            // member's (read as two pages and merged: an `or` of the last two would use neither).
            IndexSpec([.ascending("tenantId"), .descending("createdAt"), .descending("_id")]),
            IndexSpec([.ascending("tenantId"), .ascending("clientId"), .descending("createdAt"), .descending("_id")]),
            IndexSpec([.ascending("tenantId"), .ascending("assignedTeam.userId"), .descending("createdAt"), .descending("_id")]),
        ],
        fields: [
            "tenantId", "templateId", "name", "description", "type", "estimatedDuration", "actualDuration", "assignedTeam", "pausedFrom",
            "statusHistory", "requiredDocuments", "packageOptions", "selectedPackage", "milestones", "progress", "meetings", "dueAnnounced",
            "updatedAt",
        ])
}

extension ServiceTemplate: StoredDocument {
    static let collection = CollectionSpec(
        "service_templates",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("category"), .ascending("isActive")]),
            IndexSpec([.ascending("name")]),
        ],
        fields: ["isActive", "createdBy", "updatedAt"])
}

extension SystemSetting: StoredDocument {
    static let collection = CollectionSpec(
        "system_settings",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("key")], unique: true),
            IndexSpec([.ascending("category")]),
        ],
        fields: ["value", "isEditable", "validationType", "validationRules", "lastModifiedBy", "lastModifiedAt", "updatedAt"])
}

extension DirectoryEntry: StoredDocument {
    static let collection = CollectionSpec("user_directory", indexes: [IndexSpec([.ascending("role"), .ascending("status")])], fields: ["updatedAt"])
}

extension Board: StoredDocument {
    static let collection = CollectionSpec(
        "boards",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("ownerId"), .ascending("isArchived")]),
            IndexSpec([.ascending("members.userId"), .ascending("visibility")]),
            IndexSpec([.ascending("sprintId")]),
            IndexSpec([.ascending("boardType"), .ascending("isTemplate")]),
            // A team's boards (team visibility, team metrics).
            IndexSpec([.ascending("teamId")]),
            // Public boards and templates, newest first.
            IndexSpec([.ascending("visibility"), .descending("createdAt")]),
            // The caller's boards in their tenant, newest first (decision 0042).
            IndexSpec([.ascending("tenantId"), .ascending("members.userId"), .descending("createdAt")]),
        ],
        fields: ["tenantId", "name", "description", "columns", "settings", "templateCategory", "archivedAt", "revision", "updatedAt"])
}

extension WorkTask: StoredDocument {
    static let collection = CollectionSpec(
        "tasks",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("assigneeId"), .ascending("status")]),
            IndexSpec([.ascending("sprintId"), .ascending("status")]),
            IndexSpec([.ascending("boardId"), .ascending("columnId"), .ascending("position")]),
            IndexSpec([.ascending("dueDate"), .ascending("status")]),
            IndexSpec([.ascending("createdBy"), .descending("createdAt")]),
            IndexSpec([.ascending("tags.name")]),
            IndexSpec([.ascending("priority"), .ascending("status")]),
            IndexSpec([.ascending("parentTaskId")]),
            // Auto-archive sweep: done tasks by completion.
            IndexSpec([.ascending("status"), .ascending("completedDate")]),
            // Time rollups of a sprint.
            IndexSpec([.ascending("sprintId"), .ascending("milestoneId")]),
            // My open tasks in the caller's tenant (decision 0042).
            IndexSpec([.ascending("tenantId"), .ascending("assigneeId"), .ascending("status")]),
        ],
        fields: [
            "tenantId", "title", "description", "taskType", "reporterId", "tags", "milestoneId", "estimatedHours", "loggedHours", "startDate", "subtasks", "dependencies",
            "progress", "worklog", "attachments", "externalLinks", "isArchived", "archivedAt", "archivedBy", "dueSoonAnnounced", "overdueAnnounced",
            "updatedAt",
        ])
}

extension TaskComment: StoredDocument {
    static let collection = CollectionSpec(
        "task_comments",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("taskId"), .descending("createdAt")]),
            IndexSpec([.ascending("authorId"), .descending("createdAt")]),
            IndexSpec([.ascending("parentCommentId")]),
            IndexSpec([.ascending("mentions")]),
        ],
        fields: ["tenantId", "boardId", "content", "commentType", "attachments", "systemActivity", "isEdited", "editedAt", "isDeleted", "deletedAt", "updatedAt"])
}

extension Tag: StoredDocument {
    static let collection = CollectionSpec(
        "tags",
        indexes: [
            // Seed 000 (names are unique; `key`, the lower-cased name, makes that case-insensitive).
            IndexSpec([.ascending("name")], unique: true),
            IndexSpec([.ascending("category"), .ascending("isActive")]),
            IndexSpec([.ascending("isGlobal"), .ascending("isActive")]),
            IndexSpec([.ascending("createdBy")]),
            IndexSpec([.descending("usageCount")]),
            IndexSpec([.ascending("key")], unique: true),
            // A board's tags.
            IndexSpec([.ascending("boardIds")]),
            // A tenant's global tags (decision 0042).
            IndexSpec([.ascending("tenantId"), .ascending("isGlobal"), .ascending("isActive")]),
        ],
        fields: ["tenantId", "description", "color", "isDefault", "lastUsed", "updatedAt"])
}

extension WorkTeam: StoredDocument {
    static let collection = CollectionSpec(
        "teams",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("members.userId"), .ascending("members.isActive")]),
            IndexSpec([.ascending("teamLeadId")]),
            IndexSpec([.ascending("department"), .ascending("isActive")]),
            IndexSpec([.ascending("name")]),
            // A tenant's teams by name (decision 0042).
            IndexSpec([.ascending("tenantId"), .ascending("name")]),
        ],
        fields: ["tenantId", "description", "members", "settings", "metrics", "createdBy", "createdAt", "updatedAt"])
}

extension TaskTemplate: StoredDocument {
    static let collection = CollectionSpec(
        "task_templates",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("category"), .ascending("isActive")]),
            IndexSpec([.ascending("createdBy"), .ascending("isActive")]),
            IndexSpec([.ascending("isGlobal"), .ascending("isPublic")]),
            IndexSpec([.descending("usageCount")]),
            // A team's templates.
            IndexSpec([.ascending("teamId")]),
            // A tenant's templates, most used first (decision 0042).
            IndexSpec([.ascending("tenantId"), .ascending("isActive"), .descending("usageCount")]),
        ],
        fields: ["tenantId", "name", "description", "template", "lastUsed", "updatedAt"])
}

extension KnownDocument: StoredDocument {
    /// Read by `_id` only.
    static let collection = CollectionSpec("known_documents", fields: ["tenantId", "ownerId", "isDeleted", "updatedAt"])
}

/// The work database's collections and their indexes, created at start-up.
public enum WorkCollections {
    public static let all: [CollectionSpec] = [
        Questionnaire.collection, Sprint.collection, ServiceTemplate.collection, SystemSetting.collection, DirectoryEntry.collection,
        Board.collection, WorkTask.collection, TaskComment.collection, Tag.collection, WorkTeam.collection, TaskTemplate.collection,
        KnownDocument.collection,
    ]
}

extension Transaction {
    /// The tenant this transaction's message acts in (``WorkService/tenant(of:)``).
    var tenant: String { WorkService.tenant(of: envelope) }

    var questionnaires: DocumentCollection<Questionnaire> { collection(Questionnaire.self) }
    var sprints: DocumentCollection<Sprint> { collection(Sprint.self) }
    var templates: DocumentCollection<ServiceTemplate> { collection(ServiceTemplate.self) }
    var settings: DocumentCollection<SystemSetting> { collection(SystemSetting.self) }
    var directory: DocumentCollection<DirectoryEntry> { collection(DirectoryEntry.self) }
    var boards: DocumentCollection<Board> { collection(Board.self) }
    var tasks: DocumentCollection<WorkTask> { collection(WorkTask.self) }
    var comments: DocumentCollection<TaskComment> { collection(TaskComment.self) }
    var tags: DocumentCollection<Tag> { collection(Tag.self) }
    var workTeams: DocumentCollection<WorkTeam> { collection(WorkTeam.self) }
    var taskTemplates: DocumentCollection<TaskTemplate> { collection(TaskTemplate.self) }
    var knownDocuments: DocumentCollection<KnownDocument> { collection(KnownDocument.self) }
}
