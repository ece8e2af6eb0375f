import Foundation

/// Renders `docs/contracts.md`, the contract reference a non-Swift client works from,
/// straight from the types in ``ContractCatalog`` so that it cannot drift from the code.
///
/// `swift run seed-contract-docs > docs/contracts.md` writes it; a test fails when the committed
/// file differs from what this renders.
public enum ContractReference {
    /// The whole reference as Markdown.
    public static func markdown() -> String {
        var out = """
        # Contract reference

        Generated from `Shared/SeedContracts` by `scripts/gen-contract-docs`; do not edit by hand
        (a test fails when this file and the code disagree).

        ## The wire format

        Every message is an AMQP 0-9-1 message whose body is UTF-8 JSON (`content_type`
        `application/json`) of this shape:

        ```json
        {"envelope": {...}, "payload": {...}}
        ```

        A reply that failed carries `"error": {"code": ..., "message": ..., "details": {...}}` instead of
        `payload`. Dates are ISO 8601 in UTC with milliseconds (`2026-01-01T09:30:00.000Z`).
        The AMQP properties repeat what the broker needs: `message_id` (= `envelope.messageId`),
        `correlation_id` (= `envelope.correlationId`), `type` (= `envelope.type`), `delivery_mode` 2
        (persistent), and for a request `reply_to`.

        | envelope field | type | required | meaning |
        | --- | --- | --- | --- |
        | `messageId` | string | yes | Unique id of this message; consumers deduplicate on it. |
        | `correlationId` | string | yes | Shared by every message of one conversation (an HTTP request and all it causes). |
        | `causationId` | string | no | `messageId` of the message that caused this one. |
        | `type` | string | yes | `<name>.v<version>`, as listed below. |
        | `tenant` | string | no | Tenant the message belongs to. |
        | `actor` | string | no | User or service on whose behalf it was sent. |
        | `occurredAt` | string (date-time) | yes | When the sender created it. |
        | `traceparent` | string | no | W3C trace context, `00-<32 hex>-<16 hex>-<2 hex>`. |

        ## Routing

        - **Commands** go point-to-point to the owning service: publish to the default exchange (`""`)
          with routing key `seed.<service>.commands` (the service's durable command queue), `mandatory`
          set. A command that needs an answer is a request: set `reply_to` (RabbitMQ direct reply-to,
          `amq.rabbitmq.reply-to`, works) and `correlation_id`; the reply arrives with the same
          `correlation_id`.
        - **Events** go to the durable topic exchange `\(BusTopology.eventExchange)` with the event's
          `type` as routing key. Each subscribing service has a durable queue `seed.<service>.events`
          bound to the event types it handles.

        ## Errors

        A failed request's reply carries `error.code`, one of:

        | code | HTTP status at the gateway | meaning |
        | --- | --- | --- |

        """
        for code in ErrorCode.allCases {
            out += "| `\(code.rawValue)` | \(code.httpStatus) | \(code.meaning) |\n"
        }
        out += "\nExample of a failed reply:\n\n```json\n"
        out += json(WireMessage<Accepted>(
            envelope: exampleEnvelope(type: Accepted.messageType),
            error: ContractError.validation("email is not a valid address", field: "email")))
        out += "\n```\n"

        out += "\n## Commands\n"
        for command in ContractCatalog.commands.sorted(by: { $0.messageType.wireName < $1.messageType.wireName }) {
            out += section(command, kind: "command")
        }
        out += "\n## Replies\n"
        for reply in ContractCatalog.replies.sorted(by: { $0.messageType.wireName < $1.messageType.wireName }) {
            out += section(reply, kind: "reply")
        }
        out += "\n## Events\n"
        let events = ContractCatalog.events.sorted(by: { $0.messageType.wireName < $1.messageType.wireName })
        if events.isEmpty { out += "\nNo events are defined yet.\n" }
        for event in events {
            out += section(event, kind: "event")
        }
        return out
    }

