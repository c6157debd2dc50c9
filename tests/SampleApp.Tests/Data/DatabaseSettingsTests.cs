using SampleApp.Data;

namespace SampleApp.Tests.Data;

public sealed class DatabaseSettingsTests
{
    private static DatabaseSettings? Read(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return DatabaseSettings.FromEnvironment(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void NoVariableAtAllMeansNoDatabase() => Assert.Null(Read());

    [Fact]
    public void TheFiveVariablesMakeTheSettingWithPort5432ByDefault()
    {
        var settings = Read(("DATABASE_HOST", "db"), ("DATABASE_NAME", "app"), ("DATABASE_USER", "u"), ("DATABASE_PASSWORD", "p"));
        Assert.Equal(new DatabaseSettings("db", 5432, "app", "u", "p"), settings);
        Assert.Equal("db:5432/app", settings!.Description);
    }

    [Fact]
    public void MissingVariablesAreAllNamed()
    {
        var e = Assert.Throws<DatabaseSettingsException>(() => Read(("DATABASE_HOST", "db"), ("DATABASE_USER", "u")));
        Assert.Equal("The database settings are incomplete: DATABASE_NAME, DATABASE_PASSWORD are not set. Set them, or set DATABASE_URL instead.", e.Message);
    }

    [Fact]
    public void ABadPortSaysWhatIsAllowed()
    {
        var e = Assert.Throws<DatabaseSettingsException>(() =>
            Read(("DATABASE_HOST", "db"), ("DATABASE_PORT", "54x"), ("DATABASE_NAME", "app"), ("DATABASE_USER", "u"), ("DATABASE_PASSWORD", "p")));
        Assert.Equal("DATABASE_PORT = '54x' is not a port: expected a whole number from 1 to 65535.", e.Message);
    }

    [Fact]
    public void DatabaseUrlWinsAndItsPartsAreUnescaped()
    {
        var settings = Read(("DATABASE_URL", "postgres://app:p%40ss@db.internal:6543/shop"), ("DATABASE_HOST", "ignored"));
        Assert.Equal(new DatabaseSettings("db.internal", 6543, "shop", "app", "p@ss"), settings);
    }

    [Theory]
    [InlineData("mysql://u:p@h/db", "DATABASE_URL is not a PostgreSQL URL; expected the form postgres://user:password@host:5432/name.")]
    [InlineData("postgresql://u@h/db", "DATABASE_URL needs a user, a password, a host and a database name; expected the form postgres://user:password@host:5432/name.")]
    [InlineData("postgres://u:p@h", "DATABASE_URL needs a user, a password, a host and a database name; expected the form postgres://user:password@host:5432/name.")]
    public void ABadUrlSaysTheExpectedForm(string url, string message) =>
        Assert.Equal(message, Assert.Throws<DatabaseSettingsException>(() => Read(("DATABASE_URL", url))).Message);

    [Fact]
    public void TheConnectionStringNeverAppearsInTheDescription()
    {
        var settings = new DatabaseSettings("h", 5432, "n", "u", "secret");
        Assert.DoesNotContain("secret", settings.Description, StringComparison.Ordinal);
        Assert.Contains("Password=secret", settings.ConnectionString(), StringComparison.Ordinal);
    }
}
