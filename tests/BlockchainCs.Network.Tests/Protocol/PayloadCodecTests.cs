using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.Protocol;

public sealed class PayloadCodecTests
{
    private const string Beyond = "larger than the data that follows";

    public static TheoryData<string> CommandNames => new(GoldenMessages.CommandList);

    /// <summary>The commands whose payload has bytes to cut (verack, getaddr, mempool and filterclear have none).</summary>
    public static TheoryData<string> CommandsWithPayload => new(GoldenMessages.All.Where(m => m.PayloadBytes.Length > 0).Select(m => m.Command));

    [Fact]
    public void Decode_UnknownCommand_ReturnsNull()
    {
        Assert.Null(PayloadCodec.Decode("sendcmpct", [0x00, 0x01]));
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Decode_TrailingByte_ThrowsProtocolException(string command)
    {
        byte[] payload = [.. GoldenMessages.Get(command).PayloadBytes, 0x00];

        AssertMalformed(command, payload, "trailing");
    }

    [Theory]
    [MemberData(nameof(CommandsWithPayload))]
    public void Decode_LastByteMissing_ThrowsProtocolException(string command)
    {
        var payload = GoldenMessages.Get(command).PayloadBytes;
        // version's last field (BIP 37's relay byte) is optional: a version without it is whole, so cut into the one before.
        var cut = command == Commands.Version ? 2 : 1;

        AssertMalformed(command, payload.AsSpan(0, payload.Length - cut).ToArray(), "");
    }

    [Fact]
    public void Decode_VersionWithoutItsRelayByte_IsAnOlderVersion_RelayTrue()
    {
        var payload = GoldenMessages.Get(Commands.Version).PayloadBytes;
        var withoutRelay = payload.AsSpan(0, payload.Length - 1).ToArray();
        var older = Assert.IsType<VersionPayload>(PayloadCodec.Decode(Commands.Version, withoutRelay));
        var light = Assert.IsType<VersionPayload>(PayloadCodec.Decode(Commands.Version, [.. withoutRelay, 0]));

        Assert.Null(older.Relay); // which a node reads as true
        Assert.False(light.Relay);
        Assert.Equal(older with { Relay = false }, light);
        Assert.Equal(withoutRelay, PayloadCodec.Encode(older)); // re-encoded as it came
        AssertMalformed(Commands.Version, [.. withoutRelay, 2], "relay flag 0x02");
    }

    [Fact]
    public void Decode_InvWith50001Items_ThrowsProtocolException()
    {
        AssertMalformed(Commands.Inv, InventoryBytes(InventoryList.MaxItems + 1), "exceeds the limit of 50000");
    }

    [Theory]
    [InlineData(Commands.Inv)]
    [InlineData(Commands.GetData)]
    [InlineData(Commands.NotFound)]
    public void Decode_InventoryWith50000Items_Succeeds(string command)
    {
        var payload = PayloadCodec.Decode(command, InventoryBytes(InventoryList.MaxItems));

        Assert.NotNull(payload);
        Assert.Equal(command, payload.Command);
    }

    [Theory]
    [InlineData(Commands.GetData)]
    [InlineData(Commands.NotFound)]
    public void Decode_GetDataOrNotFoundWith50001Items_ThrowsProtocolException(string command)
    {
        AssertMalformed(command, InventoryBytes(InventoryList.MaxItems + 1), "exceeds the limit");
    }

    [Fact]
    public void Decode_AddrWith1001Entries_ThrowsProtocolException()
    {
        var writer = new ByteWriter();
        writer.WriteCompactSize(AddrPayload.MaxAddresses + 1);
        for (var i = 0; i <= AddrPayload.MaxAddresses; i++)
            new TimestampedAddress(i, new NetworkAddress(1, "10.0.0.1", 3000)).Write(writer);

        AssertMalformed(Commands.Addr, writer.ToArray(), "exceeds the limit of 1000");
    }

    [Fact]
    public void Decode_HeadersWith2001Entries_ThrowsProtocolException()
    {
        var writer = new ByteWriter();
        writer.WriteCompactSize(HeadersPayload.MaxHeaders + 1);
        for (var i = 0; i <= HeadersPayload.MaxHeaders; i++)
        {
            Fixtures.SampleHeader.WriteHeader(writer);
            writer.WriteCompactSize(0);
        }

        AssertMalformed(Commands.Headers, writer.ToArray(), "exceeds the limit of 2000");
    }

    [Theory]
    [InlineData(Commands.GetBlocks)]
    [InlineData(Commands.GetHeaders)]
    public void Decode_LocatorWith102Hashes_ThrowsProtocolException(string command)
    {
        var writer = new ByteWriter();
        writer.WriteInt32(1);
        writer.WriteCompactSize(GetBlocksPayload.MaxLocatorHashes + 1);
        for (var i = 0; i <= GetBlocksPayload.MaxLocatorHashes + 1; i++)
            writer.WriteHash(Fixtures.H1); // one more than the count: the stop hash

        AssertMalformed(command, writer.ToArray(), "exceeds the limit of 101");
    }

    /// <summary>Payloads whose CompactSize count promises more items than the bytes that follow could hold.</summary>
    public static TheoryData<string, string, string> CountsBeyondData => new()
    {
        { Commands.Inv, "03" + "02000000" + Zeros(32), Beyond },
        { Commands.GetBlocks, "01000000" + "32" + Zeros(32) + Zeros(32), Beyond },
        { Commands.Addr, "fd2003" + Zeros(19), Beyond },
        { Commands.Headers, "02" + Zeros(Block.HeaderSize) + "00", Beyond },
        { Commands.Block, Zeros(Block.HeaderSize) + "fd1027" + "00", Beyond }, // 10,000 transactions in one byte
        { Commands.Block, Zeros(Block.HeaderSize) + "fe40420f00", "exceeds the limit of 100000" }, // 1,000,000 transactions
        { Commands.Tx, "05" + Zeros(38) + "00", Beyond },
        { Commands.FilterLoad, "fd2003" + "00", Beyond },
        { Commands.FilterAdd, "0a" + "00", Beyond },
        { Commands.MerkleBlock, Zeros(Block.HeaderSize) + "03000000" + "03" + Zeros(32) + "00", Beyond },
        { Commands.Version, "01000000" + Zeros(8 + 8 + 4 + 32 + 8) + "fa", Beyond }, // a 250-byte host, then nothing
        { Commands.Version, "01000000" + Zeros(8 + 8 + 4 + 32 + 8) + "fe00000100", "exceeds the limit of 255" },
    };

    [Theory]
    [MemberData(nameof(CountsBeyondData))]
    public void Decode_CountLargerThanData_ThrowsProtocolException(string command, string payloadHex, string reason)
    {
        AssertMalformed(command, Convert.FromHexString(payloadHex), reason);
    }

    [Fact]
    public void Decode_NonCanonicalCompactSize_ThrowsProtocolException()
    {
        AssertMalformed(Commands.Inv, Convert.FromHexString("fd0100" + "02000000" + Zeros(32)), "non-canonical");
    }

    [Fact]
    public void Decode_UnknownInventoryType_ThrowsProtocolException()
    {
        AssertMalformed(Commands.Inv, Convert.FromHexString("01" + "07000000" + Zeros(32)), "unknown inventory type 7");
    }

    [Fact]
    public void Decode_UnknownRejectCode_ThrowsProtocolException()
    {
        AssertMalformed(Commands.Reject, Convert.FromHexString("027478" + "99" + "00" + Zeros(32)), "unknown reject code 0x99");
    }

    [Fact]
    public void Decode_RejectMessageOver12Bytes_ThrowsProtocolException()
    {
        AssertMalformed(Commands.Reject, Convert.FromHexString("0d" + Zeros(13) + "10" + "00" + Zeros(32)), "exceeds the limit of 12");
    }

    [Fact]
    public void Decode_HeaderWithTransactionCount_ThrowsProtocolException()
    {
        AssertMalformed(Commands.Headers, Convert.FromHexString("01" + Zeros(Block.HeaderSize) + "01"), "claims transactions");
    }

    [Fact]
    public void Decode_UserAgentOver256Bytes_ThrowsProtocolException()
    {
        var payload = Convert.FromHexString("01000000" + Zeros(8 + 8 + 4 + 32) + "0100000000000000" + "00" + "0000" + Zeros(8) + "fd0101" + Zeros(257));

        AssertMalformed(Commands.Version, payload, "exceeds the limit of 256");
    }

    [Fact]
    public void Decode_InvalidUtf8Host_ThrowsProtocolException()
    {
        var payload = Convert.FromHexString("0000000000000000" + "02" + "c328" + "b80b");

        AssertMalformed(Commands.Addr, [0x01, .. new byte[8], .. payload], "not valid UTF-8");
    }

    [Fact]
    public void Decode_FilterLoadWith51HashFunctions_ThrowsProtocolException()
    {
        AssertMalformed(Commands.FilterLoad, Convert.FromHexString("01ff" + "33000000" + "00000000" + "00"), "hash functions");
    }

    [Fact]
    public void Decode_FilterOver36000Bytes_ThrowsProtocolException()
    {
        var writer = new ByteWriter();
        writer.WriteVarBytes(new byte[FilterLoadPayload.MaxFilterBytes + 1]);
        writer.WriteBytes(new byte[9]);

        AssertMalformed(Commands.FilterLoad, writer.ToArray(), "exceeds the limit of 36000");
    }

    [Fact]
    public void Decode_FilterAddOver520Bytes_ThrowsProtocolException()
    {
        var writer = new ByteWriter();
        writer.WriteVarBytes(new byte[FilterAddPayload.MaxDataBytes + 1]);

        AssertMalformed(Commands.FilterAdd, writer.ToArray(), "exceeds the limit of 520");
    }

    [Theory]
    [InlineData("02000000" + "03" + "H" + "01" + "00", "exceeds the limit of 2")] // 3 hashes for 2 transactions
    [InlineData("02000000" + "00" + "02" + "0000", "exceeds the limit of 1")] // 2 flag bytes for 2 transactions
    [InlineData("a1860100" + "00" + "00", "at most 100000")] // 100,001 transactions
    public void Decode_MerkleBlockOverLimits_ThrowsProtocolException(string afterHeader, string reason)
    {
        var payload = Convert.FromHexString(Zeros(Block.HeaderSize) + afterHeader.Replace("H", Zeros(96), StringComparison.Ordinal));

        AssertMalformed(Commands.MerkleBlock, payload, reason);
    }

    [Fact]
    public void Decode_MalformedPayload_WrapsDecodeException()
    {
        var error = Assert.Throws<ProtocolException>(() => PayloadCodec.Decode(Commands.Ping, [0x01]));

        Assert.IsType<DecodeException>(error.InnerException);
        Assert.StartsWith("malformed ping payload", error.Message);
    }

    public static TheoryData<IPayload> OverLimitPayloads => new()
    {
        new InvPayload(new InventoryVector[InventoryList.MaxItems + 1]),
        new AddrPayload(Enumerable.Repeat(new TimestampedAddress(0, new NetworkAddress(0, "a", 1)), AddrPayload.MaxAddresses + 1).ToArray()),
        new GetBlocksPayload(1, new Hash256[GetBlocksPayload.MaxLocatorHashes + 1], Hash256.Zero),
        new HeadersPayload(Enumerable.Repeat(Fixtures.SampleHeader, HeadersPayload.MaxHeaders + 1).ToArray()),
        new VersionPayload(1, 0, 0, 0, Hash256.Zero, new NetworkAddress(0, "h", 1), 0, new string('a', VersionPayload.MaxUserAgentBytes + 1)),
        new VersionPayload(1, 0, 0, 0, Hash256.Zero, new NetworkAddress(0, new string('h', 256), 1), 0, ""),
        new RejectPayload("thirteenchars", RejectCode.Invalid, "", Hash256.Zero),
        new RejectPayload("tx", (RejectCode)0x99, "", Hash256.Zero),
        new FilterLoadPayload([], FilterLoadPayload.MaxHashFunctions + 1, 0, 0),
        new FilterAddPayload(new byte[FilterAddPayload.MaxDataBytes + 1]),
        new MerkleBlockPayload(Fixtures.SampleHeader, 1, [Fixtures.H1, Fixtures.H2], [0x01]),
        new InvPayload([new InventoryVector((InventoryType)9, Hash256.Zero)]),
    };

    [Theory]
    [MemberData(nameof(OverLimitPayloads))]
    public void Encode_ValueOverItsLimit_ThrowsArgumentException(IPayload payload)
    {
        Assert.ThrowsAny<ArgumentException>(() => PayloadCodec.Encode(payload));
    }

    private static void AssertMalformed(string command, byte[] payload, string reason)
    {
        var error = Assert.Throws<ProtocolException>(() => PayloadCodec.Decode(command, payload));
        Assert.Contains(reason, error.Message);
    }

    private static byte[] InventoryBytes(int count)
    {
        var writer = new ByteWriter(count * InventoryVector.Size + 8);
        writer.WriteCompactSize((ulong)count);
        for (var i = 0; i < count; i++)
            new InventoryVector(InventoryType.Tx, Fixtures.H1).Write(writer);
        return writer.ToArray();
    }

    private static string Zeros(int bytes) => new('0', bytes * 2);
}
