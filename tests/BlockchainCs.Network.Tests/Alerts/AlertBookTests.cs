using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Alerts;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using static BlockchainCs.Network.Tests.Alerts.AlertTestKeys;

namespace BlockchainCs.Network.Tests.Alerts;

/// <summary>
/// The safe alert system: K of N keys from the genesis block must sign, signatures are checked before anything else,
/// what is held and remembered is bounded whatever arrives, and only display happens.
/// </summary>
public sealed class AlertBookTests
{
    private readonly AlertBook _book = new(TwoOfThree);

    [Fact]
    public void Accept_SignedByTwoOfThree_HeldAndListed()
    {
        var alert = Signed(Body(7), 0, 2);

        var outcome = _book.Accept(alert, Now);

        Assert.Equal(AlertVerdict.Accepted, outcome.Verdict);
        Assert.Equal([7], _book.Live(Now).Select(a => a.Parsed.Id));
        Assert.Equal(AlertVerdict.Known, _book.Accept(alert, Now).Verdict);
    }

    public static TheoryData<string> Forgeries => new() { "one signature", "three signatures", "a key that is not the chain's", "the same key twice", "keys out of order", "a damaged signature", "an index past the keys" };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public void Accept_NotSignedByKDistinctChainKeys_Invalid_NothingHeld(string forgery)
    {
        var body = Body(7);
        var good = Signed(body, 0, 1);
        var stranger = Wallet.Generate();
        var alert = forgery switch
        {
            "one signature" => Signed(body, 0),
            "three signatures" => Signed(body, 0, 1, 2),
            "a key that is not the chain's" => AlertPayload.Sign(body, [(0, Holders[0].PrivateKey), (1, stranger.PrivateKey)]),
            "the same key twice" => new AlertPayload(good.Body, [good.Signatures[0], good.Signatures[0]]),
            "keys out of order" => new AlertPayload(good.Body, [good.Signatures[1], good.Signatures[0]]),
            "a damaged signature" => new AlertPayload(good.Body, [good.Signatures[0], good.Signatures[1] with { Signature = Flip(good.Signatures[1].Signature) }]),
            _ => new AlertPayload(good.Body, [good.Signatures[0], good.Signatures[1] with { KeyIndex = 3 }]),
        };

        var outcome = _book.Accept(alert, Now);

        Assert.Equal(AlertVerdict.Invalid, outcome.Verdict);
        Assert.Empty(_book.Live(Now));
        // A forgery is not remembered as seen: the real alert with the same body is still accepted.
        Assert.Equal(AlertVerdict.Accepted, _book.Accept(good, Now).Verdict);
    }

