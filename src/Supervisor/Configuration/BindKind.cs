namespace Supervisor.Configuration;

internal enum BindKind
{
    Tcp,
    Unix,
    FileDescriptor,
}
