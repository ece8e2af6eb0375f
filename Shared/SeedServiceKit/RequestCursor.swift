public import SeedContracts
public import SeedStore

extension PageCursor {
    /// The page cursor a client sent back, or `nil` when it sent none; a string this service did not
    /// issue (tampered, truncated, foreign) is a validation error naming `cursor`.
    public static func fromRequest(_ text: String?) throws(ContractError) -> PageCursor? {
        guard let text else { return nil }
        do {
            return try PageCursor(text)
        } catch {
            throw ContractError.validation("the cursor is not one this service issued", field: "cursor")
        }
    }
}
