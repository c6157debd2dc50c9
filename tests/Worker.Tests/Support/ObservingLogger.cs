using Microsoft.Extensions.Logging;

namespace Worker.Tests.Support;

/// <summary>A logger that hands each message to a callback at the moment it is written.</summary>
internal sealed class ObservingLogger : ILogger
{
    private readonly Action<string> _onMessage;

    public ObservingLogger(Action<string> onMessage) => _onMessage = onMessage;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _onMessage(formatter(state, exception));
}
