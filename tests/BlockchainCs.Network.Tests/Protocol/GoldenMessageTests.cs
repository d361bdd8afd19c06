using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.Protocol;

public sealed class GoldenMessageTests
{
    public static TheoryData<string> CommandNames => new(GoldenMessages.CommandList);

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Decode_GoldenHex_ReturnsExpectedPayload(string command)
    {
        var golden = GoldenMessages.Get(command);

        var message = MessageFraming.Decode(golden.Bytes, Fixtures.Magic);
        var payload = PayloadCodec.Decode(message);

        Assert.Equal(command, message.Command);
        Assert.NotNull(payload);
        Assert.IsType(golden.Value.GetType(), payload);
        Assert.Equal(command, payload.Command);
        Assert.Equal(golden.Value, payload);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Encode_ExpectedPayload_ReturnsGoldenHex(string command)
    {
        var golden = GoldenMessages.Get(command);

        var bytes = MessageFraming.Encode(Fixtures.Magic, golden.Value);

        Assert.Equal(Convert.ToHexStringLower(golden.Bytes), Convert.ToHexStringLower(bytes));
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task ReadAsync_GoldenHex_ReturnsMessage(string command)
    {
        var golden = GoldenMessages.Get(command);
        using var stream = new MemoryStream(golden.Bytes);

        var message = await MessageFraming.ReadAsync(stream, Fixtures.Magic);

        Assert.NotNull(message);
        Assert.Equal(command, message.Command);
        Assert.Equal(golden.PayloadBytes, message.Payload);
        Assert.Equal(golden.Value, PayloadCodec.Decode(message));
    }

    [Fact]
    public async Task ReadAsync_AllMessagesBackToBack_ReadsEachThenReturnsNull()
    {
        using var stream = new MemoryStream(GoldenMessages.All.SelectMany(m => m.Bytes).ToArray());

        foreach (var golden in GoldenMessages.All)
        {
            var message = await MessageFraming.ReadAsync(stream, Fixtures.Magic);
            Assert.Equal(golden.Command, message?.Command);
        }

        Assert.Null(await MessageFraming.ReadAsync(stream, Fixtures.Magic));
    }

    [Fact]
    public void GoldenMessages_EveryCommand_HasAnExample()
    {
        Assert.Equal(Commands.All, GoldenMessages.All.Select(m => m.Command));
    }

    [Fact]
    public void Decode_BlockMessage_KeepsBlockHashAndTransactionIds()
    {
        var message = MessageFraming.Decode(GoldenMessages.Get("block").Bytes, Fixtures.Magic);

        var block = Assert.IsType<BlockPayload>(PayloadCodec.Decode(message)).Block;

        Assert.Equal(Fixtures.SampleBlock.Hash, block.Hash);
        Assert.Equal(Fixtures.SampleBlock.Transactions[0].Id, block.Transactions[0].Id);
        Assert.Equal(1, block.Transactions[0].CoinbaseHeight);
    }

    [Fact]
    public void Decode_HeadersMessage_ReturnsBlocksWithoutTransactions()
    {
        var message = MessageFraming.Decode(GoldenMessages.Get("headers").Bytes, Fixtures.Magic);

        var headers = Assert.IsType<HeadersPayload>(PayloadCodec.Decode(message)).Headers;

        var header = Assert.Single(headers);
        Assert.Empty(header.Transactions);
        Assert.Equal(Fixtures.SampleBlock.Hash, header.Hash);
    }

    [Fact]
    public void MerkleBlockExample_IsCanonical_ProvesTransaction2Of3()
    {
        var golden = GoldenMessages.Get(Commands.MerkleBlock);
        var block = (MerkleBlockPayload)PayloadCodec.Decode(MessageFraming.Decode(golden.Bytes, Fixtures.Magic))!;

        var (root, matches, positions) = PartialMerkleTree.FromParts(block.TotalTransactions, block.Hashes, block.Flags).ExtractMatches()
            ?? throw new InvalidOperationException("the documented tree is malformed");
        Assert.Equal([2], positions);
        Assert.Equal([Fixtures.H2], matches);
        Assert.Equal(MerkleTree.HashPair(Fixtures.H1, MerkleTree.HashPair(Fixtures.H2, Fixtures.H2)), root);
        // Canonical: the bits a builder writes for that match, padding zero.
        var leaves = new[] { Hash256.Compute([0]), Hash256.Compute([1]), Fixtures.H2 };
        Assert.Equal(block.Flags, PartialMerkleTree.Build(leaves, [false, false, true]).Flags);
    }
}
