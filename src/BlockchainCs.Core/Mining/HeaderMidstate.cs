using System.Buffers.Binary;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Mining;

/// <summary>
/// HeaderMidstate is the SHA-256 state after the first 64-byte block of the hashed header (prevHash ‖ merkleRoot).
/// That block does not change while mining a candidate, so it is compressed once and every nonce costs only the
/// second block.
/// </summary>
internal sealed class HeaderMidstate
{
    private readonly uint[] _state = new uint[8];

    public HeaderMidstate(Hash256 prevHash, Hash256 merkleRoot)
    {
        Span<byte> bytes = stackalloc byte[64];
        prevHash.CopyTo(bytes);
        merkleRoot.CopyTo(bytes[32..]);
        Span<uint> block = stackalloc uint[16];
        for (var i = 0; i < 16; i++)
            block[i] = BinaryPrimitives.ReadUInt32BigEndian(bytes[(i * 4)..]);
        Sha256Compression.InitialState.CopyTo(_state);
        Sha256Compression.Compress(_state, block);
    }

    public ReadOnlySpan<uint> State => _state;

    /// <summary>The precomputed second block for one timestamp and one value of the nonce's high 32 bits.</summary>
    public SecondBlockTemplate Template(long timestamp, int targetBits, uint nonceHigh) =>
        new(_state, timestamp, targetBits, nonceHigh);
}
