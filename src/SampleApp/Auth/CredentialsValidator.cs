using SampleApp.Api;

namespace SampleApp.Auth;

/// <summary>Field rules for register and login; each message says what to enter.</summary>
internal static class CredentialsValidator
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;
    public const string EmailRequired = "Enter your email address.";
    public const string EmailInvalid = "Enter an email address such as ada@example.com.";
    public const string PasswordRequired = "Enter a password.";
    public const string PasswordTooShort = "Use at least 10 characters.";
    public const string PasswordTooLong = "Use at most 128 characters.";

    /// <summary>Field errors, empty when valid. Registration also checks the password's length; login only that it is there.</summary>
    public static Dictionary<string, string[]> Check(Credentials? credentials, bool registering)
    {
        var errors = new Dictionary<string, string[]>();
        var email = credentials?.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            errors["email"] = [EmailRequired];
        }
        else if (!LooksLikeEmail(email))
        {
            errors["email"] = [EmailInvalid];
        }

        var password = credentials?.Password;
        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = [PasswordRequired];
        }
        else if (registering && password.Length < MinPasswordLength)
        {
            errors["password"] = [PasswordTooShort];
        }
        else if (password.Length > MaxPasswordLength)
        {
            errors["password"] = [PasswordTooLong];
        }

        return errors;
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return email.Length <= 254 && at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }
}
