using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Peers;

/// <summary>Hostile peer item 10: text a peer chose is logged without control characters, so it cannot forge log lines.</summary>
public sealed class SafeTextTests(ITestOutputHelper output)
{
    private const string ForgedLine = "/evil/\r\n12:00:00 Net Banned 127.0.0.5 for 24h\u001b[2J\u202e";

    [Theory]
    [InlineData("/blockchain_cs:1.0/", "/blockchain_cs:1.0/")]
    [InlineData("a\nb\rc\td", "a?b?c?d")]
    [InlineData("\u001b[31mred", "?[31mred")]
    [InlineData("abc\u202edef", "abc?def")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Sanitize_ControlAndFormattingCharacters_BecomeQuestionMarks(string? text, string expected) =>
        Assert.Equal(expected, SafeText.Sanitize(text));

    [Fact]
    public void Sanitize_1000Characters_CappedAt120AndMarked()
    {
        var safe = SafeText.Sanitize(new string('x', 1000));

        Assert.Equal(121, safe.Length);
        Assert.EndsWith("…", safe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_UserAgentAndRejectReasonWithControlCharacters_LoggedOnOneLineWithoutThem()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start();
        var peer = await net.ConnectRawAsync(node);
        await peer.HandshakeAsync(userAgent: ForgedLine);

        await peer.SendAsync(new RejectPayload(Commands.Tx, RejectCode.Invalid, ForgedLine, default));
        await peer.SyncAsync();

        var lines = net.Logs(node).Lines.Where(l => l.Contains("/evil/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.DoesNotContain(l, c => char.IsControl(c) || c == '\u202e'));
    }
}
