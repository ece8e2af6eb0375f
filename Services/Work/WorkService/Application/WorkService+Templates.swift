import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    /// `work.create-service-template.v1` (admins).
    public func createServiceTemplate(_ command: CreateServiceTemplateV1, envelope: MessageEnvelope) async throws -> ServiceTemplateV1 {
        let caller = try envelope.signedInActor()
        let input = try TemplateRules.input(command.template)
        return try await work.once(envelope) { tx in
            try await requireAdmin(caller, in: tx.operations)
            let template = ServiceTemplate(
                id: Self.newId(), name: input.name, description: input.description, category: input.category, defaultDuration: input.defaultDuration,
                recommendedTeamSize: input.recommendedTeamSize, packages: input.packages, requiredDocuments: input.requiredDocuments,
                defaultMilestones: input.defaultMilestones, isActive: input.isActive ?? true, createdBy: caller, createdAt: tx.now, updatedAt: tx.now)
            try await tx.templates.insert(template)
            return template.view
        }
    }

    /// `work.update-service-template.v1` (admins): replaces the configuration; sprints made from it keep theirs.
    public func updateServiceTemplate(_ command: UpdateServiceTemplateV1, envelope: MessageEnvelope) async throws -> ServiceTemplateV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.templateId, field: "templateId")
        let input = try TemplateRules.input(command.template)
        return try await work.once(envelope) { tx in
            try await requireAdmin(caller, in: tx.operations)
            guard var template = try await tx.templates.first(.equal("_id", .string(id))) else {
                throw ContractError(.notFound, "no service template \(id)", details: ["field": "templateId"])
            }
            template.name = input.name
            template.description = input.description
            template.category = input.category
            template.defaultDuration = input.defaultDuration
            template.recommendedTeamSize = input.recommendedTeamSize
            template.packages = input.packages
            template.requiredDocuments = input.requiredDocuments
            template.defaultMilestones = input.defaultMilestones
            template.isActive = input.isActive ?? template.isActive
            template.updatedAt = tx.now
            try await tx.templates.replace(template)
            return template.view
        }
    }

    /// `work.get-service-template.v1`: active ones for everyone, any for admins.
    public func getServiceTemplate(_ command: GetServiceTemplateV1, envelope: MessageEnvelope) async throws -> ServiceTemplateV1 {
        let caller = try envelope.signedInActor()
        let id = try WorkRules.id(command.templateId, field: "templateId")
        return try await work.mapStoreErrors {
            let found = try await DocumentCollection(ServiceTemplate.self, in: store).first(.equal("_id", .string(id)))
            let admin = try await isAdmin(caller, in: store)
            guard let template = found, template.isActive || admin else { throw ContractError(.notFound, "no service template \(id)", details: ["field": "templateId"]) }
            return template.view
        }
    }

    /// `work.list-service-templates.v1`: by name; inactive ones only for admins who ask.
    public func listServiceTemplates(_ command: ListServiceTemplatesV1, envelope: MessageEnvelope) async throws -> ServiceTemplateListV1 {
        let caller = try envelope.signedInActor()
        return try await work.mapStoreErrors {
            if command.includeInactive == true { try await requireAdmin(caller, in: store) }
            var filters: [Filter] = []
            if let category = command.category { filters.append(.equal("category", .string(category.rawValue))) }
            if command.includeInactive != true { filters.append(.equal("isActive", .bool(true))) }
            let templates = try await DocumentCollection(ServiceTemplate.self, in: store).find(
                filters.isEmpty ? .all : .and(filters), options: FindOptions(sort: [SortKey("name")], limit: 500))
            return ServiceTemplateListV1(templates: templates.map(\.view))
        }
    }
}
