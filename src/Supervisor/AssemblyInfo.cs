using System.Runtime.Versioning;

// The master relies on POSIX signals, descriptor inheritance and libc: it runs on Linux.
[assembly: SupportedOSPlatform("linux")]
