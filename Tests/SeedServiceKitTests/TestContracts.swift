import Foundation
import SeedContracts
import SeedStore

// Messages and a collection of a made-up service, for exercising the kit alone.

struct AddNoteV1: Command, Equatable {
    typealias Reply = NoteV1
    static let messageType = MessageType("test.add-note", version: 1)
    static let destination = CommandDestination.service(.work)
    static let summary = "Adds a note."
    static let example = AddNoteV1(text: "hello")
    var text: String
}

struct NoteV1: Message, Equatable {
    static let messageType = MessageType("test.note", version: 1)
    static let summary = "A note."
    static let example = NoteV1(id: "n1", text: "hello")
    var id: String
    var text: String
}

struct NoteAddedV1: Event, Equatable {
    static let messageType = MessageType("test.note-added", version: 1)
    static let source = ServiceName.work
    static let summary = "A note was added."
    static let example = NoteAddedV1(note: .example)
    var note: NoteV1
}

struct ArchiveNotesV1: Command, Equatable {
    typealias Reply = Accepted
    static let messageType = MessageType("test.archive-notes", version: 1)
    static let destination = CommandDestination.service(.messaging)
    static let summary = "Archives notes."
    static let example = ArchiveNotesV1(before: "n1")
    var before: String
}

/// A stored note; its text is unique.
struct Note: StoredDocument, Equatable {
    static let collection = CollectionSpec("notes", indexes: [IndexSpec([.ascending("text")], unique: true)])
    var id: String
    var text: String
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", text, createdAt
    }
}
