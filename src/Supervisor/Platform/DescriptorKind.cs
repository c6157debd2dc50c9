namespace Supervisor.Platform;

/// <summary>What a descriptor number stands for in this process.</summary>
internal enum DescriptorKind
{
    Closed,
    NotASocket,
    Socket,
}
