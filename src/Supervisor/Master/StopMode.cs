namespace Supervisor.Master;

internal enum StopMode
{
    /// <summary>TERM: workers finish their in-flight requests, for up to graceful_timeout.</summary>
    Graceful,

    /// <summary>INT or QUIT: workers exit at once.</summary>
    Quick,
}
