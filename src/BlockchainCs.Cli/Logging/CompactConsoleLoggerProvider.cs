using Microsoft.Extensions.Logging;

namespace BlockchainCs.Cli.Logging;

/// <summary>
/// The node's log on standard output, one compact line per event: time, a short category and the message
/// (<c>14:02:11.042 net   Received version command from localhost:3001</c>), with "warn:"/"error:" in front when it is
/// one. Information and above by default; <see cref="LogFilter"/> opens debugging detail for all categories or some.
/// </summary>
public sealed class CompactConsoleLoggerProvider(LogFilter filter, TimeProvider time, TextWriter? output = null) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly TextWriter _output = output ?? Console.Out;

    public ILogger CreateLogger(string categoryName) => new CompactConsoleLogger(this, LogFilter.ShortName(categoryName), filter);

    internal void Write(string category, LogLevel level, string message, Exception? error)
    {
        var prefix = level switch
        {
            LogLevel.Warning => "warn: ",
            LogLevel.Error or LogLevel.Critical => "error: ",
            _ => "",
        };
        var detail = error is null ? "" : filter.ShowsDebug(category) ? $"{Environment.NewLine}{error}" : $" ({error.GetType().Name}: {error.Message})";
        var line = $"{time.GetLocalNow():HH:mm:ss.fff} {category,-6}{prefix}{OneLine(message)}{detail}";
        lock (_gate)
            _output.WriteLine(line);
    }

    /// <summary>A message is one line: line breaks that slipped in (a peer's text, an error) become spaces.</summary>
    private static string OneLine(string message) =>
        message.Contains('\n', StringComparison.Ordinal) || message.Contains('\r', StringComparison.Ordinal)
            ? message.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            : message;

    public void Dispose()
    {
        lock (_gate)
            _output.Flush();
    }
}
