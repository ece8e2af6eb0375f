import SeedContracts

// Writes the contract reference to standard output; scripts/gen-contract-docs saves it as docs/contracts.md.
print(ContractReference.markdown(), terminator: "")
