import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    /// How long before its due date a milestone is announced as due.
    static let dueNotice: TimeInterval = 2 * 86_400

    /// `work.add-milestone.v1`: an admin adds a milestone due on or after the sprint's start.
    public func addMilestone(_ command: AddMilestoneV1, envelope: MessageEnvelope) async throws -> SprintV1 {
        let name = try WorkRules.text(command.name, field: "name", 1...100)
        let description = try WorkRules.optionalText(command.description, field: "description", maximum: 1_000)
        let deliverables = try WorkRules.texts(command.deliverables, field: "deliverables")
        return try await changeSprint(command.sprintId, envelope: envelope, adminOnly: true) { sprint, tx, _, _ in
            guard sprint.isOpen else {
                throw ContractError(.conflict, "a \(sprint.status.rawValue) sprint's milestones are final", details: ["field": "status", "rule": "open_sprint"])
            }
            try Self.checkDue(command.dueDate, of: sprint)
            guard sprint.milestones.count < 50 else { throw WorkRules.invalid("a sprint has at most 50 milestones", field: "milestones", rule: "count") }
            let milestone = MilestoneV1(
                id: Self.newId(), name: name, description: description, dueDate: command.dueDate, dayOffset: nil, status: .pending,
                deliverables: deliverables, completedAt: nil, notes: nil)
            sprint.milestones.append(milestone)
            sprint.deriveProgress(at: tx.now)
            try await tx.publish(MilestoneUpdatedV1(sprintId: sprint.id, milestone: milestone, progress: sprint.progress, recipients: sprint.people))
        }
    }

    /// `work.update-milestone.v1`: an admin or a team member moves a milestone on (pending →
    /// in_progress → completed, while the sprint is active) or changes its deliverables, notes or due
    /// date; the progress follows.
    public func updateMilestone(_ command: UpdateMilestoneV1, envelope: MessageEnvelope) async throws -> SprintV1 {
        let milestoneId = try WorkRules.id(command.milestoneId, field: "milestoneId")
        let notes = try WorkRules.optionalText(command.notes, field: "notes", maximum: 2_000)
        let deliverables = try command.deliverables.map { raw throws(ContractError) in try WorkRules.texts(raw, field: "deliverables") }
        return try await changeSprint(command.sprintId, envelope: envelope, adminOnly: false) { sprint, tx, caller, admin in
            guard admin || sprint.assignedTeam.contains(where: { $0.userId == caller }) else {
                throw ContractError(.forbidden, "only the sprint's team and admins change its milestones", details: ["rule": "team_only"])
            }
            guard let index = sprint.milestones.firstIndex(where: { $0.id == milestoneId }) else {
                throw ContractError(.notFound, "no milestone \(milestoneId) in this sprint", details: ["field": "milestoneId"])
            }
            var milestone = sprint.milestones[index]
            if let status = command.status, status != milestone.status {
                guard sprint.status == .active else {
                    throw ContractError(
                        .conflict, "milestones move while the sprint is active, not \(sprint.status.rawValue)",
                        details: ["field": "status", "rule": "active_sprint", "from": sprint.status.rawValue])
                }
                guard MilestoneMachine.canMove(from: milestone.status, to: status) else {
                    throw ContractError(
                        .conflict, "a \(milestone.status.rawValue) milestone cannot become \(status.rawValue)",
                        details: ["field": "milestones.status", "rule": "milestone_transition", "from": milestone.status.rawValue, "to": status.rawValue])
                }
                milestone.status = status
                if status == .completed { milestone.completedAt = tx.now }
            }
            if let due = command.dueDate {
                try Self.checkDue(due, of: sprint)
                milestone.dueDate = due
                milestone.dayOffset = nil
                sprint.dueAnnounced.removeAll { $0 == milestone.id }
            }
            if let deliverables { milestone.deliverables = deliverables }
            if let notes { milestone.notes = notes }
            sprint.milestones[index] = milestone
            sprint.deriveProgress(at: tx.now)
            try await tx.publish(MilestoneUpdatedV1(sprintId: sprint.id, milestone: milestone, progress: sprint.progress, recipients: sprint.people))
        }
    }

    /// Marks the late milestones of active sprints overdue and announces them, and announces (once)
    /// those due within ``dueNotice``. Each sprint is one transaction, named after the sprint and the
    /// moment, so a sweep that runs twice for the same moment changes nothing the second time.
    /// Returns how many milestones became overdue.
    public func sweepMilestones() async throws -> Int {
        let now = work.now
        let sprints = try await work.mapStoreErrors {
            try await DocumentCollection(Sprint.self, in: store).find(.equal("status", .string(SprintStatus.active.rawValue)))
        }
        var overdue = 0
        for candidate in sprints where candidate.milestones.contains(where: { Self.isLate($0, at: now) || Self.isDueSoon($0, in: candidate, at: now) }) {
            try Task.checkCancellation()
            let envelope = MessageEnvelope(
                messageId: "milestone-sweep/\(candidate.id)/\(Int(now.timeIntervalSince1970))", type: MessageType("work.milestone-sweep", version: 1),
                tenant: candidate.tenantId, actor: Self.systemActor)
            overdue += try await work.once(envelope, consumer: "work.milestone-sweep") { tx in
                guard var sprint = try await tx.sprints.first(.equal("_id", .string(candidate.id))), sprint.status == .active else { return 0 }
                var marked = 0
                for index in sprint.milestones.indices {
                    let milestone = sprint.milestones[index]
                    if Self.isLate(milestone, at: tx.now) {
                        sprint.milestones[index].status = .overdue
                        marked += 1
                        try await tx.publish(MilestoneOverdueV1(sprintId: sprint.id, milestone: sprint.milestones[index], recipients: sprint.people))
                    } else if Self.isDueSoon(milestone, in: sprint, at: tx.now) {
                        sprint.dueAnnounced.append(milestone.id)
                        try await tx.publish(MilestoneDueV1(sprintId: sprint.id, milestone: milestone, recipients: sprint.people))
                    }
                }
                sprint.updatedAt = tx.now
                sprint.deriveProgress(at: tx.now)
                try await tx.sprints.replace(sprint)
                return marked
            }
        }
        return overdue
    }

    static func isLate(_ milestone: MilestoneV1, at now: Date) -> Bool {
        (milestone.status == .pending || milestone.status == .inProgress) && (milestone.dueDate.map { $0 < now } ?? false)
    }

    static func isDueSoon(_ milestone: MilestoneV1, in sprint: Sprint, at now: Date) -> Bool {
        guard milestone.status == .pending || milestone.status == .inProgress, let due = milestone.dueDate, !sprint.dueAnnounced.contains(milestone.id)
        else { return false }
        return due >= now && due.timeIntervalSince(now) <= dueNotice
    }

    /// A due date must not be before the sprint's start.
    static func checkDue(_ due: Date, of sprint: Sprint) throws(ContractError) {
        if let start = sprint.startDate, due < start {
            throw WorkRules.invalid("a milestone cannot be due before the sprint starts (\(start))", field: "dueDate", rule: "milestone_before_start")
        }
    }
}
