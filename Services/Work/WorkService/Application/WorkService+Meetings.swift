import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension WorkService {
    /// `work.schedule-meeting.v1`: an admin schedules a meeting (by default with the client, the admin
    /// and the team); its attendees are told.
    public func scheduleMeeting(_ command: ScheduleMeetingV1, envelope: MessageEnvelope) async throws -> SprintV1 {
        let url = try command.meetingUrl.map { raw throws(ContractError) in try WorkRules.url(raw, field: "meetingUrl") }
        let attendees = try command.attendees.map { raw throws(ContractError) in
            guard (1...100).contains(raw.count) else { throw WorkRules.invalid("a meeting has 1 to 100 attendees", field: "attendees", rule: "count") }
            var seen = Set<String>()
            var ids: [String] = []
            for id in raw { let id = try WorkRules.id(id, field: "attendees"); if seen.insert(id).inserted { ids.append(id) } }
            return ids
        }
        return try await changeSprint(command.sprintId, envelope: envelope, adminOnly: true) { sprint, tx, _, _ in
            guard sprint.isOpen else {
                throw ContractError(.conflict, "a \(sprint.status.rawValue) sprint has no more meetings", details: ["field": "status", "rule": "open_sprint"])
            }
            guard command.scheduledAt >= tx.now else {
                throw WorkRules.invalid("a meeting is scheduled in the future", field: "scheduledAt", rule: "future")
            }
            let meeting = MeetingV1(
                id: Self.newId(), type: command.type, scheduledAt: command.scheduledAt, meetingUrl: url, attendees: attendees ?? sprint.people,
                status: .scheduled, notes: nil, recordings: [])
            guard sprint.meetings.count < 500 else { throw WorkRules.invalid("a sprint has at most 500 meetings", field: "meetings", rule: "count") }
            sprint.meetings.append(meeting)
            try await tx.publish(MeetingScheduledV1(sprintId: sprint.id, meeting: meeting, recipients: meeting.attendees))
        }
    }

    /// `work.update-meeting.v1`: an admin marks a scheduled meeting completed or cancelled, with notes
    /// and recordings.
    public func updateMeeting(_ command: UpdateMeetingV1, envelope: MessageEnvelope) async throws -> SprintV1 {
        let meetingId = try WorkRules.id(command.meetingId, field: "meetingId")
        let notes = try WorkRules.optionalText(command.notes, field: "notes", maximum: 5_000)
        let recordings = try command.recordings.map { raw throws(ContractError) in
            guard raw.count <= 20 else { throw WorkRules.invalid("a meeting keeps at most 20 recordings", field: "recordings", rule: "count") }
            var urls: [String] = []
            for url in raw { urls.append(try WorkRules.url(url, field: "recordings")) }
            return urls
        }
        return try await changeSprint(command.sprintId, envelope: envelope, adminOnly: true) { sprint, _, _, _ in
            guard let index = sprint.meetings.firstIndex(where: { $0.id == meetingId }) else {
                throw ContractError(.notFound, "no meeting \(meetingId) in this sprint", details: ["field": "meetingId"])
            }
            if let status = command.status, status != sprint.meetings[index].status {
                guard sprint.meetings[index].status == .scheduled else {
                    throw ContractError(
                        .conflict, "a \(sprint.meetings[index].status.rawValue) meeting stays so",
                        details: ["field": "status", "rule": "meeting_transition", "from": sprint.meetings[index].status.rawValue, "to": status.rawValue])
                }
                sprint.meetings[index].status = status
            }
            if let notes { sprint.meetings[index].notes = notes }
            if let recordings { sprint.meetings[index].recordings = recordings }
        }
    }
}
