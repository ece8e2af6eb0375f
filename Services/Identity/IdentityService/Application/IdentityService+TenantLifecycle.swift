import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension IdentityService {
    /// `identity.list-tenants.v1`: super administrators.
    public func listTenants(_ command: ListTenantsV1, envelope: MessageEnvelope) async throws -> TenantListV1 {
        if let status = command.status, !["active", "suspended"].contains(status) {
            throw ContractError.validation("status is active or suspended", field: "status")
        }
        return try await work.mapStoreErrors {
            try await superAdministrator(envelope, in: store)
            let filter: Filter = command.status.map { .equal("status", .string($0)) } ?? .all
            let tenants = try await DocumentCollection(Tenant.self, in: store).find(filter, options: FindOptions(sort: [SortKey("_id")], limit: 1000))
            return TenantListV1(tenants: tenants.map(\.view))
        }
    }

    /// `identity.get-tenant.v1`: administrators.
    public func tenant(_ command: GetTenantV1, envelope: MessageEnvelope) async throws -> TenantV1 {
        try await work.mapStoreErrors {
            _ = try await administrator(envelope, in: store)
            return try await existingTenant(command.tenantId, in: store).view
        }
    }

    /// `identity.update-tenant.v1`: super administrators; a users quota below the tenant's current
    /// number of users, or a storage quota below the bytes it stores, is a conflict naming the quota.
    /// New quotas or plan are announced.
    public func updateTenant(_ command: UpdateTenantV1, envelope: MessageEnvelope) async throws -> TenantV1 {
        let name = try CredentialRules.text(command.name, field: "name", limit: 100)
        if let plan = command.plan { try Tenant.validate(plan: plan) }
        if let quotas = command.quotas { try Tenant.validate(quotas: quotas) }
        return try await work.once(envelope) { tx in
            let admin = try await superAdministrator(tx.envelope, in: tx.operations)
            var tenant = try await existingTenant(command.tenantId, in: tx.operations)
            let before = tenant
            if let name { tenant.name = name }
            if let plan = command.plan { tenant.plan = plan }
            if let quotas = command.quotas {
                if let limit = quotas.users {
                    let users = try await tx.users.count(.and([.equal("tenantId", .string(tenant.id)), .exists("deletedAt", false)]))
                    guard limit >= users else {
                        throw ContractError(.conflict, "tenant \(tenant.id) has \(users) users already; the users quota cannot be lower",
                                            details: ["field": "quotas.users", "current": String(users)])
                    }
                }
                if let limit = quotas.storageBytes {
                    // The bytes identity saw stored from documents' events (decision 0035).
                    let used = try await storageUsed(by: tenant.id, in: tx.operations)
                    guard limit >= used else {
                        throw ContractError(.conflict, "tenant \(tenant.id) stores \(used) bytes already; the storage quota cannot be lower",
                                            details: ["field": "quotas.storageBytes", "current": String(used)])
                    }
                }
                tenant.quotas = quotas
            }
            guard tenant != before else { return tenant.view }
            if tenant.quotas != before.quotas || tenant.plan != before.plan { tenant.quotasVersion = (tenant.quotasVersion ?? 0) + 1 }
            tenant.updatedAt = tx.now
            try await tx.tenants.replace(tenant)
            try await tx.record(AuditEntry(action: "update", user: admin, actorId: admin.id, resource: "tenant", resourceId: tenant.id, client: nil, now: tx.now))
            if tenant.quotas != before.quotas || tenant.plan != before.plan {
                try await tx.publish(TenantQuotasChangedV1(
                    tenantId: tenant.id, plan: tenant.plan, quotas: tenant.quotas ?? TenantQuotasV1(), version: tenant.quotasVersion))
            }
            return tenant.view
        }
    }

    /// `identity.set-tenant-status.v1`: super administrators suspend or reactivate a tenant.
    public func setTenantStatus(_ command: SetTenantStatusV1, envelope: MessageEnvelope) async throws -> TenantV1 {
        guard ["active", "suspended"].contains(command.status) else {
            throw ContractError.validation("status is active or suspended", field: "status")
        }
        let reason = try CredentialRules.text(command.reason, field: "reason", limit: 500)
        return try await work.once(envelope) { tx in
            let admin = try await superAdministrator(tx.envelope, in: tx.operations)
            var tenant = try await existingTenant(command.tenantId, in: tx.operations)
            guard tenant.status != command.status else { return tenant.view }
            tenant.status = command.status
            tenant.statusReason = reason
            tenant.updatedAt = tx.now
            try await tx.tenants.replace(tenant)
            try await tx.record(AuditEntry(
                action: command.status == "suspended" ? "suspend" : "reactivate", user: admin, actorId: admin.id, resource: "tenant",
                resourceId: tenant.id, client: nil, metadata: reason.map { ["reason": $0] }, now: tx.now))
            try await tx.publish(TenantStatusChangedV1(tenantId: tenant.id, status: tenant.status, reason: reason))
            return tenant.view
        }
    }

    /// `identity.list-applications.v1`: administrators.
    public func listApplications(_ command: ListApplicationsV1, envelope: MessageEnvelope) async throws -> ApplicationListV1 {
        try await work.mapStoreErrors {
            _ = try await administrator(envelope, in: store)
            _ = try await existingTenant(command.tenantId, in: store)
            let applications = try await DocumentCollection(Application.self, in: store).find(
                .equal("tenantId", .string(command.tenantId)), options: FindOptions(sort: [SortKey("createdAt")], limit: 1000))
            return ApplicationListV1(applications: applications.map(\.view))
        }
    }

    @discardableResult
    func superAdministrator(_ envelope: MessageEnvelope, in operations: any DocumentOperations) async throws -> User {
        let admin = try await administrator(envelope, in: operations)
        guard admin.role == .superAdmin else { throw ContractError(.forbidden, "only a super_admin manages tenants") }
        return admin
    }

    func existingTenant(_ id: String, in operations: any DocumentOperations) async throws -> Tenant {
        guard let tenant = try await DocumentCollection(Tenant.self, in: operations).first(.equal("_id", .string(id))) else {
            throw ContractError(.notFound, "no tenant \(id)", details: ["field": "tenantId"])
        }
        return tenant
    }
}
