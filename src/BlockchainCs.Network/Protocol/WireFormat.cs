using System.Text;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol;

/// <summary>
/// Field codecs shared by the payloads: limited strings, byte strings and hash lists. Writers refuse values
/// over the limit (so we never send what a peer must reject); readers check the limit before allocating.
/// </summary>
internal static class WireFormat
{
    // Strict in both directions so that every decoded string re-encodes to the exact same bytes.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void WriteString(ByteWriter writer, string value, int maxBytes, string field)
    {
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"{field} is not valid Unicode", field, e);
        }

        WriteBytes(writer, bytes, maxBytes, field);
    }

    public static string ReadString(ref ByteReader reader, int maxBytes, string field)
    {
        var bytes = reader.ReadSpan(ReadCount(ref reader, maxBytes, 1, field));
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new DecodeException($"{field} is not valid UTF-8");
        }
    }

    public static void WriteBytes(ByteWriter writer, ReadOnlySpan<byte> bytes, int maxBytes, string field)
    {
        CheckCount(bytes.Length, maxBytes, field);
        writer.WriteVarBytes(bytes);
    }

    public static byte[] ReadBytes(ref ByteReader reader, int maxBytes, string field) =>
        reader.ReadBytes(ReadCount(ref reader, maxBytes, 1, field));

    public static void WriteHashes(ByteWriter writer, IReadOnlyList<Hash256> hashes, int max, string field)
    {
        WriteCount(writer, hashes.Count, max, field);
        foreach (var hash in hashes)
            writer.WriteHash(hash);
    }

    public static Hash256[] ReadHashes(ref ByteReader reader, int max, string field)
    {
        var hashes = new Hash256[ReadCount(ref reader, max, Hash256.Size, field)];
        for (var i = 0; i < hashes.Length; i++)
            hashes[i] = reader.ReadHash();
        return hashes;
    }

    public static void WriteCount(ByteWriter writer, int count, int max, string field)
    {
        CheckCount(count, max, field);
        writer.WriteCompactSize((ulong)count);
    }

    /// <summary>A CompactSize count, checked against <paramref name="max"/> and the bytes left; errors name the field.</summary>
    public static int ReadCount(ref ByteReader reader, int max, int minItemSize, string field)
    {
        try
        {
            return reader.ReadCount(max, minItemSize);
        }
        catch (DecodeException e)
        {
            throw new DecodeException($"{field}: {e.Message}");
        }
    }

    private static void CheckCount(int count, int max, string field)
    {
        if (count > max)
            throw new ArgumentException($"{field} has {count} items; the limit is {max}", field);
    }
}
