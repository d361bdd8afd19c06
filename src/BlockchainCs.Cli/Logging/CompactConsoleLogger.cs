using Microsoft.Extensions.Logging;

namespace BlockchainCs.Cli.Logging;

/// <summary>One category's logger; it writes through its <see cref="CompactConsoleLoggerProvider"/>.</summary>
internal sealed class CompactConsoleLogger(CompactConsoleLoggerProvider provider, string category, LogFilter filter) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && (logLevel >= LogLevel.Information || filter.ShowsDebug(category));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
            provider.Write(category, logLevel, formatter(state, exception), exception);
    }
}
