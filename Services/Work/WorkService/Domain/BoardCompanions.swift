import Foundation
import SeedContracts

/// A task comment (seed 000 `task_comments`): a person's (threaded, with mentions) or a system one.
struct TaskComment: Codable, Sendable, Equatable {
    var id: String
    /// The tenant it belongs to (the creating caller's; decision 0042).
    var tenantId: String
    var taskId: String
    var boardId: String
    var content: String
    var commentType: CommentType
    var authorId: String
    var parentCommentId: String?
    var mentions: [String]
    var attachments: [CommentAttachmentV1]
    var systemActivity: SystemActivityV1?
    var isEdited: Bool
    var editedAt: Date?
    var isDeleted: Bool
    var deletedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, taskId, boardId, content, commentType, authorId, parentCommentId, mentions, attachments, systemActivity, isEdited, editedAt,
             isDeleted, deletedAt, createdAt, updatedAt
    }

    var view: TaskCommentV1 {
        TaskCommentV1(
            id: id, taskId: taskId, content: content, commentType: commentType, authorId: authorId, parentCommentId: parentCommentId,
            mentions: mentions, attachments: attachments, systemActivity: systemActivity, isEdited: isEdited, editedAt: editedAt,
            isDeleted: isDeleted, deletedAt: deletedAt, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// A tag (seed 000 `tags`). `key` is the lower-cased name, unique, so that "Frontend" and
/// "frontend" are one tag.
struct Tag: Codable, Sendable, Equatable {
    var id: String
    /// The tenant it belongs to (the creating caller's; decision 0042).
    var tenantId: String
    var name: String
    var key: String
    var description: String?
    var color: String
    var category: TagCategory
    var isGlobal: Bool
    var isDefault: Bool
    var usageCount: Int
    var lastUsed: Date?
    var createdBy: String
    var boardIds: [String]
    var isActive: Bool
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, name, key, description, color, category, isGlobal, isDefault, usageCount, lastUsed, createdBy, boardIds, isActive, createdAt,
             updatedAt
    }

    var view: TagV1 {
        TagV1(
            id: id, name: name, description: description, color: color, category: category, isGlobal: isGlobal, isDefault: isDefault,
            usageCount: usageCount, lastUsed: lastUsed, createdBy: createdBy, boardIds: boardIds, isActive: isActive, createdAt: createdAt,
            updatedAt: updatedAt)
    }

    var onTask: TaskTagV1 { TaskTagV1(id: id, name: name, color: color, category: category) }

    /// Whether tasks of `boardId` may carry it.
    func isAvailable(on boardId: String) -> Bool { isActive && (isGlobal || boardIds.contains(boardId)) }
}

/// A work team (seed 000 `teams`); its metrics are derived when it is read, never stored stale.
struct WorkTeam: Codable, Sendable, Equatable {
    var id: String
    /// The tenant it belongs to (the creating caller's; decision 0042).
    var tenantId: String
    var name: String
    var description: String?
    var department: String?
    var members: [WorkTeamMemberV1]
    var teamLeadId: String?
    var settings: WorkTeamSettingsV1
    var metrics: WorkTeamMetricsV1
    var isActive: Bool
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, name, description, department, members, teamLeadId, settings, metrics, isActive, createdBy, createdAt, updatedAt
    }

    var view: WorkTeamV1 {
        WorkTeamV1(
            id: id, name: name, description: description, department: department, members: members, teamLeadId: teamLeadId, settings: settings,
            metrics: metrics, isActive: isActive, createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt)
    }

    func isActiveMember(_ userId: String) -> Bool { members.contains { $0.userId == userId && $0.isActive } }

    /// The lead, or an active member with role lead or admin.
    func manages(_ userId: String) -> Bool {
        teamLeadId == userId || members.contains { $0.userId == userId && $0.isActive && $0.role != .member }
    }
}

/// A task template (seed 000 `task_templates`).
struct TaskTemplate: Codable, Sendable, Equatable {
    var id: String
    /// The tenant it belongs to (the creating caller's; decision 0042).
    var tenantId: String
    var name: String
    var description: String?
    var category: TaskTemplateCategory
    var template: TaskTemplateBodyV1
    var isGlobal: Bool
    var isPublic: Bool
    var usageCount: Int
    var createdBy: String
    var teamId: String?
    var isActive: Bool
    var lastUsed: Date?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, name, description, category, template, isGlobal, isPublic, usageCount, createdBy, teamId, isActive, lastUsed, createdAt, updatedAt
    }

    var view: TaskTemplateV1 {
        TaskTemplateV1(
            id: id, name: name, description: description, category: category, template: template, isGlobal: isGlobal, isPublic: isPublic,
            usageCount: usageCount, createdBy: createdBy, teamId: teamId, isActive: isActive, lastUsed: lastUsed, createdAt: createdAt,
            updatedAt: updatedAt)
    }
}

/// The rules of team and template input.
enum TeamRules {
    /// `HH:mm` working hours, start before end, in a known time zone.
    static func settings(_ raw: WorkTeamSettingsV1) throws(ContractError) -> WorkTeamSettingsV1 {
        func minutes(_ text: String, _ field: String) throws(ContractError) -> Int {
            let parts = text.split(separator: ":")
            guard text.count == 5, parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...23).contains(hours), (0...59).contains(minutes)
            else { throw WorkRules.invalid("'\(field)' must be a time HH:mm", field: field, rule: "time") }
            return hours * 60 + minutes
        }
        guard try minutes(raw.workingHours.start, "settings.workingHours.start") < minutes(raw.workingHours.end, "settings.workingHours.end") else {
            throw WorkRules.invalid("working hours end after they start", field: "settings.workingHours.end", rule: "order")
        }
        guard TimeZone(identifier: raw.workingHours.timezone) != nil else {
            throw WorkRules.invalid("'\(raw.workingHours.timezone)' is not a time zone", field: "settings.workingHours.timezone", rule: "timezone")
        }
        guard raw.defaultBoardVisibility != .public else {
            throw WorkRules.invalid("a team's boards default to team or private", field: "settings.defaultBoardVisibility", rule: "visibility")
        }
        return raw
    }

    static func templateBody(_ raw: TaskTemplateBodyV1) throws(ContractError) -> TaskTemplateBodyV1 {
        var body = raw
        body.title = try WorkRules.text(raw.title, field: "template.title", 1...200)
        body.description = try WorkRules.optionalText(raw.description, field: "template.description", maximum: 10_000)
        if let hours = raw.estimatedHours { body.estimatedHours = try TaskRules.hours(hours, field: "template.estimatedHours") }
        body.tags = try WorkRules.texts(raw.tags, field: "template.tags", count: 0...20, length: 50)
        guard raw.checklistItems.count <= 50 else { throw WorkRules.invalid("at most 50 checklist items", field: "template.checklistItems", rule: "count") }
        for (index, item) in raw.checklistItems.enumerated() {
            body.checklistItems[index].text = try WorkRules.text(item.text, field: "template.checklistItems.\(index).text", 1...500)
        }
        body.requiredFields = Array(Set(raw.requiredFields)).sorted { $0.rawValue < $1.rawValue }
        return body
    }
}
