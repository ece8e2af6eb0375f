import Foundation
import SeedContracts

// The rules of messaging's input beyond the Swift types (MessagingRules), stated in the OpenAPI
// document, so that schemathesis sends what messaging accepts and a rule that changes in one place
// and not the other is caught. Rules a JSON Schema cannot state (text or attachments, one emoji,
// mentions of members) are listed in scripts/lib/schemathesis.toml instead.

extension ConversationType: OpenAPIEnumeration {}
extension MemberRole: OpenAPIEnumeration {}
extension ParticipantRole: OpenAPIEnumeration {}
extension MessageKind: OpenAPIEnumeration {}
extension MessageStatus: OpenAPIEnumeration {}

private let objectId: JSONValue = .object([("type", .string("string")), ("pattern", .string(OpenAPIDocument.objectIdPattern))])
private func idList(max: Int) -> [(String, JSONValue)] { [("items", objectId), ("maxItems", .integer(max))] }
/// Any id messaging accepts (MessagingRules.id), for ids it stores without looking them up: user ids of
/// new members and of the other person of a direct conversation.
private let anyIdPattern = "^\\S{1,128}$"
private func anyIdList(max: Int) -> [(String, JSONValue)] {
    [("items", .object([("type", .string("string")), ("pattern", .string(anyIdPattern))])), ("maxItems", .integer(max))]
}
private let nonBlank: (String, JSONValue) = ("pattern", .string("\\S"))
private let titleRule: [(String, JSONValue)] = [("maxLength", .integer(100)), nonBlank]
private let descriptionRule: [(String, JSONValue)] = [("maxLength", .integer(500))]
private let avatarRule: [(String, JSONValue)] = [("maxLength", .integer(2048)), ("pattern", .string("^https?://[A-Za-z0-9.-]+(/[A-Za-z0-9._~/-]*)?$"))]
private let retentionRule: [(String, JSONValue)] = [("minimum", .integer(0)), ("maximum", .integer(3_650))]
private let contentRule: [(String, JSONValue)] = [("maxLength", .integer(10_000)), nonBlank]
private let clientMessageIdRule: [(String, JSONValue)] = [("pattern", .string("^[!-~]{1,128}$"))]

extension CreateConversationV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["type": [("enum", .array([.string("group"), .string("channel"), .string("support")]))],
         "title": titleRule, "description": descriptionRule, "avatar": avatarRule, "memberIds": anyIdList(max: 999), "autoDeleteAfterDays": retentionRule]
    }
}

extension OpenDirectConversationV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["userId": [("pattern", .string(anyIdPattern))]] }
}

extension UpdateConversationBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["title": titleRule, "description": descriptionRule, "avatar": avatarRule, "autoDeleteAfterDays": retentionRule]
    }
}

extension AddMembersBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["userIds": idList(max: 1_000) + [("minItems", .integer(1))], "role": [("enum", .array([.string("member"), .string("admin")]))]]
    }
}

extension LeaveBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["newOwnerId": [("pattern", .string(OpenAPIDocument.objectIdPattern))]] }
}

extension SendMessageBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["clientMessageId": clientMessageIdRule, "content": contentRule,
         "kind": [("enum", .array(MessageKind.allCases.filter { $0 != .system }.map { .string($0.rawValue) }))],
         "attachments": [("maxItems", .integer(20))], "parentMessageId": [("pattern", .string(OpenAPIDocument.objectIdPattern))],
         "mentions": idList(max: 50)]
    }
}

extension EditMessageBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["content": contentRule] }
}

extension AttachmentV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["documentId": [("pattern", .string("^[0-9a-fA-F]{24}$"))], "fileName": [("maxLength", .integer(255)), nonBlank],
         "fileSize": [("minimum", .integer(0))], "mimeType": [("pattern", .string("^[^/]+/[^/]+$")), ("maxLength", .integer(127))]]
    }
}

extension EncryptedPayloadV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["data": [("minLength", .integer(1)), ("maxLength", .integer(64_000))],
         "keys": [("additionalProperties", .object([("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(4_096))]))]]
    }
}

extension MarkReadBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["messageId": [("pattern", .string(OpenAPIDocument.objectIdPattern))]] }
}

extension MarkDeliveredBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["messageIds": idList(max: 100) + [("minItems", .integer(1))]] }
}

extension ReactionBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["emoji": [("minLength", .integer(1)), ("maxLength", .integer(16))]] }
}
