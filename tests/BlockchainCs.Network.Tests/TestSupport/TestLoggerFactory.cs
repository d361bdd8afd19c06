using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>Collects what the nodes log (so a test can wait for an event) and echoes it to the xunit output of the test.</summary>
public sealed class TestLoggerFactory(ITestOutputHelper? output, string prefix = "") : ILoggerFactory
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public bool Contains(string text) => Count(text) > 0;

    public int Count(string text) => _lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new TestLogger(this, $"{prefix}{categoryName}");

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    internal void Write(string line)
    {
        _lines.Enqueue(line);
        try
        {
            output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test is over (a node logged while shutting down).
        }
    }
}
