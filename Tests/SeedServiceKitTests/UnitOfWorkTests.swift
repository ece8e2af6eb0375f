import Foundation
import SeedBus
import SeedContracts
import SeedServiceKit
import SeedServiceTesting
import SeedStore
import Synchronization
import Testing

@Suite("Unit of work")
struct UnitOfWorkTests {
    let fixture: ServiceFixture

    init() async throws {
        fixture = try await ServiceFixture.make(.work, collections: [Note.collection], errors: StoreErrorMapping(nouns: ["notes": "note"]))
    }

    /// The use case the tests run: insert a note, stage its event.
    func addNote(_ text: String, envelope: MessageEnvelope, runs: Counter = Counter()) async throws -> NoteV1 {
        try await fixture.work.once(envelope) { tx in
            runs.increment()
            let note = Note(id: UUID().uuidString, text: text, createdAt: tx.now)
            try await tx.collection(Note.self).insert(note)
            try await tx.publish(NoteAddedV1(note: NoteV1(id: note.id, text: text)))
            return NoteV1(id: note.id, text: text)
        }
    }

    @Test("a message runs its body once: a redelivery gets the first result and changes nothing")
    func redeliveryReturnsFirstResult() async throws {
        let envelope = fixture.envelope(AddNoteV1.self, actor: "u1")
        let runs = Counter()
        let first = try await addNote("hello", envelope: envelope, runs: runs)
        let again = try await addNote("hello", envelope: envelope, runs: runs)
        #expect(again == first)
        #expect(runs.count == 1)
        #expect(try await fixture.count(Note.self) == 1)
        #expect(try await fixture.events(NoteAddedV1.self).map(\.note) == [first])
    }

    @Test("the commit wakes the relay once; a failed body stores nothing, stages nothing and wakes nothing")
    func failedBodyLeavesNoTrace() async throws {
        _ = try await addNote("one", envelope: fixture.envelope(AddNoteV1.self))
        #expect(fixture.relayWakeUps.count == 1)
        await expectContractError(.validation) {
            _ = try await fixture.work.once(fixture.envelope(AddNoteV1.self)) { tx -> NoteV1 in
                try await tx.collection(Note.self).insert(Note(id: "n2", text: "two", createdAt: tx.now))
                try await tx.publish(NoteAddedV1(note: NoteV1(id: "n2", text: "two")))
                throw ContractError(.validation, "rejected after writing")
            }
        }
        #expect(try await fixture.count(Note.self) == 1)
        #expect(try await fixture.events(NoteAddedV1.self).count == 1)
        #expect(fixture.relayWakeUps.count == 1)
    }

    @Test("a duplicate key is a conflict that names the field and the record's noun")
    func duplicateKeyIsConflict() async throws {
        _ = try await addNote("same", envelope: fixture.envelope(AddNoteV1.self))
        let error = await expectContractError(.conflict, field: "text") {
            _ = try await addNote("same", envelope: fixture.envelope(AddNoteV1.self))
        }
        #expect(error?.message == "another note already has this text")
        #expect(try await fixture.count(Note.self) == 1)
    }

    @Test("a result without replay is refused as a conflict when its message comes again")
    func onceWithoutReplayRefusesRedelivery() async throws {
        let envelope = fixture.envelope(AddNoteV1.self)
        let secret = try await fixture.work.onceWithoutReplay(envelope) { _ in "token-1" }
        #expect(secret == "token-1")
        await expectContractError(.conflict) {
            _ = try await fixture.work.onceWithoutReplay(envelope) { _ in "token-2" }
        }
    }

    @Test("a command sent from a transaction is staged for its owner with the causing message's correlation")
    func sentCommandIsStaged() async throws {
        let envelope = fixture.envelope(AddNoteV1.self)
        _ = try await fixture.work.once(envelope) { tx in
            try await tx.send(ArchiveNotesV1(before: "n1"))
            return Accepted()
        }
        #expect(try await fixture.sentCommands(ArchiveNotesV1.self) == [ArchiveNotesV1(before: "n1")])
        #expect(fixture.relayWakeUps.count == 1)
    }

    @Test("the transaction's time is the injected clock's")
    func transactionUsesInjectedClock() async throws {
        fixture.clock.advance(by: 60)
        let at = try await fixture.work.once(fixture.envelope(AddNoteV1.self)) { tx in tx.now }
        #expect(at == fixture.clock.now)
    }

    @Test("a use case that needs a caller is refused without one")
    func missingActorIsUnauthenticated() async throws {
        await expectContractError(.unauthenticated) {
            _ = try await fixture.work.once(fixture.envelope(AddNoteV1.self)) { tx in try tx.actor() }
        }
        let actor = try await fixture.work.once(fixture.envelope(AddNoteV1.self, actor: "u7")) { tx in try tx.actor() }
        #expect(actor == "u7")
    }
}

@Suite("Bus harness")
struct BusHarnessTests {
    @Test("a command sent through the harness is handled once and its event reaches a subscriber after the commit")
    func commandAndEventOverTheBroker() async throws {
        let fixture = try await ServiceFixture.make(.work, collections: [Note.collection])
        let harness = try BusHarness()
        let bus = harness.bus(.work)
        harness.relay(fixture.store, on: bus)
        bus.handle(AddNoteV1.self) { command, context in
            try await fixture.work.once(context.envelope) { tx in
                let note = NoteV1(id: UUID().uuidString, text: command.text)
                try await tx.collection(Note.self).insert(Note(id: note.id, text: note.text, createdAt: tx.now))
                try await tx.publish(NoteAddedV1(note: note))
                return note
            }
        }
        let events = EventRecorder()
        events.record(NoteAddedV1.self, on: harness.bus(.messaging))
        try await harness.run { client in
            let note = try await client.request(AddNoteV1(text: "over the wire"), actor: "u1")
            let event = try await events.first(NoteAddedV1.self) { $0.note.id == note.id }
            #expect(event.note.text == "over the wire")
            await expectContractError(.conflict, field: "text") {
                _ = try await client.request(AddNoteV1(text: "over the wire"), actor: "u1")
            }
        }
        #expect(try await fixture.count(Note.self) == 1)
    }
}
