import SeedContracts
import SeedRuntime

await SeedServiceMain.run(.messaging)
