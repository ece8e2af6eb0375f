import SeedOpsKit

/// `seed-ops`: operator commands for a running suite (the commands live in `SeedOpsKit`, where the
/// tests reach them).
@main
enum SeedOps {
    static func main() async {
        await SeedOpsCommand.main()
    }
}
