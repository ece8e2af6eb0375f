import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension IdentityService {
    /// `identity.publish-device-key.v1`: the next key version of the caller; the device's current key
    /// (if any) is retired and kept. Publishing the device's current key again changes nothing.
    public func publishDeviceKey(_ command: PublishDeviceKeyV1, envelope: MessageEnvelope) async throws -> DeviceKeyV1 {
        let deviceId = try DeviceKeyRules.deviceId(command.deviceId)
        let publicKey = try DeviceKeyRules.publicKey(command.publicKey, algorithm: command.algorithm)
        return try await work.once(envelope) { tx in
            let user = try await caller(tx.envelope, in: tx.operations)
            let keys = tx.collection(DeviceKey.self)
            let current = try await keys.find(.and([.equal("userId", .string(user.id)), .exists("retiredAt", false)]))
            var previous = current.first { $0.deviceId == deviceId }
            if let previous, previous.publicKey == publicKey, previous.algorithm == command.algorithm { return previous.view }
            guard previous != nil || current.count < DeviceKey.maximumDevices else {
                throw ContractError(.conflict, "a user has at most \(DeviceKey.maximumDevices) devices with keys", details: ["field": "deviceId"])
            }
            let newest = try await keys.first(.equal("userId", .string(user.id)), sort: [SortKey("keyVersion", .descending)])
            let key = DeviceKey(
                userId: user.id, deviceId: deviceId, algorithm: command.algorithm, publicKey: publicKey, keyVersion: (newest?.keyVersion ?? 0) + 1, now: tx.now)
            if previous != nil {
                previous!.retiredAt = tx.now
                try await keys.replace(previous!)
            }
            try await keys.insert(key)
            try await tx.publish(DeviceKeyPublishedV1(key: key.view, retiredKeyVersion: previous?.keyVersion))
            return key.view
        }
    }

    /// `identity.get-user-keys.v1`: any signed-in user of the same tenant reads another's public keys.
    public func userKeys(_ command: GetUserKeysV1, envelope: MessageEnvelope) async throws -> UserKeysV1 {
        try await work.mapStoreErrors {
            let reader = try await caller(envelope, in: store)
            let owner = try await liveUser(command.userId, in: store)
            guard owner.tenantId == reader.tenantId else {
                throw ContractError(.notFound, "no user with id \(command.userId)", details: ["field": "userId"])
            }
            var filters: [Filter] = [.equal("userId", .string(owner.id))]
            if !command.includeHistory { filters.append(.exists("retiredAt", false)) }
            let keys = try await DocumentCollection(DeviceKey.self, in: store).find(
                .and(filters), options: FindOptions(sort: [SortKey("keyVersion", .descending)], limit: 1000))
            return UserKeysV1(userId: owner.id, keys: keys.map(\.view))
        }
    }
}
