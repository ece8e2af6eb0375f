import SeedContracts
import SeedRuntime

await SeedServiceMain.run(.work)
