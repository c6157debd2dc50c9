namespace Supervisor.Master;

/// <summary>
/// HUPs that arrive while a reload is under way (its workers not all READY yet) become one more reload once it
/// completes, instead of a new generation each that overtakes the last before it serves. TTIN and TTOU received
/// after such a HUP are replayed on the count that reload sets, so the count ends where the signals add up to.
/// </summary>
internal sealed class ReloadQueue
{
    private readonly List<int> _scalesSinceHup = [];

    /// <summary>A reload started and its generation is not READY in full yet.</summary>
    public bool UnderWay { get; private set; }

    /// <summary>A HUP arrived while a reload was under way.</summary>
    public bool Pending { get; private set; }

    public void Started() => UnderWay = true;

    /// <summary>Records a HUP that must wait; true for the first one, which is worth a line in the log.</summary>
    public bool Defer()
    {
        var first = !Pending;
        Pending = true;
        _scalesSinceHup.Clear();
        return first;
    }

    /// <summary>Notes a TTIN (+1) or TTOU (-1) to replay after the deferred reload.</summary>
    public void Scaled(int delta)
    {
        if (Pending)
        {
            _scalesSinceHup.Add(delta);
        }
    }

    /// <summary>
    /// The reload under way is over (its workers are READY, or it was rolled back); true when a deferred one must
    /// start now.
    /// </summary>
    public bool Complete()
    {
        UnderWay = false;
        var pending = Pending;
        Pending = false;
        return pending;
    }

    /// <summary>The scale signals received after the deferred HUP, in order; taken once.</summary>
    public List<int> TakeScales()
    {
        var scales = _scalesSinceHup.ToList();
        _scalesSinceHup.Clear();
        return scales;
    }
}
