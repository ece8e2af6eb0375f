import SeedContracts

// Writes the contract reference to standard output; scripts/gen-contract-docs saves it as docs/contracts.md.
// With the argument `realtime`: the WebSocket frame reference, saved as docs/realtime.md.
if CommandLine.arguments.dropFirst().first == "realtime" {
    print(RealTimeReference.markdown(), terminator: "")
} else {
    print(ContractReference.markdown(), terminator: "")
}
