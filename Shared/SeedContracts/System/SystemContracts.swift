/// Messages every service shares: the ping and the empty acknowledgement.
public enum SystemContracts: ServiceContracts {
    public static let owner: ServiceName? = nil
    public static let commands: [any Command.Type] = [PingV1.self]
    public static let replies: [any Message.Type] = [PongV1.self, Accepted.self, TenantDataPageV1.self, TenantDataErasureV1.self]
    public static let events: [any Event.Type] = []
}
