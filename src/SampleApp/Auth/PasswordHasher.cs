using System.Globalization;
using System.Security.Cryptography;

namespace SampleApp.Auth;

/// <summary>
/// PBKDF2-HMAC-SHA256 with a per-user random salt, stored as <c>pbkdf2-sha256$iterations$salt$hash</c>
/// so the iteration count can rise later without invalidating older hashes.
/// </summary>
internal static class PasswordHasher
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int Iterations = 600_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// Spends the same time as a real check, for a login with an unknown email: the answer's delay
    /// does not tell which emails have accounts.
    /// </summary>
    public static void VerifyNothing(string password) =>
        Rfc2898DeriveBytes.Pbkdf2(password, new byte[SaltBytes], Iterations, HashAlgorithmName.SHA256, HashBytes);
}
