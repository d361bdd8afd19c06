using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Tests.Chain;

public sealed class UndoDataTests
{
    [Fact]
    public void Deserialize_SerializedEntries_SameEntries()
    {
        List<UtxoEntry> entries =
        [
            new(new OutPoint(Hash256.Compute([1]), 0), new TxOutput(10, Enumerable.Repeat((byte)7, 20).ToArray()), 0, true),
            new(new OutPoint(Hash256.Compute([2]), 3), new TxOutput(long.MaxValue / 2, new byte[20]), 1234, false),
        ];

        Assert.Equal(entries, UndoData.Deserialize(UndoData.Serialize(entries)));
        Assert.Empty(UndoData.Deserialize(UndoData.Serialize([])));
    }

    [Fact]
    public void Deserialize_TrailingOrMissingBytes_DecodeException()
    {
        var bytes = UndoData.Serialize([new(new OutPoint(Hash256.Compute([1]), 0), new TxOutput(10, new byte[20]), 5, false)]);

        Assert.Throws<DecodeException>(() => UndoData.Deserialize([.. bytes, 0]));
        Assert.Throws<DecodeException>(() => UndoData.Deserialize(bytes.AsSpan(0, bytes.Length - 1)));
    }
}
