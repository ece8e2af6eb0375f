import Foundation
import SeedStore
import Testing

struct Profile: StoredDocument {
    static let collection = CollectionSpec("profiles", fields: ["name", "blob"])
    var id: String
    var name: String
    var blob: Data

    enum CodingKeys: String, CodingKey {
        case id = "_id", name, blob
    }
}

@Suite("Conformance: bad input")
struct ValidationConformance {
    @Test("an oversized document is a typed error at the adapter and in the typed layer, nothing written", arguments: StoreFixture.all)
    func oversized(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        let big = [UInt8](repeating: 7, count: StoreError.maximumDocumentBytes)
        let document: Document = ["_id": .string("p"), "blob": .binary(big)]
        await #expect(throws: StoreError.documentTooLarge(collection: "profiles", bytes: document.bsonSize)) {
            try await store.insert([document], into: "profiles")
        }
        let profiles = DocumentCollection(Profile.self, in: store)
        await #expect(throws: StoreError.self) {
            try await profiles.insert(Profile(id: "q", name: "q", blob: Data(big)))
        }
        #expect(try await store.count(in: "profiles", where: .all) == 0)
    }

    @Test("invalid field names are refused by the adapter itself, with nothing written", arguments: StoreFixture.all)
    func invalidNames(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        for bad: Document in [["_id": .int32(1), "$set": .int32(1)], ["_id": .int32(2), "a.b": .int32(1)],
                              ["_id": .int32(3), "sub": .document(["": .int32(1)])], ["name": .string("no id")]] {
            await #expect(throws: StoreError.self) {
                try await store.insert([["_id": .int32(9), "fine": .bool(true)], bad], into: "profiles")
            }
        }
        #expect(try await store.count(in: "profiles", where: .all) == 0)
        await #expect(throws: StoreError.self) {
            _ = try await store.update(in: "profiles", where: .all, Update([.set("$bad", .int32(1))]), many: false, upsert: true)
        }
        #expect(try await store.count(in: "profiles", where: .all) == 0)
    }

    @Test("an update touching one path twice, or a path and its parent, is refused with nothing changed", arguments: StoreFixture.all)
    func conflictingUpdatePaths(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        let original: Document = ["_id": .string("p"), "name": .string("p"), "sub": .document(["a": .int32(1)])]
        try await store.insert([original], into: "profiles")
        let conflicting: [[Update.Operation]] = [
            [.set("name", .string("x")), .set("name", .string("y"))],
            [.set("sub", .document([:])), .set("sub.a", .int32(2))],
            [.set("sub.a.b", .int32(3)), .unset("sub.a")],
            [.set("other", .int32(1)), .set("sub.a", .int32(2)), .increment("sub", .int32(1))],
        ]
        for operations in conflicting {
            await #expect(throws: StoreError.self, "\(operations)") {
                _ = try await store.update(in: "profiles", where: .all, Update(operations), many: false, upsert: false)
            }
        }
        #expect(try await store.find(in: "profiles", where: .all, options: FindOptions()) == [original])
        // Siblings and look-alike prefixes are not conflicts.
        let result = try await store.update(
            in: "profiles", where: .all, Update([.set("sub.a", .int32(2)), .set("sub.ab", .int32(3)), .set("subway", .int32(4))]),
            many: false, upsert: false)
        #expect(result.modified == 1)
        let updated = try #require(try await store.find(in: "profiles", where: .all, options: FindOptions()).first)
        #expect(updated["sub"] == .document(["a": .int32(2), "ab": .int32(3)]))
        #expect(updated["subway"] == .int32(4))
    }

    @Test("an undeclared path in a typed query is refused before reaching the store", arguments: StoreFixture.all)
    func undeclaredPath(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        let profiles = DocumentCollection(Profile.self, in: store)
        try await profiles.insert(Profile(id: "p", name: "p", blob: Data()))
        await #expect(throws: StoreError.undeclaredPath(collection: "profiles", path: "nmae")) {
            _ = try await profiles.find(.equal("nmae", .string("p")))
        }
        await #expect(throws: StoreError.undeclaredPath(collection: "profiles", path: "nmae")) {
            try await profiles.update(.equal("nmae", .string("p")), Update([.set("name", .string("x"))]))
        }
        #expect(try await profiles.get("p").name == "p")
    }
}