    private static func section(_ type: any Message.Type, kind: String) -> String {
        let wire = type.messageType.wireName
        var parts = ["### `\(wire)`", type.summary]
        if let command = type as? any Command.Type {
            let routing = switch command.destination {
            case .service(let service):
                "- Routing: default exchange, routing key `\(service.commandQueue)`"
            case .anyService:
                "- Routing: default exchange, routing key `seed.<service>.commands` of the service asked (every service answers)"
            }
            parts.append(routing + "\n- Reply: `\(command.replyType.messageType.wireName)`")
        } else if let event = type as? any Event.Type {
            parts.append("- Published by: \(event.source.rawValue)\n- Routing: exchange `\(BusTopology.eventExchange)`, routing key `\(wire)`")
        }
        let fields = payloadFields(type)
        if !fields.isEmpty {
            parts.append((["| payload field | JSON type |", "| --- | --- |"] + fields.map { "| `\($0.0)` | \($0.1) |" }).joined(separator: "\n"))
        }
        parts.append("```json\n\(exampleBody(type))\n```")
        return "\n" + parts.joined(separator: "\n\n") + "\n"
    }

    /// The payload's fields, as dotted paths with their JSON types, read off the encoded example.
    private static func payloadFields<M: Message>(_ type: M.Type) -> [(String, String)] {
        fields(of: M.example)
    }

    /// The fields of `value` encoded as on the wire, as dotted paths with their JSON types.
    static func fields(of value: some Encodable) -> [(String, String)] {
        guard let data = try? WireCoding.encoder().encode(value),
              let value = try? JSONDecoder().decode(JSONShape.self, from: data)
        else { return [] }
        var fields: [(String, String)] = []
        func walk(_ value: JSONShape, path: String) {
            switch value {
            case .object(let members):
                if !path.isEmpty { fields.append((path, "object")) }
                for key in members.keys.sorted() {
                    walk(members[key]!, path: path.isEmpty ? key : "\(path).\(key)")
                }
            case .array(let elements):
                fields.append((path, "array"))
                if let first = elements.first { walk(first, path: path + "[]") }
            case .scalar(let kind):
                fields.append((path, kind))
            }
        }
        walk(value, path: "")
        return fields
    }

    private static func exampleBody<M: Message>(_ type: M.Type) -> String {
        json(WireMessage(envelope: exampleEnvelope(type: M.messageType), payload: M.example))
    }

    /// A fixed envelope, so the generated file is the same on every run.
    static func exampleEnvelope(type: MessageType) -> MessageEnvelope {
        MessageEnvelope(
            messageId: "6f1c2b0e-8a43-4b57-9a3e-2f7d51c0e9a1",
            correlationId: "0b9a7c55-3e21-4f0a-8d6b-1c2e3f4a5b6c",
            causationId: nil,
            type: type,
            tenant: "acme",
            actor: "user-42",
            occurredAt: Date(timeIntervalSince1970: 1_767_260_200),
            traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    }

    private static func json<M: Codable & Sendable>(_ message: WireMessage<M>) -> String {
        let encoder = WireCoding.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        do {
            return String(decoding: try encoder.encode(message), as: UTF8.self)
        } catch {
            preconditionFailure("the example of \(M.self) does not encode: \(error)")
        }
    }
}

extension Command {
    /// The reply's type, reachable from an existential `any Command.Type`.
    static var replyType: any Message.Type { Reply.self }
}

/// The shape of a JSON value, enough to name each field's JSON type.
private indirect enum JSONShape: Decodable {
    case object([String: JSONShape])
    case array([JSONShape])
    case scalar(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .scalar("null") }
        else if (try? container.decode(Bool.self)) != nil { self = .scalar("boolean") }
        else if (try? container.decode(Double.self)) != nil { self = .scalar("number") }
        else if (try? container.decode(String.self)) != nil { self = .scalar("string") }
        else if let elements = try? container.decode([JSONShape].self) { self = .array(elements) }
        else { self = .object(try container.decode([String: JSONShape].self)) }
    }
}
