import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    // MARK: - Teams

    /// A team of `tenant`; `not_found` otherwise (also for another tenant's team).
    func workTeam(_ id: String, tenant: String, in operations: any DocumentOperations) async throws -> WorkTeam {
        guard let team = try await DocumentCollection(WorkTeam.self, in: operations).first(.and([.equal("_id", .string(id)), .equal("tenantId", .string(tenant))])) else {
            throw ContractError(.notFound, "no team \(id)", details: ["field": "teamId"])
        }
        return team
    }

    /// The team's metrics from the tasks of its boards, now.
    func metrics(of team: WorkTeam, in operations: any DocumentOperations) async throws -> WorkTeamMetricsV1 {
        let boards = try await DocumentCollection(Board.self, in: operations).find(.and([.equal("teamId", .string(team.id)), .equal("tenantId", .string(team.tenantId))])).map(\.id)
        guard !boards.isEmpty else { return WorkTeamMetricsV1(totalTasks: 0, completedTasks: 0, averageTaskTime: 0, productivityScore: 0) }
        let tasks = try await DocumentCollection(WorkTask.self, in: operations).find(.isIn("boardId", boards.map { .string($0) }))
        let completed = tasks.filter { $0.completedDate != nil }
        let seconds = completed.reduce(0.0) { $0 + $1.completedDate!.timeIntervalSince($1.startDate ?? $1.createdAt) }
        var average = completed.isEmpty ? Decimal(0) : Decimal(Int((seconds / Double(completed.count) / 3_600 * 100).rounded())) / 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &average, 2, .plain)
        return WorkTeamMetricsV1(
            totalTasks: tasks.count, completedTasks: completed.count, averageTaskTime: rounded,
            productivityScore: tasks.isEmpty ? 0 : completed.count * 100 / tasks.count)
    }

    func teamView(_ team: WorkTeam, in operations: any DocumentOperations) async throws -> WorkTeamV1 {
        var team = team
        team.metrics = try await metrics(of: team, in: operations)
        return team.view
    }

    /// `work.create-team.v1`: admins.
    public func createWorkTeam(_ command: CreateWorkTeamV1, envelope: MessageEnvelope) async throws -> WorkTeamV1 {
        let caller = try envelope.signedInActor()
        let name = try WorkRules.text(command.name, field: "name", 1...100)
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 1_000)
        let department = try WorkRules.optionalText(command.department, field: "department", maximum: 100)
        let lead = try command.teamLeadId.map { raw throws(ContractError) in try WorkRules.id(raw, field: "teamLeadId") }
        let settings = try TeamRules.settings(command.settings ?? .standard)
        return try await work.once(envelope) { tx in
            try await requireAdmin(caller, in: tx.operations)
            let team = WorkTeam(
                id: Self.newId(), tenantId: tx.tenant, name: name, description: description, department: department,
                members: lead.map { [WorkTeamMemberV1(userId: $0, role: .lead, joinedAt: tx.now, isActive: true)] } ?? [], teamLeadId: lead,
                settings: settings, metrics: WorkTeamMetricsV1(totalTasks: 0, completedTasks: 0, averageTaskTime: 0, productivityScore: 0),
                isActive: true, createdBy: caller, createdAt: tx.now, updatedAt: tx.now)
            try await tx.workTeams.insert(team)
            return team.view
        }
    }

    /// Runs `change` on a team the caller manages (platform admin, its lead, or an admin/lead member).
    func changeWorkTeam(_ rawId: String, envelope: MessageEnvelope, _ change: @escaping @Sendable (inout WorkTeam, Transaction) async throws -> Void) async throws -> WorkTeamV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(rawId, field: "teamId")
        return try await work.once(envelope) { tx in
            var team = try await workTeam(id, tenant: tx.tenant, in: tx.operations)
            let admin = try await isAdmin(caller, in: tx.operations)
            guard admin || team.manages(caller) else {
                guard team.isActiveMember(caller) else { throw ContractError(.notFound, "no team \(id)", details: ["field": "teamId"]) }
                throw ContractError(.forbidden, "only admins and the team's lead change a team", details: ["rule": "team_lead"])
            }
            try await change(&team, tx)
            team.updatedAt = tx.now
            try await tx.workTeams.replace(team)
            return try await teamView(team, in: tx.operations)
        }
    }

    /// `work.update-team.v1`.
    public func updateWorkTeam(_ command: UpdateWorkTeamV1, envelope: MessageEnvelope) async throws -> WorkTeamV1 {
        let name = try command.name.map { raw throws(ContractError) in try WorkRules.text(raw, field: "name", 1...100) }
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 1_000)
        let department = try WorkRules.optionalText(command.department, field: "department", maximum: 100)
        let lead = try command.teamLeadId.map { raw throws(ContractError) in try WorkRules.id(raw, field: "teamLeadId") }
        let settings = try command.settings.map { raw throws(ContractError) in try TeamRules.settings(raw) }
        return try await changeWorkTeam(command.teamId, envelope: envelope) { team, tx in
            if let name { team.name = name }
            if let description { team.description = description }
            if let department { team.department = department }
            if let settings { team.settings = settings }
            if let active = command.isActive { team.isActive = active }
            if let lead {
                team.teamLeadId = lead
                if let index = team.members.firstIndex(where: { $0.userId == lead }) {
                    team.members[index].role = .lead
                    team.members[index].isActive = true
                } else {
                    team.members.append(WorkTeamMemberV1(userId: lead, role: .lead, joinedAt: tx.now, isActive: true))
                }
            }
        }
    }

    /// `work.set-team-member.v1`.
    public func setWorkTeamMember(_ command: SetWorkTeamMemberV1, envelope: MessageEnvelope) async throws -> WorkTeamV1 {
        let userId = try WorkRules.id(command.userId, field: "userId")
        return try await changeWorkTeam(command.teamId, envelope: envelope) { team, tx in
            if let index = team.members.firstIndex(where: { $0.userId == userId }) {
                team.members[index].role = command.role
                team.members[index].isActive = command.isActive
            } else {
                guard team.members.count < 500 else { throw WorkRules.invalid("a team has at most 500 members", field: "userId", rule: "count") }
                team.members.append(WorkTeamMemberV1(userId: userId, role: command.role, joinedAt: tx.now, isActive: command.isActive))
            }
            if team.teamLeadId == userId, command.role != .lead || !command.isActive { team.teamLeadId = nil }
            if command.role == .lead, command.isActive { team.teamLeadId = userId }
        }
    }

    /// `work.get-team.v1`: its active members and admins.
    public func getWorkTeam(_ command: GetWorkTeamV1, envelope: MessageEnvelope) async throws -> WorkTeamV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.teamId, field: "teamId")
        return try await work.mapStoreErrors {
            let team = try await workTeam(id, tenant: Self.tenant(of: envelope), in: store)
            let callerIsAdmin = try await isAdmin(caller, in: store)
            guard team.isActiveMember(caller) || team.teamLeadId == caller || callerIsAdmin else {
                throw ContractError(.notFound, "no team \(id)", details: ["field": "teamId"])
            }
            return try await teamView(team, in: store)
        }
    }

    /// `work.list-teams.v1`.
    public func listWorkTeams(_ command: ListWorkTeamsV1, envelope: MessageEnvelope) async throws -> WorkTeamListV1 {
        let caller = try envelope.signedInActor()
        let department = try WorkRules.optionalText(command.department, field: "department", maximum: 100)
        return try await work.mapStoreErrors {
            var filters: [Filter] = [.equal("tenantId", .string(Self.tenant(of: envelope)))]
            if !(try await isAdmin(caller, in: store)) {
                filters.append(.elementMatch("members", .and([.equal("userId", .string(caller)), .equal("isActive", .bool(true))])))
            }
            if let department { filters.append(.equal("department", .string(department))) }
            let teams = try await DocumentCollection(WorkTeam.self, in: store).find(
                .and(filters), options: FindOptions(sort: [SortKey("name")], limit: 200))
            var views: [WorkTeamV1] = []
            for team in teams { views.append(try await teamView(team, in: store)) }
            return WorkTeamListV1(teams: views)
        }
    }

    // MARK: - Task templates

    /// Whether `userId` may use `template`: its creator, global or public ones, their teams' ones.
    func mayUse(_ template: TaskTemplate, _ userId: String, in operations: any DocumentOperations) async throws -> Bool {
        if template.createdBy == userId || template.isGlobal || template.isPublic { return true }
        if let teamId = template.teamId,
           let team = try await DocumentCollection(WorkTeam.self, in: operations).first(.and([.equal("_id", .string(teamId)), .equal("tenantId", .string(template.tenantId))])) {
            return team.isActiveMember(userId)
        }
        return try await isAdmin(userId, in: operations)
    }

    /// `work.create-task-template.v1`.
    public func createTaskTemplate(_ command: CreateTaskTemplateV1, envelope: MessageEnvelope) async throws -> TaskTemplateV1 {
        let caller = try envelope.signedInActor()
        let name = try WorkRules.text(command.name, field: "name", 1...100)
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 1_000)
        let body = try TeamRules.templateBody(command.template)
        return try await work.once(envelope) { tx in
            if command.isGlobal { try await requireAdmin(caller, in: tx.operations) }
            if let teamId = command.teamId {
                let team = try await workTeam(teamId, tenant: tx.tenant, in: tx.operations)
                let callerIsAdmin = try await isAdmin(caller, in: tx.operations)
                guard team.isActiveMember(caller) || callerIsAdmin else {
                    throw ContractError(.notFound, "no team \(teamId)", details: ["field": "teamId"])
                }
            }
            let template = TaskTemplate(
                id: Self.newId(), tenantId: tx.tenant, name: name, description: description, category: command.category, template: body, isGlobal: command.isGlobal,
                isPublic: command.isPublic, usageCount: 0, createdBy: caller, teamId: command.teamId, isActive: true, lastUsed: nil,
                createdAt: tx.now, updatedAt: tx.now)
            try await tx.taskTemplates.insert(template)
            return template.view
        }
    }

    /// `work.update-task-template.v1`: its creator or an admin.
    public func updateTaskTemplate(_ command: UpdateTaskTemplateV1, envelope: MessageEnvelope) async throws -> TaskTemplateV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.templateId, field: "templateId")
        let name = try command.name.map { raw throws(ContractError) in try WorkRules.text(raw, field: "name", 1...100) }
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 1_000)
        let body = try command.template.map { raw throws(ContractError) in try TeamRules.templateBody(raw) }
        return try await work.once(envelope) { tx in
            guard var template = try await tx.taskTemplates.first(.and([.equal("_id", .string(id)), .equal("tenantId", .string(tx.tenant))])), try await mayUse(template, caller, in: tx.operations) else {
                throw ContractError(.notFound, "no task template \(id)", details: ["field": "templateId"])
            }
            let callerIsAdmin = try await isAdmin(caller, in: tx.operations)
            guard template.createdBy == caller || callerIsAdmin else {
                throw ContractError(.forbidden, "only its creator or an admin changes a template", details: ["rule": "creator_only"])
            }
            if let name { template.name = name }
            if let description { template.description = description }
            if let body { template.template = body }
            if let isPublic = command.isPublic { template.isPublic = isPublic }
            if let isActive = command.isActive { template.isActive = isActive }
            template.updatedAt = tx.now
            try await tx.taskTemplates.replace(template)
            return template.view
        }
    }

    /// `work.list-task-templates.v1`: most used first.
    public func listTaskTemplates(_ command: ListTaskTemplatesV1, envelope: MessageEnvelope) async throws -> TaskTemplateListV1 {
        let caller = try envelope.signedInActor()
        return try await work.mapStoreErrors {
            let teams = try await DocumentCollection(WorkTeam.self, in: store).find(.and([.equal("tenantId", .string(Self.tenant(of: envelope))), .equal("members.userId", .string(caller))]))
                .filter { $0.isActiveMember(caller) }.map { DocumentValue.string($0.id) }
            var filters: [Filter] = [
                .equal("tenantId", .string(Self.tenant(of: envelope))), .equal("isActive", .bool(true)),
                .or([.equal("createdBy", .string(caller)), .equal("isGlobal", .bool(true)), .equal("isPublic", .bool(true)), .isIn("teamId", teams)]),
            ]
            if let category = command.category { filters.append(.equal("category", .string(category.rawValue))) }
            let templates = try await DocumentCollection(TaskTemplate.self, in: store).find(
                .and(filters), options: FindOptions(sort: [SortKey("usageCount", .descending), SortKey("name")], limit: 200))
            return TaskTemplateListV1(templates: templates.map(\.view))
        }
    }

    /// `work.create-task-from-template.v1`: required fields enforced, checklist and tags copied, the
    /// template's usage count and last use updated, all in one transaction.
    public func createTaskFromTemplate(_ command: CreateTaskFromTemplateV1, envelope: MessageEnvelope) async throws -> TaskV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.templateId, field: "templateId")
        let boardId = try WorkRules.id(command.boardId, field: "boardId")
        let fields = command.fields
        let title = try fields.title.map { raw throws(ContractError) in try TaskRules.title(raw, field: "fields.title") }
        let description = try WorkRules.optionalText(fields.description, field: "fields.description", maximum: 10_000)
        let estimate = try fields.estimatedHours.map { value throws(ContractError) in try TaskRules.hours(value, field: "fields.estimatedHours") }
        return try await work.once(envelope) { tx in
            guard var template = try await tx.taskTemplates.first(.and([.equal("_id", .string(id)), .equal("tenantId", .string(tx.tenant))])), template.isActive,
                  try await mayUse(template, caller, in: tx.operations)
            else { throw ContractError(.notFound, "no task template \(id)", details: ["field": "templateId"]) }
            let given: [TemplateField: Bool] = [
                .title: title != nil, .description: description != nil, .assigneeId: fields.assigneeId != nil, .dueDate: fields.dueDate != nil,
                .estimatedHours: estimate != nil, .sprintId: fields.sprintId != nil,
            ]
            if let missing = template.template.requiredFields.first(where: { given[$0] != true }) {
                throw WorkRules.invalid("the template requires '\(missing.rawValue)'", field: "fields.\(missing.rawValue)", rule: "required")
            }
            let body = template.template
            let new = NewTask(
                boardId: boardId, columnId: command.columnId, position: nil, title: title ?? body.title, description: description ?? body.description,
                taskType: body.taskType, priority: fields.priority ?? body.priority, assigneeId: fields.assigneeId, reporterId: nil,
                sprintId: fields.sprintId, milestoneId: nil, dueDate: fields.dueDate, startDate: nil, estimatedHours: estimate ?? body.estimatedHours,
                tagIds: [], tagNames: body.tags, parentTaskId: nil, checklist: body.checklistItems.map(\.text))
            let task = try await insertTask(new, caller: caller, in: tx)
            template.usageCount += 1
            template.lastUsed = tx.now
            template.updatedAt = tx.now
            try await tx.taskTemplates.replace(template)
            return task.view
        }
    }
}