    [Fact]
    public void Accept_ChainWithoutAlertKeys_EveryAlertInvalid()
    {
        var book = new AlertBook(null);

        var outcome = book.Accept(Signed(Body(1), 0, 1), Now);

        Assert.Equal(AlertVerdict.Invalid, outcome.Verdict);
        Assert.Contains("no alert keys", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_Expired_RefusedNotInvalid()
    {
        var old = Signed(Body(3, created: Now.AddDays(-2).ToUnixTimeSeconds()), 0, 1);

        var outcome = _book.Accept(old, Now);

        Assert.Equal(AlertVerdict.Refused, outcome.Verdict);
        Assert.Contains("expired", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_HeldAlertExpires_NoLongerListed()
    {
        _book.Accept(Signed(Body(3), 0, 1), Now);

        Assert.Single(_book.Live(Now.AddHours(23)));
        Assert.Empty(_book.Live(Now.AddHours(25)));
    }

    [Fact]
    public void Accept_Cancel_RemovesTheHeldAlert_AndTheCancelledOneIsRefusedAfterwards()
    {
        var first = Signed(Body(10), 0, 1);
        var canceller = Signed(Body(11, "Ignore alert 10", cancel: [10]), 1, 2);
        var lateCopyOfTen = Signed(Body(10, "the same id, another text"), 0, 2);
        _book.Accept(first, Now);

        var outcome = _book.Accept(canceller, Now);

        Assert.Equal([10], outcome.Cancelled);
        Assert.Equal([11], _book.Live(Now).Select(a => a.Parsed.Id));
        var late = _book.Accept(lateCopyOfTen, Now);
        Assert.Equal(AlertVerdict.Refused, late.Verdict);
        Assert.Contains("cancelled by alert 11", late.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_MoreThan16_KeepsTheHighestPriorities()
    {
        for (var i = 1; i <= 20; i++)
            _book.Accept(Signed(Body(i, priority: i), 0, 1), Now);

        var held = _book.Live(Now);

        Assert.Equal(AlertBook.Capacity, held.Count);
        Assert.Equal(Enumerable.Range(5, 16).Reverse(), held.Select(a => a.Parsed.Priority));
        Assert.Equal(AlertVerdict.Refused, _book.Accept(Signed(Body(99, priority: 1), 0, 1), Now).Verdict);
    }

    [Fact]
    public void ProtocolDocExample_IsCorrectlySignedByPrivateKeys1And2()
    {
        var book = new AlertBook(new AlertKeys([Holders[0].PublicKey, Holders[1].PublicKey], 2));
        var example = (AlertPayload)PayloadCodec.Decode(Commands.Alert, Convert.FromHexString(
            "4501000000010000000000f1536500000000804255650000000000000000ffffff7f010000001f5570677261646520746f20312e31206265666f726520626c6f636b203530300200cf5d047766719a04a4d57a9929c77ab6794b39872d335d6194da7044ac5e575e06cf6b354511579dc92ae95fc7c8d94195eaa8439c4f602585c1a787ebc88521019290572b12fecf387dd5e99a7322bf0e84a287e7a0a4fe22811126843626b51f6b93bfa7bb930d98d11faa4548312c9a20036acaf8a3adb0f0f4a3cb9775bd05"))!;

        var outcome = book.Accept(example, DateTimeOffset.FromUnixTimeSeconds(1_700_000_100));

        Assert.Equal(AlertVerdict.Accepted, outcome.Verdict);
        Assert.Equal("d2af111449f6ba0472ce1cc499cbfbfe6e87d50bb34654a6e2dbc5f8d8324dbd", example.Hash.ToString());
    }

    public static TheoryData<string> BadBodies => new() { "version 2", "30 days and a second", "a control character", "257 characters", "cancels itself", "17 cancels" };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void Decode_MalformedBody_IsAProtocolError(string problem)
    {
        var body = problem switch
        {
            "30 days and a second" => Body(1, lifetime: AlertBody.MaxLifetime + TimeSpan.FromSeconds(1)),
            "a control character" => Body(1, "bell\a"),
            "257 characters" => Body(1, new string('x', 257)),
            "cancels itself" => Body(1, cancel: [1]),
            "17 cancels" => Body(1, cancel: [.. Enumerable.Range(2, 17)]),
            _ => Body(1),
        };
        var bytes = body.ToBytes();
        if (problem == "version 2")
            bytes[0] = 2;
        var payload = new Core.Serialization.ByteWriter();
        payload.WriteVarBytes(bytes);
        payload.WriteCompactSize(0);

        Assert.NotNull(body.Problem() ?? (problem == "version 2" ? "" : null));
        Assert.Throws<ProtocolException>(() => PayloadCodec.Decode(Commands.Alert, payload.ToArray()));
    }

    [Fact]
    public void Frame_AlertOver1KiB_RefusedAtTheHeader()
    {
        Assert.Equal(1_024, PayloadLimits.For(Commands.Alert));
        var largest = Signed(Body(1, new string('x', AlertBody.MaxMessageBytes), cancel: [.. Enumerable.Range(2, AlertBody.MaxCancel)]), 0, 1);
        Assert.True(PayloadCodec.Encode(largest).Length < 1_024);
        Assert.True(AlertBody.MaxSize + 3 + 1 + (AlertKeys.MaxKeys * 65) <= AlertPayload.MaxSize, "8 signatures and the longest body fit");
    }

    private static byte[] Flip(byte[] signature)
    {
        var copy = (byte[])signature.Clone();
        copy[10] ^= 1;
        return copy;
    }
}
