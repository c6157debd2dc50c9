namespace Supervisor.Worker.Protocol;

/// <summary>Life stage of the worker in a scoreboard slot; stored as a long at <see cref="ScoreboardLayout.StateOffset"/>.</summary>
internal enum WorkerState : long
{
    /// <summary>The slot is free (a fresh scoreboard is all zeros).</summary>
    Empty = 0,

    /// <summary>The process runs but the host has not started yet.</summary>
    Booting = 1,

    /// <summary>The host started; the worker accepts connections.</summary>
    Ready = 2,

    /// <summary>The worker reached its request quota and drains; the master replaces it at once.</summary>
    Retiring = 3,

    /// <summary>The worker was told to stop (TERM) and drains.</summary>
    Stopping = 4,
}
