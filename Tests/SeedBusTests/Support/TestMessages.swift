import SeedContracts

/// A command the tests send; every test bus answers it with ``EchoedV1``.
struct EchoV1: Command, Equatable {
    typealias Reply = EchoedV1
    static let messageType = MessageType("test.echo", version: 1)
    static let destination = CommandDestination.service(.work)
    static let summary = "Test command."
    static let example = EchoV1(text: "hello")
    var text: String
}

/// The reply to ``EchoV1``.
struct EchoedV1: Message, Equatable {
    static let messageType = MessageType("test.echoed", version: 1)
    static let summary = "Test reply."
    static let example = EchoedV1(text: "hello", attempt: 1)
    var text: String
    var attempt: Int
}

/// An event the tests publish from `work`.
struct ThingHappenedV1: Event, Equatable {
    static let messageType = MessageType("test.thing-happened", version: 1)
    static let source = ServiceName.work
    static let summary = "Test event."
    static let example = ThingHappenedV1(number: 1)
    var number: Int
}
