import Foundation
public import Logging
import SeedContracts
public import SeedServiceKit
import SeedStore

/// The business-ai service's use cases (seed 002): businesses, their teams and custom roles. Each
/// state change commits through ``work`` (one transaction per message, with the events it stages).
///
/// Isolation: every read of a business's data filters by its id, and every command first resolves
/// the caller's active membership of that business; a business the caller is not a member of is
/// `not_found` (its existence does not leak), a missing permission flag is `forbidden` naming it.
public struct BusinessAIService: Sendable {
    let work: UnitOfWork
    let logger: Logger
    /// Chroma, the embedder and the public chat's parts; nil in tests of teams alone (the knowledge
    /// commands then answer `unavailable`).
    public let knowledge: BusinessKnowledge?

    public init(work: UnitOfWork, knowledge: BusinessKnowledge? = nil, logger: Logger = Logger(label: "seed.business-ai")) {
        self.work = work
        self.knowledge = knowledge
        self.logger = logger
    }

    /// The knowledge parts, or `unavailable`.
    func knowledgeParts() throws(ContractError) -> BusinessKnowledge {
        guard let knowledge else { throw ContractError(.unavailable, "business-ai runs without its vector store") }
        return knowledge
    }

    var store: any DocumentStore { work.store }

    /// The business `id`, or `not_found` naming `businessId`.
    func business(_ id: String, in operations: any DocumentOperations) async throws -> Business {
        guard let business = try await DocumentCollection(Business.self, in: operations).first(.equal("_id", .string(id))) else {
            throw ContractError(.notFound, "no business \(id)", details: ["field": "businessId"])
        }
        return business
    }

    /// The caller's active membership of `businessId` with the business; `not_found` for a business the
    /// caller is not an active member of, `forbidden` naming the flag when `permission` is false.
    func membership(
        _ user: String, of businessId: String, needs permission: KeyPath<BusinessPermissionsV1, Bool>? = nil, named name: String = "",
        in operations: any DocumentOperations
    ) async throws -> (Business, BusinessMember) {
        let member = try await DocumentCollection(BusinessMember.self, in: operations).first(.and([
            .equal("businessId", .string(businessId)), .equal("userId", .string(user)), .equal("status", .string(BusinessMemberStatus.active.rawValue)),
        ]))
        guard let member else { throw ContractError(.notFound, "no business \(businessId)", details: ["field": "businessId"]) }
        if let permission, !member.permissions[keyPath: permission] {
            throw ContractError(.forbidden, "your role in this business lacks \(name)", details: ["field": name])
        }
        return (try await business(businessId, in: operations), member)
    }

    /// The active owners of a business.
    func ownerCount(of businessId: String, in operations: any DocumentOperations) async throws -> Int {
        try await DocumentCollection(BusinessMember.self, in: operations).count(.and([
            .equal("businessId", .string(businessId)), .equal("role", .string(BusinessRole.owner.rawValue)),
            .equal("status", .string(BusinessMemberStatus.active.rawValue)),
        ]))
    }

    /// Members counted against `maxTeamMembers`: active and invited.
    func seatCount(of businessId: String, in operations: any DocumentOperations) async throws -> Int {
        try await DocumentCollection(BusinessMember.self, in: operations).count(.and([
            .equal("businessId", .string(businessId)),
            .isIn("status", [.string(BusinessMemberStatus.active.rawValue), .string(BusinessMemberStatus.invited.rawValue)]),
        ]))
    }

    /// Refreshes `stats.totalTeamMembers` (active members) of `business`.
    func recountTeam(_ business: inout Business, in tx: Transaction) async throws {
        business.stats.totalTeamMembers = try await tx.members.count(.and([
            .equal("businessId", .string(business.id)), .equal("status", .string(BusinessMemberStatus.active.rawValue)),
        ]))
    }
}
