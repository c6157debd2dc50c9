using Microsoft.AspNetCore.Http.Features;

namespace Worker.Tests.Support;

/// <summary>A response feature that keeps the OnStarting callbacks and runs them when told, as a server does before the headers go out.</summary>
internal sealed class StartingResponseFeature : HttpResponseFeature
{
    private readonly Stack<(Func<object, Task> Callback, object State)> _starting = new();

    public override void OnStarting(Func<object, Task> callback, object state) => _starting.Push((callback, state));

    public async Task StartAsync()
    {
        while (_starting.TryPop(out var entry))
        {
            await entry.Callback(entry.State);
        }
    }
}
