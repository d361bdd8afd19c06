using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Filters;

/// <summary>Reads bits most significant first (BIP 158's bit stream); reading past the end is a <see cref="DecodeException"/>.</summary>
public sealed class BitReader(byte[] bytes)
{
    private long _position;

    public ulong Read(int count)
    {
        ulong value = 0;
        for (var i = 0; i < count; i++)
        {
            if (_position >= bytes.LongLength * 8)
                throw new DecodeException("the filter's bits end early");
            var bit = (bytes[_position >> 3] >> (7 - (int)(_position & 7))) & 1;
            value = (value << 1) | (uint)bit;
            _position++;
        }

        return value;
    }
}
