using BlockchainCs.Network.Alerts;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;
using static BlockchainCs.Network.Tests.Alerts.AlertTestKeys;

namespace BlockchainCs.Network.Tests.Alerts;

/// <summary>
/// Bitcoin's old alert parser kept every alert and every cancelled id it was sent. Ours holds 16 and a bounded memory
/// of seen hashes, whatever arrives: measured on the whole process, so it runs alone.
/// </summary>
[Collection(Serial.Name)]
public sealed class AlertMemoryTests(ITestOutputHelper output)
{
    private readonly AlertBook _book = new(TwoOfThree);

    [Fact]
    public void Accept_10000DistinctAlerts_ValidOrForged_HoldsAtMost16_MemoryFlat()
    {
        // Warm up, then measure: 10,000 correctly signed alerts and 10,000 forged ones leave the book as small as 16.
        for (var i = 1; i <= AlertBook.Capacity; i++)
            _book.Accept(Signed(Body(i, priority: 100), 0, 1), Now);
        var alerts = Enumerable.Range(1_000, 10_000).Select(i => Signed(Body(i, $"alert number {i}", priority: i % 50), 0, 2)).ToList();
        var forged = Enumerable.Range(20_000, 10_000).Select(i => Signed(Body(i, $"forged number {i}"), 0, 2))
            .Select(a => new AlertPayload(a.Body, [a.Signatures[0], a.Signatures[1] with { KeyIndex = 1 }])).ToList();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var verdicts = alerts.Concat(forged).Select(a => _book.Accept(a, Now).Verdict).ToList();

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Equal(10_000, verdicts.Count(v => v == AlertVerdict.Invalid));
        Assert.Equal(10_000, verdicts.Count(v => v == AlertVerdict.Refused));
        Assert.Equal(AlertBook.Capacity, _book.Live(Now).Count);
        Assert.All(_book.Live(Now), a => Assert.Equal(100, a.Parsed.Priority));
        // The seen-hash memory is bounded too (1,000 hashes, two generations): far below what 20,000 alerts weigh.
        output.WriteLine($"20,000 alerts later the process holds {after - before:N0} bytes more");
        Assert.True(after - before < 256 * 1024, $"the book grew by {after - before:N0} bytes");
    }
}
