namespace Supervisor.Diagnostics;

/// <summary>The managed frames of one thread, innermost first.</summary>
internal sealed record ThreadStack(int ManagedThreadId, uint OSThreadId, IReadOnlyList<StackFrameInfo> Frames)
{
    /// <summary>How far from the top the first app frame is, or null when the thread runs framework code only.</summary>
    public int? FirstAppFrame
    {
        get
        {
            for (var i = 0; i < Frames.Count; i++)
            {
                if (!Frames[i].IsFramework)
                {
                    return i;
                }
            }

            return null;
        }
    }
}
