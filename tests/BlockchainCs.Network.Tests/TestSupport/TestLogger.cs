using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>One category's logger of a <see cref="TestLoggerFactory"/> (Information and above).</summary>
internal sealed class TestLogger(TestLoggerFactory factory, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}";
        factory.Write(exception is null ? line : $"{line} {exception}");
    }
}
