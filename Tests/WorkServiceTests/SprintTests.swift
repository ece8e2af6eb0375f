import Foundation
import SeedContracts
import SeedServiceTesting
import Testing

@testable import WorkService

@Suite("Sprints")
struct SprintTests {
    @Test("approving creates the one sprint from the template, and in the same transaction asks messaging for its conversation and tells documents its requirements")
    func approvalCreatesSprintFromTemplate() async throws {
        let h = try await WorkHarness.make()
        let template = try await h.createTemplate()
        let questionnaire = try await h.submittedQuestionnaire(templateId: template.id)
        let envelope = h.envelope(ReviewQuestionnaireV1.self, WorkHarness.admin)
        let command = ReviewQuestionnaireV1(questionnaireId: questionnaire.id, decision: .approve, adminNotes: "Good fit")
        let review = try await h.service.reviewQuestionnaire(command, envelope: envelope)
        let sprint = try #require(review.sprint)
        #expect(review.questionnaire.status == .approved && review.questionnaire.sprintId == sprint.id && review.questionnaire.adminNotes == "Good fit")
        #expect(sprint.status == .created && sprint.clientId == WorkHarness.client && sprint.adminId == WorkHarness.admin && sprint.templateId == template.id)
        #expect(sprint.type == .mvp && sprint.estimatedDuration == 56 && sprint.packageOptions.map(\.name) == ["Standard", "Premium"])
        #expect(sprint.packageOptions.allSatisfy { $0.duration == 8 && $0.teamSize == 3 })
        #expect(sprint.requiredDocuments.map(\.requirement.fieldName) == ["brand_guide", "pitch_deck"] && sprint.requiredDocuments.allSatisfy { $0.status == .missing })
        #expect(sprint.milestones.map(\.dayOffset) == [14, 56] && sprint.milestones.allSatisfy { $0.dueDate == nil && $0.status == .pending })
        #expect(sprint.progress.totalMilestones == 2 && sprint.progress.percentage == 0 && sprint.progress.currentPhase == "Prototype")

        // The review delivered twice (the gateway's retry, a redelivery): one sprint, one conversation.
        let again = try await h.service.reviewQuestionnaire(command, envelope: envelope)
        #expect(again.sprint?.id == sprint.id)
        #expect(try await h.fixture.count(Sprint.self) == 1)
        let opened = try await h.fixture.sentCommands(OpenSprintConversationV1.self)
        #expect(opened == [OpenSprintConversationV1(sprintId: sprint.id, title: sprint.name, clientId: WorkHarness.client, adminIds: [WorkHarness.admin], teamMemberIds: [])])
        let requirements = try #require(try await h.fixture.sentCommands(SetSprintRequirementsV1.self).first)
        #expect(requirements.sprintId == sprint.id && requirements.clientId == WorkHarness.client && requirements.adminIds == [WorkHarness.admin])
        #expect(requirements.requiredDocuments.map(\.fileTypes) == [["pdf"], ["pdf", "pptx"]])
        #expect(requirements.requiredDocuments.map(\.maxFileSize) == [10_485_760, 20_000_000])
        #expect(try await h.fixture.events(SprintCreatedV1.self).count == 1)
    }

