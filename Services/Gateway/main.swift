import SeedContracts
import SeedRuntime

await SeedServiceMain.run(.gateway) { host in
    let bus = try host.addBus()
    GatewayHTTP.configure(host, bus: bus)
}
