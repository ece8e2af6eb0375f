import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    /// `work.assign-team-member.v1`: an admin puts someone on the team (or changes their role or
    /// allocation); their allocations over overlapping open sprints stay within 100 %. Messaging adds
    /// them to the sprint's conversation.
    public func assignTeamMember(_ command: AssignTeamMemberV1, envelope: MessageEnvelope) async throws -> SprintV1 {
        let userId = try WorkRules.id(command.userId, field: "userId")
        let allocation = try WorkRules.number(command.allocation, field: "allocation", 1...AllocationRule.limit)
        return try await changeSprint(command.sprintId, envelope: envelope, adminOnly: true) { sprint, tx, _, _ in
            guard sprint.isOpen else {
                throw ContractError(
                    .conflict, "a \(sprint.status.rawValue) sprint's team is final", details: ["field": "status", "rule": "open_sprint", "from": sprint.status.rawValue])
            }
            guard userId != sprint.clientId else {
                throw WorkRules.invalid("the sprint's client is not on its team", field: "userId", rule: "client_not_team")
            }
            let others = try await tx.sprints.find(.and([.equal("assignedTeam.userId", .string(userId)), .equal("tenantId", .string(sprint.tenantId))]))
            try AllocationRule.check(userId, allocation: allocation, on: sprint, others: others)
            let member = TeamMemberV1(userId: userId, role: command.role, allocation: allocation)
            let isNew = !sprint.assignedTeam.contains { $0.userId == userId }
            sprint.assignedTeam.removeAll { $0.userId == userId }
            sprint.assignedTeam.append(member)
            try await tx.publish(TeamMemberAssignedV1(sprintId: sprint.id, member: member, recipients: sprint.people))
            if isNew { try await openConversation(of: sprint, in: tx) }
        }
    }

    /// `work.remove-team-member.v1`: an admin takes someone off the team.
    public func removeTeamMember(_ command: RemoveTeamMemberV1, envelope: MessageEnvelope) async throws -> SprintV1 {
        let userId = try WorkRules.id(command.userId, field: "userId")
        return try await changeSprint(command.sprintId, envelope: envelope, adminOnly: true) { sprint, _, _, _ in
            guard sprint.assignedTeam.contains(where: { $0.userId == userId }) else {
                throw ContractError(.notFound, "\(userId) is not on the sprint's team", details: ["field": "userId"])
            }
            sprint.assignedTeam.removeAll { $0.userId == userId }
        }
    }
}
