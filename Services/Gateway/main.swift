import SeedContracts
import SeedRuntime

await SeedServiceMain.run(.gateway, configure: GatewayHTTP.configure)
