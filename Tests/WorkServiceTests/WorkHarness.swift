import Foundation
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@testable import WorkService

/// The work service on a fresh embedded store and a test clock, called as the gateway calls it
/// (the caller in the envelope), with an admin that identity announced and shortcuts for the journey.
struct WorkHarness {
    let fixture: ServiceFixture
    let service: WorkService

    static let admin = "a00000000000000000000001"
    static let client = "c00000000000000000000001"
    static let otherClient = "c00000000000000000000002"
    static let dev = "d00000000000000000000001"

    static func make() async throws -> WorkHarness {
        let fixture = try await ServiceFixture.make(.work, collections: WorkCollections.all)
        let harness = WorkHarness(fixture: fixture, service: WorkService(work: fixture.work))
        try await harness.announce(admin, role: .admin)
        return harness
    }

    func envelope<C: Command>(_ type: C.Type, _ actor: String) -> MessageEnvelope {
        fixture.envelope(type, actor: actor)
    }

    /// Identity announces a user with `role`.
    func announce(_ id: String, role: UserRole) async throws {
        var user = UserV1.example
        user.id = id
        user.role = role
        try await service.userAnnounced(user, envelope: MessageEnvelope(type: UserRegisteredV1.messageType))
    }

    static let template = ServiceTemplateInputV1(
        name: "MVP in 8 weeks", description: "From idea to product", category: .mvp, defaultDuration: 56, recommendedTeamSize: 3,
        packages: [
            TemplatePackageV1(name: "Standard", description: nil, basePrice: 12_000, currency: "USD", engagementHours: 20, features: ["Demo"]),
            TemplatePackageV1(name: "Premium", description: nil, basePrice: 20_000, currency: "USD", engagementHours: 40, features: ["Demo", "Chat"]),
        ],
        requiredDocuments: [
            DocumentRequirementV1(fieldName: "brand_guide", fieldType: .file, label: "Brand guide", fileTypes: ["pdf"], maxFileSize: 10_485_760),
            DocumentRequirementV1(fieldName: "pitch_deck", fieldType: .file, label: "Pitch deck", fileTypes: ["pdf", "pptx"], maxFileSize: 20_000_000),
        ],
        defaultMilestones: [
            TemplateMilestoneV1(name: "Prototype", description: nil, dayOffset: 14, deliverables: ["Figma"]),
            TemplateMilestoneV1(name: "Launch", description: nil, dayOffset: 56, deliverables: ["App"]),
        ],
        isActive: true)

    func createTemplate(_ input: ServiceTemplateInputV1 = WorkHarness.template) async throws -> ServiceTemplateV1 {
        try await service.createServiceTemplate(CreateServiceTemplateV1(template: input), envelope: envelope(CreateServiceTemplateV1.self, Self.admin))
    }

    /// A submitted questionnaire of `client` choosing `templateId` (or a custom request).
    func submittedQuestionnaire(client: String = WorkHarness.client, templateId: String?) async throws -> QuestionnaireV1 {
        let draft = try await service.createQuestionnaire(CreateQuestionnaireV1(basicInfo: .example), envelope: envelope(CreateQuestionnaireV1.self, client))
        _ = try await service.saveRequirements(
            SaveRequirementsV1(questionnaireId: draft.id, requirements: .example), envelope: envelope(SaveRequirementsV1.self, client))
        let selection = templateId.map { ServiceSelectionV1(selectedService: $0, customRequest: nil, isCustom: false) }
            ?? ServiceSelectionV1(selectedService: nil, customRequest: "A bespoke research sprint on ferry pricing", isCustom: true)
        _ = try await service.saveServiceSelection(
            SaveServiceSelectionV1(questionnaireId: draft.id, serviceSelection: selection), envelope: envelope(SaveServiceSelectionV1.self, client))
        return try await service.submitQuestionnaire(SubmitQuestionnaireV1(questionnaireId: draft.id), envelope: envelope(SubmitQuestionnaireV1.self, client))
    }

    /// A sprint approved from a template.
    func sprint(client: String = WorkHarness.client) async throws -> SprintV1 {
        let template = try await createTemplate()
        let questionnaire = try await submittedQuestionnaire(client: client, templateId: template.id)
        let review = try await service.reviewQuestionnaire(
            ReviewQuestionnaireV1(questionnaireId: questionnaire.id, decision: .approve), envelope: envelope(ReviewQuestionnaireV1.self, Self.admin))
        return try #require(review.sprint)
    }

    func status(_ sprint: String, _ status: SprintStatus, as actor: String = WorkHarness.admin) async throws -> SprintV1 {
        try await service.changeSprintStatus(ChangeSprintStatusV1(sprintId: sprint, status: status), envelope: envelope(ChangeSprintStatusV1.self, actor))
    }

    /// documents announces an upload, then a review, of `fieldName`.
    func document(_ sprint: String, _ fieldName: String, review: ReviewStatus?) async throws {
        var document = DocumentV1.example
        document.sprintId = sprint
        document.fieldName = fieldName
        document.documentId = "doc-\(fieldName)"
        document.reviewStatus = .pending
        document.updatedAt = fixture.clock.now
        try await service.documentUploaded(document, envelope: MessageEnvelope(type: DocumentUploadedV1.messageType))
        if let review {
            document.reviewStatus = review
            document.updatedAt = fixture.clock.now.addingTimeInterval(1)
            try await service.documentReviewed(DocumentReviewedV1(document: document), envelope: MessageEnvelope(type: DocumentReviewedV1.messageType))
        }
    }

    func stored(_ id: String) async throws -> Sprint {
        try #require(try await DocumentCollection(Sprint.self, in: fixture.store).first(.equal("_id", .string(id))))
    }

    /// What a refused command must leave as it was: the records and every staged message.
    func snapshot() async throws -> [String] {
        let sprints = try await DocumentCollection(Sprint.self, in: fixture.store).find(options: FindOptions(sort: [SortKey("_id")]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let outbox = try await fixture.count(OutboxProbe.self)
        return [
            String(decoding: try encoder.encode(sprints.map(\.view)), as: UTF8.self),
            "\(try await fixture.count(Questionnaire.self))", "\(try await fixture.count(SystemSetting.self))",
            "\(try await fixture.count(ServiceTemplate.self))", "\(outbox)",
        ]
    }
}

/// The outbox's records, counted (every staged event and command).
struct OutboxProbe: StoredDocument {
    var id: String
    enum CodingKeys: String, CodingKey { case id = "_id" }
    static let collection = CollectionSpec("outbox")
}
