using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Chain;

/// <summary>UndoData lists the outputs a block spent from the UTXO set, so disconnecting it can put them back.</summary>
public static class UndoData
{
    public static byte[] Serialize(IReadOnlyList<UtxoEntry> spent)
    {
        var writer = new ByteWriter(8 + spent.Count * 72);
        writer.WriteCompactSize((ulong)spent.Count);
        foreach (var entry in spent)
        {
            writer.WriteHash(entry.OutPoint.TxId);
            writer.WriteUInt32(entry.OutPoint.Index);
            entry.Output.Write(writer);
            writer.WriteInt32(entry.Height);
            writer.WriteByte(entry.IsCoinbase ? (byte)1 : (byte)0);
        }

        return writer.ToArray();
    }

    public static List<UtxoEntry> Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = new ByteReader(data);
        var count = reader.ReadCount(int.MaxValue, 46);
        var entries = new List<UtxoEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var outPoint = new OutPoint(reader.ReadHash(), reader.ReadUInt32());
            var output = TxOutput.Read(ref reader);
            var height = reader.ReadInt32();
            var coinbase = reader.ReadByte() != 0;
            entries.Add(new UtxoEntry(outPoint, output, height, coinbase));
        }

        reader.EnsureEnd();
        return entries;
    }
}
