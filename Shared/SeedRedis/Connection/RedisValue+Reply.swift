import CHiredis

extension RedisValue {
    /// Copies a hiredis reply tree into a value; `nil` for a reply type hiredis 0.14 does not define.
    init?(reply: UnsafePointer<redisReply>) {
        let reply = reply.pointee
        switch reply.type {
        case REDIS_REPLY_STRING:
            self = .bulkString(Self.bytes(of: reply))
        case REDIS_REPLY_STATUS:
            self = .simpleString(String(decoding: Self.bytes(of: reply), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            self = .error(String(decoding: Self.bytes(of: reply), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            self = .integer(Int64(reply.integer))
        case REDIS_REPLY_NIL:
            self = .null
        case REDIS_REPLY_ARRAY:
            var elements: [RedisValue] = []
            elements.reserveCapacity(reply.elements)
            for index in 0..<reply.elements {
                guard let child = reply.element[index], let element = RedisValue(reply: child) else { return nil }
                elements.append(element)
            }
            self = .array(elements)
        default:
            return nil
        }
    }

    private static func bytes(of reply: redisReply) -> [UInt8] {
        guard reply.len > 0, let start = reply.str else { return [] }
        return Array(UnsafeRawBufferPointer(start: start, count: reply.len))
    }
}
