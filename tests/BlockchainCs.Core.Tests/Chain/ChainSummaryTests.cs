using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Tests.TestSupport;

namespace BlockchainCs.Core.Tests.Chain;

/// <summary>
/// Read-only commands read one snapshot: while another connection (another process) writes block after block, every
/// summary pairs a tip with the UTXO digest of that same height.
/// </summary>
public sealed class ChainSummaryTests : IDisposable
{
    private readonly ChainBuilder _b = new();

    public void Dispose() => _b.Dispose();

    [Fact]
    public async Task Summarize_WhileAnotherConnectionWrites40Blocks_EverySummaryMatchesItsHeight()
    {
        var expected = new Dictionary<int, ChainSummary> { [0] = _b.Chain.Summarize() };
        using var reader = Blockchain.Open(_b.DatabasePath);
        var summaries = new List<ChainSummary>();
        using var done = new CancellationTokenSource();
        var reading = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
                summaries.Add(reader.Summarize());
        });

        for (var i = 0; i < 40; i++)
        {
            _b.MineBlock(_b.Wallets[i % 4].PubKeyHash, _b.Pay(_b.A, _b.B, 1));
            var summary = _b.Chain.Summarize();
            expected[summary.Tip.Height] = summary;
        }

        await done.CancelAsync();
        await reading;
        summaries.Add(reader.Summarize());

        Assert.All(summaries, s => Assert.Equal(expected[s.Tip.Height], s));
        Assert.Equal(40, summaries[^1].Tip.Height);
        Assert.True(summaries.Select(s => s.Tip.Height).Distinct().Count() > 1, "the reader saw the chain move");
    }
}
