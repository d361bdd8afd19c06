namespace BlockchainCs.Core.Filters;

/// <summary>Bits written most significant first into bytes (BIP 158's bit stream); the last byte is padded with zeros.</summary>
public sealed class BitWriter
{
    private readonly List<byte> _bytes = [];
    private int _used = 8;

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="value"/>, highest first.</summary>
    public void Write(ulong value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            if (_used == 8)
            {
                _bytes.Add(0);
                _used = 0;
            }

            if (((value >> i) & 1) != 0)
                _bytes[^1] |= (byte)(0x80 >> _used);
            _used++;
        }
    }

    public byte[] ToArray() => [.. _bytes];
}
