import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SeedContracts
import Testing

@testable import GatewayService

/// Work's journey through the gateway, as a client and an admin do it: HTTP → gateway → bus → work,
/// with identity (accounts, the admin's role through its events), messaging (the sprint's
/// conversation) and documents (uploads and reviews whose events move the sprint's checklist).
@Suite("Work through the gateway", .serialized)
struct WorkJourneyTests {
    struct Person: Sendable {
        let id: String
        let token: String
    }

    func register(_ client: some TestClientProtocol, _ email: String) async throws -> Person {
        let registered = try await client.call(.post, "/api/v1/auth/register", json: #"{"email":"\#(email)","password":"correct horse battery"}"#)
        try #require(registered.status == .created, "\(String(decoding: registered.body, as: UTF8.self))")
        let login = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"\#(email)","password":"correct horse battery"}"#)
        let session = try login.decode(SessionTokensV1.self)
        return Person(id: session.user.id, token: session.accessToken)
    }

    /// Polls `condition` every 50 ms for up to 20 s (effects that travel through the broker).
    func until(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<400 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("never happened: \(what)")
        throw ContractError(.timeout, "never happened: \(what)")
    }

    func ok<T: Decodable>(_ result: HTTPResult, _ type: T.Type, _ status: HTTPResponse.Status = .ok) throws -> T {
        try #require(result.status == status, "\(result.status): \(String(decoding: result.body, as: UTF8.self))")
        return try result.decode(T.self)
    }

    static let template = ServiceTemplateInputV1(
        name: "MVP in 8 weeks", description: nil, category: .mvp, defaultDuration: 56, recommendedTeamSize: 2,
        packages: [TemplatePackageV1(name: "Standard", description: nil, basePrice: 12_000, currency: "USD", engagementHours: 20, features: ["Demo"])],
        requiredDocuments: [DocumentRequirementV1(fieldName: "brand_guide", fieldType: .file, label: "Brand guide", fileTypes: ["txt", "pdf"], maxFileSize: 1_000_000)],
        defaultMilestones: [TemplateMilestoneV1(name: "Prototype", description: nil, dayOffset: 14, deliverables: ["Figma"])],
        isActive: true)

