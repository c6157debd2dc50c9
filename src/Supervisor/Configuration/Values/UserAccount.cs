namespace Supervisor.Configuration.Values;

/// <summary>A user that exists on this system, with its primary group: what workers run as.</summary>
internal sealed record UserAccount(string Name, uint Uid, uint Gid)
{
    public override string ToString() => Name;
}
