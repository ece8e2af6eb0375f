import Foundation
import SeedContracts

/// A service template (seed 000 `service_templates`): what a sprint made from it starts with.
struct ServiceTemplate: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var description: String?
    var category: TemplateCategory
    var defaultDuration: Int
    var recommendedTeamSize: Int
    var packages: [TemplatePackageV1]
    var requiredDocuments: [DocumentRequirementV1]
    var defaultMilestones: [TemplateMilestoneV1]
    var isActive: Bool
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", name, description, category, defaultDuration, recommendedTeamSize, packages, requiredDocuments, defaultMilestones,
             isActive, createdBy, createdAt, updatedAt
    }

    var view: ServiceTemplateV1 {
        ServiceTemplateV1(
            id: id, name: name, description: description, category: category, defaultDuration: defaultDuration,
            recommendedTeamSize: recommendedTeamSize, packages: packages, requiredDocuments: requiredDocuments,
            defaultMilestones: defaultMilestones, isActive: isActive, createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// The sprint type of the template's category.
    var sprintType: SprintType {
        switch category {
        case .mvp: .mvp
        case .validation: .validation
        case .branding: .branding
        case .consulting: .custom
        }
    }
}

/// The rules of a template's configuration.
enum TemplateRules {
    /// The input with every field checked and normalised.
    static func input(_ raw: ServiceTemplateInputV1) throws(ContractError) -> ServiceTemplateInputV1 {
        var input = raw
        input.name = try WorkRules.text(raw.name, field: "template.name", 1...100)
        input.description = try WorkRules.optionalText(raw.description, field: "template.description", maximum: 2_000)
        input.defaultDuration = try WorkRules.number(raw.defaultDuration, field: "template.defaultDuration", 1...3_650)
        input.recommendedTeamSize = try WorkRules.number(raw.recommendedTeamSize, field: "template.recommendedTeamSize", 1...100)
        guard raw.packages.count <= 10 else { throw WorkRules.invalid("a template offers at most 10 packages", field: "template.packages", rule: "count") }
        input.packages = try raw.packages.enumerated().map { index, package throws(ContractError) in
            let at = "template.packages.\(index)"
            return TemplatePackageV1(
                name: try WorkRules.text(package.name, field: "\(at).name", 1...100),
                description: try WorkRules.optionalText(package.description, field: "\(at).description", maximum: 1_000),
                basePrice: try WorkRules.price(package.basePrice, field: "\(at).basePrice"),
                currency: try WorkRules.currency(package.currency, field: "\(at).currency"),
                engagementHours: try WorkRules.number(package.engagementHours, field: "\(at).engagementHours", 1...168),
                features: try WorkRules.texts(package.features, field: "\(at).features"))
        }
        input.requiredDocuments = try WorkRules.requirements(raw.requiredDocuments, field: "template.requiredDocuments")
        guard raw.defaultMilestones.count <= 50 else {
            throw WorkRules.invalid("a template plans at most 50 milestones", field: "template.defaultMilestones", rule: "count")
        }
        input.defaultMilestones = try raw.defaultMilestones.enumerated().map { index, milestone throws(ContractError) in
            let at = "template.defaultMilestones.\(index)"
            return TemplateMilestoneV1(
                name: try WorkRules.text(milestone.name, field: "\(at).name", 1...100),
                description: try WorkRules.optionalText(milestone.description, field: "\(at).description", maximum: 1_000),
                dayOffset: try WorkRules.number(milestone.dayOffset, field: "\(at).dayOffset", 0...3_650),
                deliverables: try WorkRules.texts(milestone.deliverables, field: "\(at).deliverables"))
        }
        return input
    }
}

/// What work knows of a user, from identity's events: whether they administer the platform.
struct DirectoryEntry: Codable, Sendable, Equatable {
    var id: String
    var role: UserRole
    var status: String
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", role, status, updatedAt
    }

    var isAdmin: Bool { role.isAdministrator && status == "active" }
}
