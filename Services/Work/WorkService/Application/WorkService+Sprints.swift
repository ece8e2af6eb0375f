import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    /// `work.get-sprint.v1`: a sprint of the caller's (client, team), or any for an admin.
    public func getSprint(_ command: GetSprintV1, envelope: MessageEnvelope) async throws -> SprintV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.sprintId, field: "sprintId")
        return try await work.mapStoreErrors { try await sprint(id, visibleTo: caller, tenant: Self.tenant(of: envelope), in: store).0.view }
    }

    /// `work.list-sprints.v1`: newest first, in the caller's tenant; a client's own and a team
    /// member's, or all of the tenant's for an admin.
    public func listSprints(_ command: ListSprintsV1, envelope: MessageEnvelope) async throws -> SprintPageV1 {
        let caller = try envelope.signedInActor()
        let limit = try WorkRules.limit(command.limit, default: 20)
        let cursor = try PageCursor.fromRequest(command.cursor)
        return try await work.mapStoreErrors {
            var filters: [Filter] = [.equal("tenantId", .string(Self.tenant(of: envelope)))]
            if let status = command.status { filters.append(.equal("status", .string(status.rawValue))) }
            let sprints = DocumentCollection(Sprint.self, in: store)
            let newestFirst = [SortKey("createdAt", .descending)]
            if try await isAdmin(caller, in: store) {
                let page = try await sprints.page(.and(filters), sort: newestFirst, after: cursor, limit: limit)
                return SprintPageV1(sprints: page.items.map(\.summary), nextCursor: page.next?.description)
            }
            // The caller's sprints as client and as team member: two pages, each on its own index,
            // merged (one query with `or` would walk the whole tenant's sprints newest first).
            let own = try await sprints.page(.and(filters + [.equal("clientId", .string(caller))]), sort: newestFirst, after: cursor, limit: limit)
            let team = try await sprints.page(.and(filters + [.equal("assignedTeam.userId", .string(caller))]), sort: newestFirst, after: cursor, limit: limit)
            var seen = Set<String>()
            let merged = (own.items + team.items).filter { seen.insert($0.id).inserted }
                .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
            let page = Array(merged.prefix(limit))
            let more = merged.count > limit || own.next != nil || team.next != nil
            return SprintPageV1(sprints: page.map(\.summary), nextCursor: more ? try page.last.map(Self.cursor(after:))?.description : nil)
        }
    }

    /// The cursor of a newest-first sprint list that continues after `sprint`: its sort values
    /// (`createdAt`, then `_id`) in ``PageCursor``'s own string form, parsed back so that it is one
    /// the store's pages accept.
    static func cursor(after sprint: Sprint) throws -> PageCursor {
        let values: [DocumentValue] = [.date(sprint.createdAt), .string(sprint.id)]
        let text = try JSONEncoder().encode(values).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return try PageCursor(text)
    }

    /// `work.configure-sprint.v1`: an admin sets what a template would have given, before scheduling.
    public func configureSprint(_ command: ConfigureSprintV1, envelope: MessageEnvelope) async throws -> SprintV1 {
        let name = try command.name.map { raw throws(ContractError) in try WorkRules.text(raw, field: "name", 1...200) }
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 5_000)
        let duration = try command.estimatedDuration.map { raw throws(ContractError) in try WorkRules.number(raw, field: "estimatedDuration", 1...3_650) }
        let requirements = try command.requiredDocuments.map { raw throws(ContractError) in try WorkRules.requirements(raw, field: "requiredDocuments") }
        let packages = try command.packageOptions.map { raw throws(ContractError) in try Self.packages(raw) }
        return try await changeSprint(command.sprintId, envelope: envelope, adminOnly: true) { sprint, tx, _, _ in
            guard sprint.isConfigurable else {
                throw ContractError(
                    .conflict, "a \(sprint.status.rawValue) sprint's configuration is fixed",
                    details: ["field": "status", "rule": "configurable", "from": sprint.status.rawValue])
            }
            if let name { sprint.name = name }
            if let description { sprint.description = description }
            if let type = command.type { sprint.type = type }
            if let duration { sprint.estimatedDuration = duration }
            if let packages {
                sprint.packageOptions = packages
                if let selected = sprint.selectedPackage, !packages.contains(where: { $0.id == selected }) { sprint.selectedPackage = nil }
            }
            if let requirements {
                let previous = Dictionary(sprint.requiredDocuments.map { ($0.requirement.fieldName, $0) }, uniquingKeysWith: { first, _ in first })
                sprint.requiredDocuments = requirements.map { requirement in
                    var state = previous[requirement.fieldName] ?? RequiredDocumentStateV1(requirement: requirement, status: .missing, documentId: nil, updatedAt: nil)
                    state.requirement = requirement
                    return state
                }
                try await sendRequirements(of: sprint, in: tx)
                if sprint.status == .documentsRequired { try await requestDocuments(of: sprint, in: tx) }
            }
        }
    }

    /// `work.change-sprint-status.v1`: an admin moves the sprint; the machine and the rules of the
    /// target are checked, the move is recorded and announced.
    public func changeSprintStatus(_ command: ChangeSprintStatusV1, envelope: MessageEnvelope) async throws -> SprintV1 {
        let reason = try WorkRules.optionalText(command.reason, field: "reason", maximum: 1_000)
        return try await changeSprint(command.sprintId, envelope: envelope, adminOnly: true) { sprint, tx, caller, _ in
            try await move(&sprint, to: command.status, by: caller, reason: reason, in: tx)
        }
    }

    /// `work.select-package.v1`: the client (or an admin) picks a package while the sprint is in
    /// package_selection.
    public func selectPackage(_ command: SelectPackageV1, envelope: MessageEnvelope) async throws -> SprintV1 {
        let packageId = try WorkRules.id(command.packageId, field: "packageId")
        return try await changeSprint(command.sprintId, envelope: envelope, adminOnly: false) { sprint, _, caller, admin in
            guard admin || sprint.clientId == caller else {
                throw ContractError(.forbidden, "only the sprint's client or an admin picks its package", details: ["rule": "client_only"])
            }
            guard sprint.status == .packageSelection else {
                throw ContractError(
                    .conflict, "packages are picked in package_selection, not \(sprint.status.rawValue)",
                    details: ["field": "status", "rule": "package_selection_only", "from": sprint.status.rawValue])
            }
            guard sprint.packageOptions.contains(where: { $0.id == packageId }) else {
                throw WorkRules.invalid("the sprint offers no package \(packageId)", field: "packageId", rule: "unknown_package")
            }
            sprint.selectedPackage = packageId
        }
    }

    /// `work.schedule-sprint.v1`: an admin sets the start date, which places the template's milestones
    /// by day offset and the end date, and moves package_selection → scheduled.
    public func scheduleSprint(_ command: ScheduleSprintV1, envelope: MessageEnvelope) async throws -> SprintV1 {
        return try await changeSprint(command.sprintId, envelope: envelope, adminOnly: true) { sprint, tx, caller, _ in
            let start = command.startDate
            if let early = sprint.milestones.first(where: { $0.dayOffset == nil && ($0.dueDate.map { $0 < start } ?? false) }) {
                throw WorkRules.invalid(
                    "milestone '\(early.name)' is due before \(start); a sprint starts before its milestones", field: "startDate", rule: "milestone_before_start")
            }
            var placed = sprint
            placed.startDate = start
            for index in placed.milestones.indices {
                if let offset = placed.milestones[index].dayOffset {
                    placed.milestones[index].dueDate = start.addingTimeInterval(Double(offset) * 86_400)
                }
            }
            let lastMilestone = placed.milestones.compactMap(\.dueDate).max()
            let planned = placed.estimatedDuration.map { start.addingTimeInterval(Double($0) * 86_400) }
                ?? placed.packageOptions.first { $0.id == placed.selectedPackage }.map { start.addingTimeInterval(Double($0.duration) * 7 * 86_400) }
            placed.endDate = [lastMilestone, planned].compactMap { $0 }.max()
            // The machine checks the package and the start date on the placed copy; nothing is kept if it refuses.
            try await move(&placed, to: .scheduled, by: caller, reason: nil, in: tx)
            sprint = placed
        }
    }

    // MARK: - Shared steps

    /// Moves `sprint` to `target` (checked by the machine), and announces it: the status change to
    /// everyone in the sprint, and a document request to the client on entering documents_required.
    func move(_ sprint: inout Sprint, to target: SprintStatus, by actor: String, reason: String?, in tx: Transaction) async throws {
        let change = try sprint.move(to: target, by: actor, at: tx.now, reason: reason)
        try await tx.publish(SprintStatusChangedV1(sprintId: sprint.id, change: change, recipients: sprint.people))
        if target == .documentsRequired { try await requestDocuments(of: sprint, in: tx) }
    }

    /// Asks the client for the documents still awaited (nothing when none is).
    func requestDocuments(of sprint: Sprint, in tx: Transaction) async throws {
        let awaited = sprint.awaitedDocuments.map(\.requirement)
        guard !awaited.isEmpty else { return }
        try await tx.publish(DocumentsRequestedV1(sprintId: sprint.id, requirements: awaited, recipients: [sprint.clientId]))
    }

    /// Tells documents what the sprint requires (types, sizes) and who reviews it.
    func sendRequirements(of sprint: Sprint, in tx: Transaction) async throws {
        try await tx.send(SetSprintRequirementsV1(
            sprintId: sprint.id, tenantId: sprint.tenantId, clientId: sprint.clientId, adminIds: [sprint.adminId],
            requiredDocuments: sprint.requiredDocuments.map {
                RequiredDocumentV1(
                    fieldName: $0.requirement.fieldName, label: $0.requirement.label, isRequired: $0.requirement.isRequired,
                    fileTypes: $0.requirement.fileTypes, maxFileSize: $0.requirement.maxFileSize)
            }))
    }

    /// Asks messaging to open the sprint's conversation with its client, admin and team (again: it
    /// adds whoever is missing).
    func openConversation(of sprint: Sprint, in tx: Transaction) async throws {
        try await tx.send(OpenSprintConversationV1(
            sprintId: sprint.id, title: String(sprint.name.prefix(100)), clientId: sprint.clientId, adminIds: [sprint.adminId],
            teamMemberIds: sprint.assignedTeam.map(\.userId)))
    }

    /// Creates the one sprint of an approved questionnaire, from its template when it chose one, and
    /// in the same transaction asks messaging for the sprint's conversation and tells documents its
    /// requirements.
    func openSprint(for questionnaire: Questionnaire, admin: String, in tx: Transaction) async throws -> Sprint {
        let startup = questionnaire.basicInfo?.startupName ?? "Sprint"
        var template: ServiceTemplate?
        if let service = questionnaire.serviceSelection?.selectedService {
            template = try await tx.templates.first(.equal("_id", .string(service)))
        }
        var sprint = Sprint(
            id: Self.newId(), tenantId: questionnaire.tenantId, clientId: questionnaire.userId, questionnaireId: questionnaire.id, adminId: admin,
            templateId: template?.id, name: template.map { "\(startup): \($0.name)" } ?? startup,
            description: questionnaire.basicInfo?.taskDescription ?? questionnaire.serviceSelection?.customRequest, type: template?.sprintType ?? .custom,
            startDate: nil, endDate: nil, estimatedDuration: template?.defaultDuration, actualDuration: nil, assignedTeam: [], status: .created,
            pausedFrom: nil, statusHistory: [], requiredDocuments: [], packageOptions: [], selectedPackage: nil, milestones: [],
            progress: ProgressV1(percentage: 0, currentPhase: SprintStatus.created.rawValue, lastUpdated: tx.now, completedMilestones: 0, totalMilestones: 0),
            meetings: [], dueAnnounced: [], createdAt: tx.now, updatedAt: tx.now)
        if let template {
            sprint.requiredDocuments = template.requiredDocuments.map {
                RequiredDocumentStateV1(requirement: $0, status: .missing, documentId: nil, updatedAt: nil)
            }
            let weeks = max(1, (template.defaultDuration + 6) / 7)
            sprint.packageOptions = template.packages.map {
                PackageOptionV1(
                    id: Self.newId(), name: $0.name, description: $0.description, price: $0.basePrice, currency: $0.currency,
                    engagementHours: $0.engagementHours, duration: weeks, features: $0.features, teamSize: template.recommendedTeamSize,
                    communicationLevel: .regular)
            }
            sprint.milestones = template.defaultMilestones.map {
                MilestoneV1(
                    id: Self.newId(), name: $0.name, description: $0.description, dueDate: nil, dayOffset: $0.dayOffset, status: .pending,
                    deliverables: $0.deliverables, completedAt: nil, notes: nil)
            }
        }
        sprint.deriveProgress(at: tx.now)
        try await tx.sprints.insert(sprint)
        try await openConversation(of: sprint, in: tx)
        try await sendRequirements(of: sprint, in: tx)
        try await tx.publish(SprintCreatedV1(sprint: sprint.summary, recipients: sprint.people))
        return sprint
    }

    /// Package options with every field checked and a new id each.
    static func packages(_ raw: [PackageOptionInputV1]) throws(ContractError) -> [PackageOptionV1] {
        guard raw.count <= 10 else { throw WorkRules.invalid("a sprint offers at most 10 packages", field: "packageOptions", rule: "count") }
        var result: [PackageOptionV1] = []
        for (index, package) in raw.enumerated() {
            let at = "packageOptions.\(index)"
            result.append(PackageOptionV1(
                id: newId(), name: try WorkRules.text(package.name, field: "\(at).name", 1...100),
                description: try WorkRules.optionalText(package.description, field: "\(at).description", maximum: 1_000),
                price: try WorkRules.price(package.price, field: "\(at).price"), currency: try WorkRules.currency(package.currency, field: "\(at).currency"),
                engagementHours: try WorkRules.number(package.engagementHours, field: "\(at).engagementHours", 1...168),
                duration: try WorkRules.number(package.duration, field: "\(at).duration", 1...520),
                features: try WorkRules.texts(package.features, field: "\(at).features"),
                teamSize: try WorkRules.number(package.teamSize, field: "\(at).teamSize", 1...100), communicationLevel: package.communicationLevel))
        }
        return result
    }
}
