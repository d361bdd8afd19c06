using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Tests.Filters;

/// <summary>
/// Just enough of Bitcoin's block format to take BIP 158's test vectors as raw items: every transaction's output
/// scripts (segregated witness blocks included). Test support only: our own blocks have no scripts.
/// </summary>
public static class BitcoinBlockScripts
{
    public static List<byte[]> OutputScripts(byte[] block)
    {
        var reader = new ByteReader(block);
        reader.ReadSpan(80); // header
        var scripts = new List<byte[]>();
        var transactions = reader.ReadCompactSize(100_000);
        for (ulong t = 0; t < transactions; t++)
        {
            reader.ReadSpan(4); // version
            var inputs = reader.ReadCompactSize(100_000);
            var witness = inputs == 0;
            if (witness)
            {
                reader.ReadByte(); // the flag after the 0 marker
                inputs = reader.ReadCompactSize(100_000);
            }

            for (ulong i = 0; i < inputs; i++)
            {
                reader.ReadSpan(36);
                reader.ReadSpan((int)reader.ReadCompactSize(100_000));
                reader.ReadSpan(4);
            }

            var outputs = reader.ReadCompactSize(100_000);
            for (ulong o = 0; o < outputs; o++)
            {
                reader.ReadSpan(8);
                scripts.Add(reader.ReadSpan((int)reader.ReadCompactSize(100_000)).ToArray());
            }

            if (witness)
            {
                for (ulong i = 0; i < inputs; i++)
                {
                    var items = reader.ReadCompactSize(100_000);
                    for (ulong w = 0; w < items; w++)
                        reader.ReadSpan((int)reader.ReadCompactSize(100_000));
                }
            }

            reader.ReadSpan(4); // lock time
        }

        return scripts;
    }
}
