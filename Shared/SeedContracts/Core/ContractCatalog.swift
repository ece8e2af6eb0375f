/// Every message type the suite defines. The contract reference (`docs/contracts.md`)
/// is generated from this list, and a test checks that every type in it round-trips.
///
/// Add each new command, reply and event here in the same commit that defines it.
public enum ContractCatalog {
    public static let commands: [any Command.Type] = [
        PingV1.self,
    ]

    public static let replies: [any Message.Type] = [
        PongV1.self,
        Accepted.self,
    ]

    public static let events: [any Event.Type] = []

    /// Commands, replies and events together.
    public static var all: [any Message.Type] {
        commands.map { $0 as any Message.Type } + replies + events.map { $0 as any Message.Type }
    }
}
