namespace Supervisor.Configuration;

/// <summary>A TOML value of a kind no setting takes (a date, an inline table): kept to be reported.</summary>
internal sealed record TomlOtherValue(string Kind, string Text)
{
    public override string ToString() => Text;
}
