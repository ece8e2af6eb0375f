import Crypto
import Foundation
import IdentityService
import SeedContracts
import SeedStore
import SeedServiceTesting
import Testing

@Suite("Key directory for end-to-end encryption")
struct KeyDirectoryTests {
    static func x25519() -> String { Curve25519.KeyAgreement.PrivateKey().publicKey.rawRepresentation.base64EncodedString() }

    @Test("each device publishes a key with the user's next version; rotation retires the old key but keeps it in the history")
    func publishAndRotate() async throws {
        let fixture = try await IdentityFixture.make()
        let ada = try await fixture.register("ada@example.com")
        let bob = try await fixture.register("bob@example.com")
        func publish(_ device: String, _ key: String, _ algorithm: PublicKeyAlgorithm = .x25519) async throws -> DeviceKeyV1 {
            try await fixture.service.publishDeviceKey(
                PublishDeviceKeyV1(deviceId: device, algorithm: algorithm, publicKey: key), envelope: fixture.envelope(PublishDeviceKeyV1.self, actor: ada.id))
        }
        let phone = try await publish("phone", Self.x25519())
        let laptop = try await publish("laptop", P256.KeyAgreement.PrivateKey().publicKey.x963Representation.base64EncodedString(), .p256)
        #expect(phone.keyVersion == 1 && laptop.keyVersion == 2)
        let same = try await publish("phone", phone.publicKey)
        #expect(same == phone, "publishing the current key again changes nothing")
        let rotated = try await publish("phone", Self.x25519())
        #expect(rotated.keyVersion == 3)

        let current = try await fixture.service.userKeys(GetUserKeysV1(userId: ada.id), envelope: fixture.envelope(GetUserKeysV1.self, actor: bob.id))
        #expect(current.keys.map(\.keyVersion) == [3, 2])
        let history = try await fixture.service.userKeys(
            GetUserKeysV1(userId: ada.id, includeHistory: true), envelope: fixture.envelope(GetUserKeysV1.self, actor: bob.id))
        #expect(history.keys.map(\.keyVersion) == [3, 2, 1])
        #expect(history.keys.last?.retiredAt == fixture.clock.now && history.keys.last?.publicKey == phone.publicKey)
        let events = try await fixture.events(DeviceKeyPublishedV1.self)
        #expect(events.map(\.key.keyVersion) == [1, 2, 3] && events.last?.retiredKeyVersion == 1)
    }

    @Test("a malformed, oversized or private key, and a bad device id, are refused naming the field, and nothing is stored")
    func badKeys() async throws {
        let fixture = try await IdentityFixture.make()
        let ada = try await fixture.register("ada@example.com")
        let cases: [(PublishDeviceKeyV1, String)] = [
            (PublishDeviceKeyV1(deviceId: "phone", algorithm: .x25519, publicKey: "not base64!"), "publicKey"),
            (PublishDeviceKeyV1(deviceId: "phone", algorithm: .x25519, publicKey: Data(repeating: 7, count: 33).base64EncodedString()), "publicKey"),
            (PublishDeviceKeyV1(deviceId: "phone", algorithm: .ed25519, publicKey: Data(repeating: 7, count: 64).base64EncodedString()), "publicKey"),
            (PublishDeviceKeyV1(deviceId: "phone", algorithm: .p256, publicKey: P256.KeyAgreement.PrivateKey().rawRepresentation.base64EncodedString()), "publicKey"),
            (PublishDeviceKeyV1(deviceId: "phone", algorithm: .p256, publicKey: Data([4] + Array(repeating: 1, count: 64)).base64EncodedString()), "publicKey"),
            (PublishDeviceKeyV1(deviceId: "phone", algorithm: .x25519, publicKey: Data(repeating: 7, count: 4096).base64EncodedString()), "publicKey"),
            (PublishDeviceKeyV1(deviceId: "no spaces", algorithm: .x25519, publicKey: Self.x25519()), "deviceId"),
        ]
        for (command, field) in cases {
            await expectContractError(.validation, field: field) {
                _ = try await fixture.service.publishDeviceKey(command, envelope: fixture.envelope(PublishDeviceKeyV1.self, actor: ada.id))
            }
        }
        #expect(try await fixture.count(DeviceKey.self) == 0)
        #expect(try await fixture.events(DeviceKeyPublishedV1.self).isEmpty)
    }
}