    @Test("a custom request makes an empty sprint that an admin configures")
    func customSprintIsConfigured() async throws {
        let h = try await WorkHarness.make()
        let questionnaire = try await h.submittedQuestionnaire(templateId: nil)
        let sprint = try #require(try await h.service.reviewQuestionnaire(
            ReviewQuestionnaireV1(questionnaireId: questionnaire.id, decision: .approve), envelope: h.envelope(ReviewQuestionnaireV1.self, WorkHarness.admin)).sprint)
        #expect(sprint.type == .custom && sprint.packageOptions.isEmpty && sprint.templateId == nil)
        let configured = try await h.service.configureSprint(
            ConfigureSprintV1(sprintId: sprint.id, name: "Pricing research", requiredDocuments: [.example], packageOptions: [.example]),
            envelope: h.envelope(ConfigureSprintV1.self, WorkHarness.admin))
        #expect(configured.name == "Pricing research" && configured.packageOptions.count == 1 && configured.requiredDocuments.count == 1)
        #expect(try await h.fixture.sentCommands(SetSprintRequirementsV1.self).last?.requiredDocuments.map(\.fieldName) == ["brand_guide"])
        await expectContractError(.forbidden) {
            _ = try await h.service.configureSprint(ConfigureSprintV1(sprintId: sprint.id, name: "Mine"), envelope: h.envelope(ConfigureSprintV1.self, WorkHarness.client))
        }
    }

    @Test("the whole machine: documents → package → scheduled → kickoff → active → milestones → completed, each move recorded and announced; every early move refused naming its rule, changing nothing")
    func wholeMachine() async throws {
        let h = try await WorkHarness.make()
        let sprint = try await h.sprint()
        let id = sprint.id

        func refused(_ target: SprintStatus, rule: String) async throws {
            let before = try await h.snapshot()
            let error = await expectContractError(.conflict, field: "status") { _ = try await h.status(id, target) }
            #expect(error?.details["rule"] == rule, "\(target) → \(String(describing: error))")
            #expect(try await h.snapshot() == before)
        }

        try await refused(.active, rule: "transition")
        try await refused(.completed, rule: "transition")
        let documents = try await h.status(id, .documentsRequired)
        #expect(documents.status == .documentsRequired)
        #expect(try await h.fixture.events(DocumentsRequestedV1.self).last?.requirements.map(\.fieldName) == ["brand_guide", "pitch_deck"])
        try await refused(.packageSelection, rule: "documents_approved")

        // documents tells: one approved, one uploaded but not yet reviewed.
        try await h.document(id, "brand_guide", review: .approved)
        try await h.document(id, "pitch_deck", review: nil)
        #expect(try await h.stored(id).requiredDocuments.map(\.status) == [.approved, .pendingReview])
        try await refused(.packageSelection, rule: "documents_approved")
        try await h.document(id, "pitch_deck", review: .approved)
        #expect(try await h.fixture.events(SprintChecklistChangedV1.self).last?.allApproved == true)
        _ = try await h.status(id, .packageSelection)

        try await refused(.scheduled, rule: "package_selected")
        await expectContractError(.conflict, field: "status") {
            _ = try await h.service.scheduleSprint(ScheduleSprintV1(sprintId: id, startDate: h.fixture.clock.now), envelope: h.envelope(ScheduleSprintV1.self, WorkHarness.admin))
        }
        await expectContractError(.validation, field: "packageId") {
            _ = try await h.service.selectPackage(SelectPackageV1(sprintId: id, packageId: "nope"), envelope: h.envelope(SelectPackageV1.self, WorkHarness.client))
        }
        let package = sprint.packageOptions[1].id
        let selected = try await h.service.selectPackage(SelectPackageV1(sprintId: id, packageId: package), envelope: h.envelope(SelectPackageV1.self, WorkHarness.client))
        #expect(selected.selectedPackage == package)
        try await refused(.scheduled, rule: "start_date")

        let start = h.fixture.clock.now.addingTimeInterval(86_400)
        let scheduled = try await h.service.scheduleSprint(ScheduleSprintV1(sprintId: id, startDate: start), envelope: h.envelope(ScheduleSprintV1.self, WorkHarness.admin))
        #expect(scheduled.status == .scheduled && scheduled.startDate == start)
        #expect(scheduled.milestones.map(\.dueDate) == [start.addingTimeInterval(14 * 86_400), start.addingTimeInterval(56 * 86_400)])
        #expect(scheduled.endDate == start.addingTimeInterval(56 * 86_400))

        try await refused(.active, rule: "kickoff_meeting")
        let meeting = try await h.service.scheduleMeeting(
            ScheduleMeetingV1(sprintId: id, type: .kickoff, scheduledAt: start, meetingUrl: "https://meet.example.com/k"),
            envelope: h.envelope(ScheduleMeetingV1.self, WorkHarness.admin))
        #expect(meeting.meetings.first?.attendees == [WorkHarness.client, WorkHarness.admin])
        #expect(try await h.fixture.events(MeetingScheduledV1.self).first?.recipients == [WorkHarness.client, WorkHarness.admin])

        // Paused and back to where it was (and nowhere else).
        _ = try await h.status(id, .paused)
        try await refused(.active, rule: "transition")
        #expect(try await h.status(id, .scheduled).status == .scheduled)
        _ = try await h.status(id, .active)

        try await refused(.completed, rule: "milestones_completed")
        var current = try await h.service.getSprint(GetSprintV1(sprintId: id), envelope: h.envelope(GetSprintV1.self, WorkHarness.client))
        let skip = await expectContractError(.conflict, field: "milestones.status") {
            _ = try await h.service.updateMilestone(
                UpdateMilestoneV1(sprintId: id, milestoneId: current.milestones[0].id, status: .completed), envelope: h.envelope(UpdateMilestoneV1.self, WorkHarness.admin))
        }
        #expect(skip?.details["rule"] == "milestone_transition")
        for milestone in current.milestones {
            for status in [MilestoneStatus.inProgress, .completed] {
                current = try await h.service.updateMilestone(
                    UpdateMilestoneV1(sprintId: id, milestoneId: milestone.id, status: status, notes: "done"), envelope: h.envelope(UpdateMilestoneV1.self, WorkHarness.admin))
            }
        }
        #expect(current.progress.percentage == 100 && current.progress.completedMilestones == 2 && current.progress.currentPhase == "completed")
        let completed = try await h.status(id, .completed)
        #expect(completed.status == .completed && completed.actualDuration != nil)
        try await refused(.active, rule: "transition")
        try await refused(.cancelled, rule: "transition")

        let moves = completed.statusHistory.map { "\($0.from.rawValue)→\($0.to.rawValue)" }
        #expect(moves == ["created→documents_required", "documents_required→package_selection", "package_selection→scheduled", "scheduled→paused",
                          "paused→scheduled", "scheduled→active", "active→completed"])
        #expect(completed.statusHistory.allSatisfy { $0.by == WorkHarness.admin })
        #expect(try await h.fixture.events(SprintStatusChangedV1.self).map(\.change) == completed.statusHistory)
    }

    @Test("a milestone cannot be due before the sprint starts, added or moved")
    func milestoneBeforeStart() async throws {
        let h = try await WorkHarness.make()
        let sprint = try await h.sprint()
        _ = try await h.status(sprint.id, .documentsRequired)
        try await h.document(sprint.id, "brand_guide", review: .approved)
        try await h.document(sprint.id, "pitch_deck", review: .approved)
        _ = try await h.status(sprint.id, .packageSelection)
        _ = try await h.service.selectPackage(SelectPackageV1(sprintId: sprint.id, packageId: sprint.packageOptions[0].id), envelope: h.envelope(SelectPackageV1.self, WorkHarness.client))
        let start = h.fixture.clock.now.addingTimeInterval(7 * 86_400)
        _ = try await h.service.scheduleSprint(ScheduleSprintV1(sprintId: sprint.id, startDate: start), envelope: h.envelope(ScheduleSprintV1.self, WorkHarness.admin))
        let before = try await h.snapshot()
        let early = await expectContractError(.validation, field: "dueDate") {
            _ = try await h.service.addMilestone(
                AddMilestoneV1(sprintId: sprint.id, name: "Too early", dueDate: start.addingTimeInterval(-1)), envelope: h.envelope(AddMilestoneV1.self, WorkHarness.admin))
        }
        #expect(early?.details["rule"] == "milestone_before_start")
        await expectContractError(.validation, field: "dueDate") {
            _ = try await h.service.updateMilestone(
                UpdateMilestoneV1(sprintId: sprint.id, milestoneId: sprint.milestones[0].id, dueDate: start.addingTimeInterval(-86_400)),
                envelope: h.envelope(UpdateMilestoneV1.self, WorkHarness.admin))
        }
        #expect(try await h.snapshot() == before)
        let added = try await h.service.addMilestone(
            AddMilestoneV1(sprintId: sprint.id, name: "On day one", dueDate: start), envelope: h.envelope(AddMilestoneV1.self, WorkHarness.admin))
        #expect(added.milestones.count == 3 && added.progress.totalMilestones == 3)
    }

    @Test("one person's allocations over overlapping open sprints never exceed 100 %; the refused assignment changes nothing")
    func allocationLimit() async throws {
        let h = try await WorkHarness.make()
        let first = try await h.sprint(client: WorkHarness.client)
        let second = try await h.sprint(client: WorkHarness.otherClient)
        let assign = { (sprint: String, allocation: Int) in
            try await h.service.assignTeamMember(
                AssignTeamMemberV1(sprintId: sprint, userId: WorkHarness.dev, role: .developer, allocation: allocation), envelope: h.envelope(AssignTeamMemberV1.self, WorkHarness.admin))
        }
        let on = try await assign(first.id, 60)
        #expect(on.assignedTeam == [TeamMemberV1(userId: WorkHarness.dev, role: .developer, allocation: 60)])
        // Joining the team adds them to the sprint's conversation (messaging adds the missing member).
        #expect(try await h.fixture.sentCommands(OpenSprintConversationV1.self).last?.teamMemberIds == [WorkHarness.dev])
        let before = try await h.snapshot()
        let over = await expectContractError(.validation, field: "allocation") { _ = try await assign(second.id, 41) }
        #expect(over?.details["rule"] == "allocation_limit" && over?.details["allocated"] == "60")
        await expectContractError(.validation, field: "allocation") { _ = try await assign(second.id, 101) }
        #expect(try await h.snapshot() == before)
        _ = try await assign(second.id, 40)
        // Changing one's own allocation on a sprint does not count the old value.
        _ = try await assign(first.id, 60)
        // A cancelled sprint frees its people.
        _ = try await h.status(first.id, .cancelled)
        #expect(try await assign(second.id, 100).assignedTeam.first?.allocation == 100)
    }

    @Test("the sweep marks late milestones of active sprints overdue and announces them once, and announces milestones falling due")
    func overdueSweep() async throws {
        let h = try await WorkHarness.make()
        let sprint = try await h.sprint()
        _ = try await h.status(sprint.id, .documentsRequired)
        try await h.document(sprint.id, "brand_guide", review: .approved)
        try await h.document(sprint.id, "pitch_deck", review: .approved)
        _ = try await h.status(sprint.id, .packageSelection)
        _ = try await h.service.selectPackage(SelectPackageV1(sprintId: sprint.id, packageId: sprint.packageOptions[0].id), envelope: h.envelope(SelectPackageV1.self, WorkHarness.client))
        let start = h.fixture.clock.now
        _ = try await h.service.scheduleSprint(ScheduleSprintV1(sprintId: sprint.id, startDate: start), envelope: h.envelope(ScheduleSprintV1.self, WorkHarness.admin))
        _ = try await h.service.scheduleMeeting(ScheduleMeetingV1(sprintId: sprint.id, type: .kickoff, scheduledAt: start), envelope: h.envelope(ScheduleMeetingV1.self, WorkHarness.admin))
        _ = try await h.status(sprint.id, .active)

        #expect(try await h.service.sweepMilestones() == 0)
        #expect(try await h.fixture.events(MilestoneDueV1.self).isEmpty)
        h.fixture.clock.advance(by: 13 * 86_400)  // the prototype is due tomorrow
        #expect(try await h.service.sweepMilestones() == 0)
        h.fixture.clock.advance(by: 3_600)
        _ = try await h.service.sweepMilestones()
        #expect(try await h.fixture.events(MilestoneDueV1.self).map(\.milestone.name) == ["Prototype"])
        h.fixture.clock.advance(by: 2 * 86_400)  // now a day late
        #expect(try await h.service.sweepMilestones() == 1)
        #expect(try await h.service.sweepMilestones() == 0)
        let overdue = try await h.fixture.events(MilestoneOverdueV1.self)
        #expect(overdue.count == 1 && overdue[0].milestone.name == "Prototype" && overdue[0].milestone.status == .overdue)
        #expect(Set(overdue[0].recipients) == [WorkHarness.client, WorkHarness.admin])
        let stored = try await h.stored(sprint.id)
        #expect(stored.milestones.map(\.status) == [.overdue, .pending] && stored.progress.completedMilestones == 0)
        // An overdue milestone can still be finished.
        let finished = try await h.service.updateMilestone(
            UpdateMilestoneV1(sprintId: sprint.id, milestoneId: stored.milestones[0].id, status: .completed), envelope: h.envelope(UpdateMilestoneV1.self, WorkHarness.admin))
        #expect(finished.progress.percentage == 50 && finished.progress.currentPhase == "Launch")
    }

    @Test("clients see their own sprints, team members those they are on, admins all; others get not_found")
    func visibility() async throws {
        let h = try await WorkHarness.make()
        let mine = try await h.sprint(client: WorkHarness.client)
        let theirs = try await h.sprint(client: WorkHarness.otherClient)
        _ = try await h.service.assignTeamMember(
            AssignTeamMemberV1(sprintId: theirs.id, userId: WorkHarness.dev, role: .designer, allocation: 20), envelope: h.envelope(AssignTeamMemberV1.self, WorkHarness.admin))
        let list = { (who: String) in
            try await h.service.listSprints(ListSprintsV1(), envelope: h.envelope(ListSprintsV1.self, who)).sprints.map(\.id)
        }
        #expect(try await list(WorkHarness.client) == [mine.id])
        #expect(try await list(WorkHarness.dev) == [theirs.id])
        #expect(try await list(WorkHarness.admin) == [theirs.id, mine.id])
        await expectContractError(.notFound, field: "sprintId") {
            _ = try await h.service.getSprint(GetSprintV1(sprintId: theirs.id), envelope: h.envelope(GetSprintV1.self, WorkHarness.client))
        }
        await expectContractError(.notFound, field: "sprintId") {
            _ = try await h.service.changeSprintStatus(ChangeSprintStatusV1(sprintId: theirs.id, status: .cancelled), envelope: h.envelope(ChangeSprintStatusV1.self, WorkHarness.client))
        }
        await expectContractError(.forbidden) {
            _ = try await h.service.changeSprintStatus(ChangeSprintStatusV1(sprintId: mine.id, status: .cancelled), envelope: h.envelope(ChangeSprintStatusV1.self, WorkHarness.client))
        }
        let page = try await h.service.listSprints(ListSprintsV1(limit: 1), envelope: h.envelope(ListSprintsV1.self, WorkHarness.admin))
        #expect(page.sprints.count == 1 && page.nextCursor != nil)
    }

    @Test("documents' events move the checklist once, even delivered twice; a rejection asks the client again")
    func checklistFromDocuments() async throws {
        let h = try await WorkHarness.make()
        let sprint = try await h.sprint()
        var document = DocumentV1.example
        document.sprintId = sprint.id
        document.fieldName = "brand_guide"
        document.reviewStatus = .rejected
        document.updatedAt = h.fixture.clock.now
        let envelope = MessageEnvelope(type: DocumentReviewedV1.messageType)
        try await h.service.documentReviewed(DocumentReviewedV1(document: document), envelope: envelope)
        try await h.service.documentReviewed(DocumentReviewedV1(document: document), envelope: envelope)
        #expect(try await h.stored(sprint.id).requiredDocuments.map(\.status) == [.rejected, .missing])
        #expect(try await h.fixture.events(SprintChecklistChangedV1.self).count == 1)
        #expect(try await h.fixture.events(DocumentsRequestedV1.self).map(\.recipients) == [[WorkHarness.client]])
        // A document of a field the sprint does not require changes nothing.
        document.fieldName = "other"
        try await h.service.documentReviewed(DocumentReviewedV1(document: document), envelope: MessageEnvelope(type: DocumentReviewedV1.messageType))
        #expect(try await h.fixture.events(SprintChecklistChangedV1.self).count == 1)
    }
}
