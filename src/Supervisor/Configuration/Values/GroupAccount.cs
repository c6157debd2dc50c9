namespace Supervisor.Configuration.Values;

/// <summary>A group that exists on this system.</summary>
internal sealed record GroupAccount(string Name, uint Gid)
{
    public override string ToString() => Name;
}