    /// The bootstrap admin, once work has learned from identity that they are one, with a template.
    func adminWithTemplate(_ client: some TestClientProtocol) async throws -> (Person, ServiceTemplateV1) {
        let admin = try await register(client, SuiteFixture.bootstrapAdmin)
        var created: HTTPResult?
        try await until("work knows the admin") {
            created = try await client.call(.post, "/api/v1/service-templates", token: admin.token, body: Self.template)
            return created?.status == .created
        }
        return (admin, try ok(try #require(created), ServiceTemplateV1.self, .created))
    }

    /// A client's questionnaire through its three steps, submitted.
    func submitted(_ client: some TestClientProtocol, _ owner: Person, template: String) async throws -> QuestionnaireV1 {
        let draft = try ok(try await client.call(.post, "/api/v1/questionnaires", token: owner.token, json: "{}"), QuestionnaireV1.self, .created)
        _ = try ok(try await client.call(.put, "/api/v1/questionnaires/\(draft.id)/basic-info", token: owner.token, body: BasicInfoV1.example), QuestionnaireV1.self)
        _ = try ok(try await client.call(.put, "/api/v1/questionnaires/\(draft.id)/requirements", token: owner.token, body: RequirementsV1.example), QuestionnaireV1.self)
        _ = try ok(try await client.call(
            .put, "/api/v1/questionnaires/\(draft.id)/service-selection", token: owner.token,
            body: ServiceSelectionV1(selectedService: template, customRequest: nil, isCustom: false)), QuestionnaireV1.self)
        return try ok(try await client.call(.post, "/api/v1/questionnaires/\(draft.id)/submit", token: owner.token), QuestionnaireV1.self)
    }

    func sprint(_ client: some TestClientProtocol, _ id: String, as who: Person) async throws -> SprintV1 {
        try ok(try await client.call(.get, "/api/v1/sprints/\(id)", token: who.token), SprintV1.self)
    }

    func move(_ client: some TestClientProtocol, _ id: String, to status: SprintStatus, as who: Person) async throws -> HTTPResult {
        try await client.call(.post, "/api/v1/sprints/\(id)/status", token: who.token, body: SprintStatusBody(status: status))
    }

    @Test("questionnaire → review → sprint from a template → document uploaded and approved in documents → package → scheduled → kickoff → active → milestones → completed; every early move refused")
    func wholeJourney() async throws {
        try await SuiteFixture.run { client, _ in
            let (admin, template) = try await adminWithTemplate(client)
            let ada = try await register(client, "ada@example.com")
            let bob = try await register(client, "bob@example.com")
            let dev = try await register(client, "dev@example.com")

            // Bad input: an unknown service, a step out of range; nothing changes.
            let draft = try ok(try await client.call(.post, "/api/v1/questionnaires", token: ada.token, json: "{}"), QuestionnaireV1.self, .created)
            let unknown = try await client.call(.put, "/api/v1/questionnaires/\(draft.id)/service-selection", token: ada.token,
                                                json: #"{"selectedService":"665f10009b1d4a0012ab9999","isCustom":false}"#)
            #expect(unknown.status == .badRequest && unknown.error?.details["rule"] == "unknown_service")
            let short = try await client.call(.put, "/api/v1/questionnaires/\(draft.id)/basic-info", token: ada.token,
                                              json: #"{"startupName":"F","taskType":"t","taskDescription":"short","startupStage":"idea","keyGoals":"g","timeCommitment":"full-time"}"#)
            #expect(short.status == .badRequest && short.error?.details["field"] == "basicInfo.taskDescription")
            #expect(try await client.call(.put, "/api/v1/questionnaires/\(draft.id)/basic-info", token: bob.token, body: BasicInfoV1.example).status == .notFound)

            let questionnaire = try await submitted(client, ada, template: template.id)
            #expect(try await client.call(.post, "/api/v1/questionnaires/\(questionnaire.id)/review", token: ada.token, json: #"{"decision":"approve"}"#).status == .forbidden)
            let review = try ok(try await client.call(.post, "/api/v1/questionnaires/\(questionnaire.id)/review", token: admin.token,
                                                      json: #"{"decision":"approve","adminNotes":"Good fit"}"#), QuestionnaireReviewV1.self)
            let created = try #require(review.sprint)
            let id = created.id
            #expect(created.status == .created && created.clientId == ada.id && created.adminId == admin.id && created.milestones.count == 1)

            // Visibility: ada and the admin see it; bob does not.
            #expect(try await client.call(.get, "/api/v1/sprints/\(id)", token: bob.token).status == .notFound)
            #expect(try ok(try await client.call(.get, "/api/v1/sprints", token: bob.token), SprintPageV1.self).sprints.isEmpty)
            #expect(try ok(try await client.call(.get, "/api/v1/sprints", token: ada.token), SprintPageV1.self).sprints.map(\.id) == [id])

            // Messaging opened the sprint's conversation with ada and the admin.
            try await until("the sprint conversation is in ada's inbox") {
                let inbox = try ok(try await client.call(.get, "/api/v1/conversations", token: ada.token), InboxPageV1.self)
                return inbox.entries.contains { $0.conversation.sprintId == id && $0.conversation.type == .sprint }
            }

            // Team: dev joins at 60 %; over 100 % is refused.
            _ = try ok(try await client.call(.put, "/api/v1/sprints/\(id)/team/\(dev.id)", token: admin.token, json: #"{"role":"developer","allocation":60}"#), SprintV1.self)
            #expect(try ok(try await client.call(.get, "/api/v1/sprints", token: dev.token), SprintPageV1.self).sprints.map(\.id) == [id])

            #expect(try await move(client, id, to: .active, as: admin).error?.details["rule"] == "transition")
            #expect(try await move(client, id, to: .documentsRequired, as: ada).status == .forbidden)
            _ = try ok(try await move(client, id, to: .documentsRequired, as: admin), SprintV1.self)
            let early = try await move(client, id, to: .packageSelection, as: admin)
            #expect(early.status == .conflict && early.error?.details["rule"] == "documents_approved")

            // The document through the real documents service: ada uploads, the admin approves.
            try await until("documents knows the sprint's requirements") {
                var headers: HTTPFields = [.authorization: "Bearer \(ada.token)", .contentType: "application/octet-stream"]
                headers[HTTPField.Name("X-File-Name")!] = "guide.txt"
                let uploaded = try await client.execute(
                    uri: "/api/v1/documents?sprintId=\(id)&fieldName=brand_guide", method: .post, headers: headers,
                    body: ByteBuffer(string: "Fernway brand guide: teal and sand."))
                guard uploaded.status == .created || uploaded.status == .ok else { return false }
                let document = try HTTPResult(status: uploaded.status, headers: uploaded.headers, body: Data(buffer: uploaded.body)).decode(DocumentV1.self)
                try await until("the upload reaches the checklist") {
                    try await sprint(client, id, as: ada).requiredDocuments.first?.status == .pendingReview
                }
                let reviewed = try await client.call(.post, "/api/v1/documents/\(document.documentId)/review", token: admin.token, json: #"{"status":"approved"}"#)
                #expect(reviewed.status == .ok, "\(String(decoding: reviewed.body, as: UTF8.self))")
                return true
            }
            try await until("the approval reaches the checklist") { try await sprint(client, id, as: ada).requiredDocuments.first?.status == .approved }
            _ = try ok(try await move(client, id, to: .packageSelection, as: admin), SprintV1.self)

            #expect(try await move(client, id, to: .scheduled, as: admin).error?.details["rule"] == "package_selected")
            let package = created.packageOptions[0].id
            _ = try ok(try await client.call(.post, "/api/v1/sprints/\(id)/package", token: ada.token, json: #"{"packageId":"\#(package)"}"#), SprintV1.self)
            #expect(try await move(client, id, to: .scheduled, as: admin).error?.details["rule"] == "start_date")
            let start = Date().addingTimeInterval(3_600)
            let scheduled = try ok(try await client.call(.post, "/api/v1/sprints/\(id)/schedule", token: admin.token, body: ScheduleSprintBody(startDate: start)), SprintV1.self)
            #expect(scheduled.status == .scheduled && scheduled.milestones[0].dueDate != nil)
            let tooEarly = try await client.call(.post, "/api/v1/sprints/\(id)/milestones", token: admin.token,
                                                 body: AddMilestoneBody(name: "Before", dueDate: start.addingTimeInterval(-86_400)))
            #expect(tooEarly.status == .badRequest && tooEarly.error?.details["rule"] == "milestone_before_start")

            #expect(try await move(client, id, to: .active, as: admin).error?.details["rule"] == "kickoff_meeting")
            _ = try ok(try await client.call(.post, "/api/v1/sprints/\(id)/meetings", token: admin.token,
                                             body: ScheduleMeetingBody(type: .kickoff, scheduledAt: start, meetingUrl: "https://meet.example.com/fernway")), SprintV1.self, .created)
            let active = try ok(try await move(client, id, to: .active, as: admin), SprintV1.self)
            #expect(try await move(client, id, to: .completed, as: admin).error?.details["rule"] == "milestones_completed")

            let milestone = active.milestones[0].id
            _ = try ok(try await client.call(.patch, "/api/v1/sprints/\(id)/milestones/\(milestone)", token: dev.token, json: #"{"status":"in_progress"}"#), SprintV1.self)
            let done = try ok(try await client.call(.patch, "/api/v1/sprints/\(id)/milestones/\(milestone)", token: dev.token,
                                                    json: #"{"status":"completed","notes":"Shipped"}"#), SprintV1.self)
            #expect(done.progress.percentage == 100 && done.progress.completedMilestones == 1)
            #expect(try await client.call(.patch, "/api/v1/sprints/\(id)/milestones/\(milestone)", token: ada.token, json: #"{"notes":"mine"}"#).status == .forbidden)

            let completed = try ok(try await move(client, id, to: .completed, as: admin), SprintV1.self)
            #expect(completed.status == .completed)
            #expect(completed.statusHistory.map(\.to) == [.documentsRequired, .packageSelection, .scheduled, .active, .completed])
            #expect(try await move(client, id, to: .active, as: admin).error?.details["rule"] == "transition")
        }
    }

    @Test("the review delivered twice over the bus creates one sprint and opens its conversation once")
    func conversationOpenedOnce() async throws {
        try await SuiteFixture.run(withBus: { client, _, bus in
            let (admin, template) = try await adminWithTemplate(client)
            let ada = try await register(client, "ada@example.com")
            let questionnaire = try await submitted(client, ada, template: template.id)
            let envelope = MessageEnvelope(type: ReviewQuestionnaireV1.messageType, actor: admin.id)
            let command = ReviewQuestionnaireV1(questionnaireId: questionnaire.id, decision: .approve)
            let first = try await bus.request(command, envelope: envelope)
            let second = try await bus.request(command, envelope: envelope)
            let id = try #require(first.sprint?.id)
            #expect(second.sprint?.id == id)
            #expect(try ok(try await client.call(.get, "/api/v1/sprints", token: admin.token), SprintPageV1.self).sprints.map(\.id) == [id])
            try await until("the sprint conversation is in ada's inbox") {
                let inbox = try ok(try await client.call(.get, "/api/v1/conversations", token: ada.token), InboxPageV1.self)
                return inbox.entries.contains { $0.conversation.sprintId == id }
            }
            try await Task.sleep(for: .milliseconds(500))
            let inbox = try ok(try await client.call(.get, "/api/v1/conversations", token: ada.token), InboxPageV1.self)
            #expect(inbox.entries.filter { $0.conversation.sprintId == id }.count == 1)
        })
    }

    @Test("settings: typed values, non-editable ones refuse, only admins")
    func settings() async throws {
        try await SuiteFixture.run { client, _ in
            let (admin, _) = try await adminWithTemplate(client)
            let ada = try await register(client, "ada@example.com")
            #expect(try await client.call(.post, "/api/v1/settings", token: ada.token, body: CreateSettingV1.example).status == .forbidden)
            _ = try ok(try await client.call(.post, "/api/v1/settings", token: admin.token, body: CreateSettingV1.example), SettingV1.self, .created)
            let wrong = try await client.call(.put, "/api/v1/settings/limits.max_team_size", token: admin.token, json: #"{"value":"eight"}"#)
            #expect(wrong.status == .badRequest && wrong.error?.details["rule"] == "validationType")
            let changed = try ok(try await client.call(.put, "/api/v1/settings/limits.max_team_size", token: admin.token, json: #"{"value":12}"#), SettingV1.self)
            #expect(changed.value == .integer(12) && changed.lastModifiedBy == admin.id)
            _ = try ok(try await client.call(.post, "/api/v1/settings", token: admin.token,
                                             json: #"{"key":"sms.sender","value":"SEED","category":"sms","isEditable":false,"validationType":"string"}"#), SettingV1.self, .created)
            let fixed = try await client.call(.put, "/api/v1/settings/sms.sender", token: admin.token, json: #"{"value":"OTHER"}"#)
            #expect(fixed.status == .conflict && fixed.error?.details["rule"] == "not_editable")
            #expect(try ok(try await client.call(.get, "/api/v1/settings?category=sms", token: admin.token), SettingListV1.self).settings.count == 1)
        }
    }
}
