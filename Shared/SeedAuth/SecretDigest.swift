import Crypto
import Foundation

/// Secrets that are stored only as digests (refresh tokens, API keys, verification codes) and the
/// random values they are made from.
public enum SecretDigest {
    /// Lower-case hex SHA-256 of `secret`. Refresh tokens and API keys carry 256 random bits, so a
    /// fast digest is enough; passwords use bcrypt instead.
    public static func sha256(_ secret: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: SHA256.byteCount * 2) { buffer in
            var index = 0
            for byte in SHA256.hash(data: Array(secret.utf8)) {
                buffer[index] = digits[Int(byte >> 4)]
                buffer[index + 1] = digits[Int(byte & 0x0f)]
                index += 2
            }
            return index
        }
    }

    /// `byteCount` random bytes from the system's CSPRNG, base64url without padding.
    public static func randomToken(byteCount: Int = 32) -> String {
        SymmetricKey(size: SymmetricKeySize(bitCount: byteCount * 8)).withUnsafeBytes { Base64URL.encode(Array($0)) }
    }

    /// A numeric code of `digits` digits (phone verification), uniformly random.
    public static func numericCode(digits: Int = 6) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }

    /// Compares two digests in time independent of where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
