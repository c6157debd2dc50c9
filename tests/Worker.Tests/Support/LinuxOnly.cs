using System.Runtime.Versioning;

// The worker runs on Linux only (inherited fds, signals, /proc); so do its tests.
[assembly: SupportedOSPlatform("linux")]
