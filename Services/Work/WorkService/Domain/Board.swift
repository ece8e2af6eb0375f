import Foundation
import SeedContracts

/// A kanban board (seed 000 `boards`): ordered columns, owner and members with roles, visibility,
/// settings; a board template when `isTemplate`.
struct Board: Codable, Sendable, Equatable {
    var id: String
    /// The tenant it belongs to (the creating caller's; decision 0042).
    var tenantId: String
    var name: String
    var description: String?
    var boardType: BoardType
    var columns: [BoardColumnV1]
    var ownerId: String
    var members: [BoardMemberV1]
    var visibility: BoardVisibility
    var sprintId: String?
    var teamId: String?
    var settings: BoardSettingsV1
    var isTemplate: Bool
    var templateCategory: String?
    var isArchived: Bool
    var archivedAt: Date?
    /// Raised by every change to the board or the positions of its tasks, so that two concurrent
    /// moves on a store with optimistic transactions (MongoDB) conflict instead of interleaving.
    var revision: Int
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, name, description, boardType, columns, ownerId, members, visibility, sprintId, teamId, settings, isTemplate, templateCategory,
             isArchived, archivedAt, revision, createdAt, updatedAt
    }

    var view: BoardV1 {
        BoardV1(
            id: id, name: name, description: description, boardType: boardType, columns: columns, ownerId: ownerId, members: members,
            visibility: visibility, sprintId: sprintId, teamId: teamId, settings: settings, isTemplate: isTemplate, templateCategory: templateCategory,
            isArchived: isArchived, archivedAt: archivedAt, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// The role `userId` holds as owner or member (not through visibility).
    func memberRole(of userId: String) -> BoardRole? {
        if ownerId == userId { return .admin }
        return members.first { $0.userId == userId }?.role
    }

    func column(_ id: String) -> BoardColumnV1? { columns.first { $0.id == id } }

    /// Where a task goes when no column is named: the default column, or the first.
    var defaultColumn: BoardColumnV1? { columns.first(where: \.isDefault) ?? columns.first }

    /// Everyone who holds a role on the board.
    var people: [String] {
        var seen = Set<String>()
        return ([ownerId] + members.map(\.userId)).filter { seen.insert($0).inserted }
    }
}

extension BoardRole {
    /// Viewer < member < admin.
    var rank: Int {
        switch self {
        case .viewer: 0
        case .member: 1
        case .admin: 2
        }
    }
}

extension ColumnType {
    /// The status a task takes in a column of this type; `nil` for `custom` (the task keeps its own).
    var impliedStatus: TaskStatus? {
        switch self {
        case .todo: .todo
        case .inProgress: .inProgress
        case .review: .review
        case .done: .done
        case .custom: nil
        }
    }
}

/// The rules of board input.
enum BoardRules {
    /// The four columns a board starts with when none are given.
    static let standardColumns: [BoardColumnInputV1] = [
        BoardColumnInputV1(name: "To do", color: "#9E9E9E", isDefault: true, columnType: .todo),
        BoardColumnInputV1(name: "In progress", color: "#2196F3", columnType: .inProgress),
        BoardColumnInputV1(name: "Review", color: "#FF9800", columnType: .review),
        BoardColumnInputV1(name: "Done", color: "#4CAF50", columnType: .done),
    ]

    /// `#RRGGBB`.
    static func color(_ raw: String, field: String) throws(ContractError) -> String {
        let hex = raw.dropFirst()
        guard raw.count == 7, raw.first == "#", hex.allSatisfy(\.isHexDigit) else {
            throw WorkRules.invalid("'\(field)' must be a colour #RRGGBB", field: field, rule: "color")
        }
        return raw.uppercased()
    }

    /// Columns in order with ids (kept or new), unique names, one default at most, positions 0….
    static func columns(_ raw: [BoardColumnInputV1], existing: [BoardColumnV1], newId: () -> String) throws(ContractError) -> [BoardColumnV1] {
        guard (1...20).contains(raw.count) else { throw WorkRules.invalid("a board has 1 to 20 columns", field: "columns", rule: "count") }
        var names = Set<String>(), ids = Set<String>()
        guard raw.filter({ $0.isDefault == true }).count <= 1 else {
            throw WorkRules.invalid("at most one column is the default", field: "columns", rule: "one_default")
        }
        var result: [BoardColumnV1] = []
        for (index, column) in raw.enumerated() {
            let at = "columns.\(index)"
            let name = try WorkRules.text(column.name, field: "\(at).name", 1...50)
            guard names.insert(name.lowercased()).inserted else { throw WorkRules.invalid("two columns are called '\(name)'", field: "\(at).name", rule: "unique") }
            let id: String
            if let given = column.id {
                guard existing.contains(where: { $0.id == given }) else {
                    throw ContractError(.notFound, "no column \(given) on this board", details: ["field": "\(at).id"])
                }
                guard ids.insert(given).inserted else { throw WorkRules.invalid("column \(given) is listed twice", field: "\(at).id", rule: "unique") }
                id = given
            } else {
                id = newId()
            }
            if let limit = column.wipLimit { _ = try WorkRules.number(limit, field: "\(at).wipLimit", 1...1_000) }
            result.append(BoardColumnV1(
                id: id, name: name, description: try WorkRules.optionalText(column.description, field: "\(at).description", maximum: 500),
                color: try color(column.color, field: "\(at).color"), position: index, wipLimit: column.wipLimit, isDefault: column.isDefault == true,
                columnType: column.columnType))
        }
        if !result.contains(where: \.isDefault) { result[0].isDefault = true }
        return result
    }

    static func settings(_ raw: BoardSettingsV1) throws(ContractError) -> BoardSettingsV1 {
        _ = try WorkRules.number(raw.autoArchiveDays, field: "settings.autoArchiveDays", 1...365)
        return raw
    }
}
