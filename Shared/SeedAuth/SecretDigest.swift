import Crypto
import Foundation

/// Secrets that are stored only as digests (refresh tokens, API keys, verification codes) and the
/// random values they are made from.
public enum SecretDigest {
    /// Lower-case hex SHA-256 of `secret`. Refresh tokens and API keys carry 256 random bits, so a
    /// fast digest is enough; passwords use bcrypt instead.
    public static func sha256(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// `byteCount` random bytes from the system's CSPRNG, base64url without padding.
    public static func randomToken(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
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
