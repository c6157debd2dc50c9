namespace Supervisor.Configuration.Values;

internal enum BindKind
{
    Tcp,
    Unix,
    FileDescriptor,
}
