namespace Supervisor.Platform;

/// <summary>The fields of a stat(2) the master decides on: which file it is, what kind, how many names, whose.</summary>
internal readonly record struct FileStatus(ulong Device, ulong Inode, uint Mode, ulong Links, uint Uid)
{
    private const uint TypeMask = 0xF000;
    private const uint RegularType = 0x8000;
    private const uint DirectoryType = 0x4000;
    private const uint SocketType = 0xC000;
    private const uint SymbolicLinkType = 0xA000;

    public bool IsRegularFile => (Mode & TypeMask) == RegularType;

    public bool IsDirectory => (Mode & TypeMask) == DirectoryType;

    public bool IsSocket => (Mode & TypeMask) == SocketType;

    public bool IsSymbolicLink => (Mode & TypeMask) == SymbolicLinkType;

    /// <summary>True when both name one file (the same inode on the same device).</summary>
    public bool IsSameFile(FileStatus other) => Device == other.Device && Inode == other.Inode;
}
