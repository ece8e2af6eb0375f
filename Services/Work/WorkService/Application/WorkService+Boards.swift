import Foundation
public import SeedBus
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    // MARK: - Access

    /// The role `userId` has on `board`: owner and members theirs, platform admins `admin`, and
    /// `viewer` through visibility (public: everyone; team: the team's active members). `nil`: the
    /// board does not exist for them.
    func role(of userId: String, on board: Board, in operations: any DocumentOperations) async throws -> BoardRole? {
        if let role = board.memberRole(of: userId) { return role }
        if try await isAdmin(userId, in: operations) { return .admin }
        switch board.visibility {
        case .public: return .viewer
        case .team:
            guard let teamId = board.teamId,
                  let team = try await DocumentCollection(WorkTeam.self, in: operations).first(.and([.equal("_id", .string(teamId)), .equal("tenantId", .string(board.tenantId))]))
            else { return nil }
            return team.isActive && team.isActiveMember(userId) ? .viewer : nil
        case .private: return nil
        }
    }

    /// A board of `tenant` that `userId` may see, and their role; `not_found` otherwise (also for
    /// another tenant's board).
    func board(_ id: String, visibleTo userId: String, tenant: String, in operations: any DocumentOperations) async throws -> (Board, BoardRole) {
        guard let board = try await DocumentCollection(Board.self, in: operations).first(.and([.equal("_id", .string(id)), .equal("tenantId", .string(tenant))])),
              let role = try await role(of: userId, on: board, in: operations)
        else { throw ContractError(.notFound, "no board \(id)", details: ["field": "boardId"]) }
        return (board, role)
    }

    /// A board `userId` may change with at least `needed`: `not_found` when they may not see it,
    /// `forbidden` (rule `board_role`) when their role is lower, `conflict` (rule `board_archived`)
    /// when the board is archived (unless `allowArchived`).
    func board(
        _ id: String, for userId: String, needs needed: BoardRole, allowArchived: Bool = false, tenant: String, in operations: any DocumentOperations
    ) async throws -> (Board, BoardRole) {
        let (board, role) = try await board(id, visibleTo: userId, tenant: tenant, in: operations)
        guard role.rank >= needed.rank else {
            throw ContractError(.forbidden, "a board \(role.rawValue) cannot do this (needs \(needed.rawValue))", details: ["rule": "board_role", "role": role.rawValue])
        }
        if board.isArchived, !allowArchived {
            throw ContractError(.conflict, "the board is archived", details: ["field": "boardId", "rule": "board_archived"])
        }
        return (board, role)
    }

    /// Stores a changed board with a new revision.
    func save(_ board: inout Board, _ tx: Transaction) async throws {
        board.revision += 1
        board.updatedAt = tx.now
        try await tx.boards.replace(board)
    }

    /// `team` visibility needs a team; a named team must exist.
    func checkTeam(_ teamId: String?, visibility: BoardVisibility, in tx: Transaction) async throws {
        if let teamId {
            guard try await tx.workTeams.count(.and([.equal("_id", .string(teamId)), .equal("tenantId", .string(tx.tenant))])) == 1 else {
                throw ContractError(.notFound, "no team \(teamId)", details: ["field": "teamId"])
            }
        } else if visibility == .team {
            throw WorkRules.invalid("a team board names its team", field: "teamId", rule: "required")
        }
    }

    // MARK: - Commands

    /// `work.create-board.v1`.
    public func createBoard(_ command: CreateBoardV1, envelope: MessageEnvelope) async throws -> BoardV1 {
        let caller = try envelope.signedInActor()
        let name = try WorkRules.text(command.name, field: "name", 1...100)
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 2_000)
        let templateCategory = try WorkRules.optionalText(command.templateCategory, field: "templateCategory", maximum: 50)
        let sprintId = try command.sprintId.map { raw throws(ContractError) in try WorkRules.id(raw, field: "sprintId") }
        let givenSettings = try command.settings.map { raw throws(ContractError) in try BoardRules.settings(raw) }
        return try await work.once(envelope) { tx in
            var columns = command.columns ?? BoardRules.standardColumns
            var settings = givenSettings ?? .standard
            if let templateId = command.fromTemplateId {
                let (template, _) = try await board(templateId, visibleTo: caller, tenant: tx.tenant, in: tx.operations)
                guard template.isTemplate else { throw WorkRules.invalid("board \(templateId) is not a template", field: "fromTemplateId", rule: "template") }
                if command.columns == nil {
                    columns = template.columns.map {
                        BoardColumnInputV1(name: $0.name, description: $0.description, color: $0.color, wipLimit: $0.wipLimit, isDefault: $0.isDefault, columnType: $0.columnType)
                    }
                }
                if givenSettings == nil { settings = template.settings }
            }
            let madeColumns = try BoardRules.columns(columns, existing: [], newId: Self.newId)
            if let sprintId { _ = try await sprint(sprintId, visibleTo: caller, tenant: Self.tenant(of: envelope), in: tx.operations) }
            try await checkTeam(command.teamId, visibility: command.visibility, in: tx)
            let board = Board(
                id: Self.newId(), tenantId: tx.tenant, name: name, description: description, boardType: command.boardType, columns: madeColumns, ownerId: caller,
                members: [BoardMemberV1(userId: caller, role: .admin, joinedAt: tx.now)], visibility: command.visibility, sprintId: sprintId,
                teamId: command.teamId, settings: settings, isTemplate: command.isTemplate ?? false, templateCategory: templateCategory,
                isArchived: false, archivedAt: nil, revision: 0, createdAt: tx.now, updatedAt: tx.now)
            try await tx.boards.insert(board)
            return board.view
        }
    }

    /// `work.update-board.v1`: board admins.
    public func updateBoard(_ command: UpdateBoardV1, envelope: MessageEnvelope) async throws -> BoardV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.boardId, field: "boardId")
        let name = try command.name.map { raw throws(ContractError) in try WorkRules.text(raw, field: "name", 1...100) }
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 2_000)
        let settings = try command.settings.map { raw throws(ContractError) in try BoardRules.settings(raw) }
        return try await work.once(envelope) { tx in
            var (board, _) = try await board(id, for: caller, needs: .admin, tenant: tx.tenant, in: tx.operations)
            if let name { board.name = name }
            if let description { board.description = description }
            if let settings { board.settings = settings }
            if let teamId = command.teamId { board.teamId = teamId }
            if let visibility = command.visibility { board.visibility = visibility }
            try await checkTeam(board.teamId, visibility: board.visibility, in: tx)
            try await save(&board, tx)
            return board.view
        }
    }

    /// `work.set-board-columns.v1`: board admins; a column with tasks stays, a WIP limit is not below
    /// the tasks already there, and tasks of a column whose type changed take its status.
    public func setBoardColumns(_ command: SetBoardColumnsV1, envelope: MessageEnvelope) async throws -> BoardV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.boardId, field: "boardId")
        return try await work.once(envelope) { tx in
            var (board, _) = try await board(id, for: caller, needs: .admin, tenant: tx.tenant, in: tx.operations)
            let columns = try BoardRules.columns(command.columns, existing: board.columns, newId: Self.newId)
            let tasks = try await tx.tasks.find(.and([.equal("boardId", .string(board.id)), .equal("isArchived", .bool(false))]))
            let counts = Dictionary(grouping: tasks, by: \.columnId).mapValues(\.count)
            for old in board.columns where !columns.contains(where: { $0.id == old.id }) && (counts[old.id] ?? 0) > 0 {
                throw ContractError(.conflict, "column '\(old.name)' still has tasks", details: ["field": "columns", "rule": "column_has_tasks", "columnId": old.id])
            }
            for (index, column) in columns.enumerated() {
                if let limit = column.wipLimit, (counts[column.id] ?? 0) > limit {
                    throw ContractError(.conflict, "column '\(column.name)' already holds more than \(limit) tasks",
                                        details: ["field": "columns.\(index).wipLimit", "rule": "wip_limit"])
                }
                guard let status = column.columnType.impliedStatus, board.column(column.id)?.columnType != column.columnType else { continue }
                for var task in tasks where task.columnId == column.id && task.status != status {
                    task.enter(status, at: tx.now)
                    task.updatedAt = tx.now
                    try await tx.tasks.replace(task)
                }
            }
            board.columns = columns
            try await save(&board, tx)
            return board.view
        }
    }

    /// `work.set-board-member.v1`: board admins any role; members viewers and members when the board
    /// allows member adds. The owner's role does not change.
    public func setBoardMember(_ command: SetBoardMemberV1, envelope: MessageEnvelope) async throws -> BoardV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.boardId, field: "boardId")
        let userId = try WorkRules.id(command.userId, field: "userId")
        return try await work.once(envelope) { tx in
            var (board, role) = try await board(id, for: caller, needs: .member, tenant: tx.tenant, in: tx.operations)
            let existing = board.members.firstIndex { $0.userId == userId }
            if role != .admin {
                guard board.settings.allowMemberAdd, command.role != .admin, existing == nil else {
                    throw ContractError(.forbidden, "only board admins change members here", details: ["rule": "board_role", "role": role.rawValue])
                }
            }
            guard userId != board.ownerId else { throw ContractError(.conflict, "the owner stays an admin", details: ["field": "userId", "rule": "owner"]) }
            if let existing {
                board.members[existing].role = command.role
            } else {
                guard board.members.count < 500 else { throw WorkRules.invalid("a board has at most 500 members", field: "userId", rule: "count") }
                board.members.append(BoardMemberV1(userId: userId, role: command.role, joinedAt: tx.now))
            }
            try await save(&board, tx)
            return board.view
        }
    }

    /// `work.remove-board-member.v1`: board admins, or someone leaving.
    public func removeBoardMember(_ command: RemoveBoardMemberV1, envelope: MessageEnvelope) async throws -> BoardV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.boardId, field: "boardId")
        let userId = try WorkRules.id(command.userId, field: "userId")
        return try await work.once(envelope) { tx in
            var (board, _) = try await board(id, for: caller, needs: userId == caller ? .viewer : .admin, tenant: tx.tenant, in: tx.operations)
            guard userId != board.ownerId else { throw ContractError(.conflict, "the owner stays on the board", details: ["field": "userId", "rule": "owner"]) }
            guard board.members.contains(where: { $0.userId == userId }) else {
                throw ContractError(.notFound, "\(userId) is not on the board", details: ["field": "userId"])
            }
            board.members.removeAll { $0.userId == userId }
            try await save(&board, tx)
            return board.view
        }
    }

    /// `work.archive-board.v1`: board admins.
    public func archiveBoard(_ command: ArchiveBoardV1, envelope: MessageEnvelope) async throws -> BoardV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.boardId, field: "boardId")
        return try await work.once(envelope) { tx in
            var (board, _) = try await board(id, for: caller, needs: .admin, allowArchived: true, tenant: tx.tenant, in: tx.operations)
            guard board.isArchived != command.archived else { return board.view }
            board.isArchived = command.archived
            board.archivedAt = command.archived ? tx.now : nil
            try await save(&board, tx)
            return board.view
        }
    }

    /// `work.get-board.v1`: the board and each column's tasks in position order.
    public func getBoard(_ command: GetBoardV1, envelope: MessageEnvelope) async throws -> BoardViewV1 {
        try await getBoardEncoded(command, envelope: envelope).decoded()
    }

    /// `work.get-board.v1` as the bus answers it: the encoded view of the board's current revision,
    /// from ``boardViews`` when a read of that revision (by a caller of the same role) encoded it
    /// already, so that a read is the board document and the cached bytes (decision 0041).
    public func getBoardEncoded(_ command: GetBoardV1, envelope: MessageEnvelope) async throws -> EncodedReply<BoardViewV1> {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.boardId, field: "boardId")
        return try await work.mapStoreErrors {
            let (board, role) = try await board(id, visibleTo: caller, tenant: Self.tenant(of: envelope), in: store)
            let key = BoardViewCache.Key(boardId: board.id, revision: board.revision, includeArchived: command.includeArchived == true, role: role)
            if let bytes = boardViews.view(key) { return EncodedReply(bytes: bytes) }
            var filters: [Filter] = [.equal("boardId", .string(board.id))]
            if command.includeArchived != true { filters.append(.equal("isArchived", .bool(false))) }
            let tasks = try await DocumentCollection(WorkTask.self, in: store).find(
                .and(filters), options: FindOptions(sort: [SortKey("boardId"), SortKey("columnId"), SortKey("position")]))
            let byColumn = Dictionary(grouping: tasks, by: \.columnId)
            let view = BoardViewV1(
                board: board.view, role: role,
                columns: board.columns.map { column in
                    // Stored positions are ranks with gaps; a column's open tasks are reported 0, 1, …
                    // and archived ones (when asked for) follow them.
                    let ordered = (byColumn[column.id] ?? []).sorted { ($0.isArchived ? 1 : 0, $0.position) < ($1.isArchived ? 1 : 0, $1.position) }
                    return BoardColumnTasksV1(column: column, tasks: ordered.enumerated().map { index, task in
                        var summary = task.summary
                        summary.position = index
                        return summary
                    })
                })
            let reply = try EncodedReply(view)
            boardViews.store(reply.bytes, for: key)
            return reply
        }
    }

    /// `work.list-boards.v1`: boards the caller owns or is on (templates: board templates they may
    /// see; with neither, also public ones are left out), newest first.
    public func listBoards(_ command: ListBoardsV1, envelope: MessageEnvelope) async throws -> BoardPageV1 {
        let caller = try envelope.signedInActor()
        let limit = try WorkRules.limit(command.limit, default: 20)
        let cursor = try PageCursor.fromRequest(command.cursor)
        return try await work.mapStoreErrors {
            let tenant = Filter.equal("tenantId", .string(Self.tenant(of: envelope)))
            var filters: [Filter] = [tenant, .equal("members.userId", .string(caller))]
            if command.templates == true {
                filters = [tenant, .equal("isTemplate", .bool(true)), .or([.equal("members.userId", .string(caller)), .equal("visibility", .string(BoardVisibility.public.rawValue))])]
            }
            if let type = command.boardType { filters.append(.equal("boardType", .string(type.rawValue))) }
            if command.includeArchived != true { filters.append(.equal("isArchived", .bool(false))) }
            let page = try await DocumentCollection(Board.self, in: store).page(
                .and(filters), sort: [SortKey("createdAt", .descending)], after: cursor, limit: limit)
            return BoardPageV1(boards: page.items.map(\.view), nextCursor: page.next?.description)
        }
    }
}
