using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;
using BlockchainCs.Network.Alerts;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// An alert: the signed body's bytes (<see cref="AlertBody"/>), then K signatures over its hash, each naming the alert
/// key (by its index in the genesis block) that made it, in increasing key order. At most 1 KiB in all.
/// </summary>
public sealed record AlertPayload : IPayload
{
    public const int MaxSize = 1_024;

    public AlertPayload(byte[] body, IReadOnlyList<AlertSignature> signatures)
    {
        Body = body;
        Signatures = signatures;
        Parsed = AlertBody.Read(body);
        Hash = new Hash256(Hashes.DoubleSha256(body));
    }

    public byte[] Body { get; }

    public IReadOnlyList<AlertSignature> Signatures { get; }

    public AlertBody Parsed { get; }

    /// <summary>dSHA256 of the body: what the keys sign, and the alert's name.</summary>
    public Hash256 Hash { get; }

    public string Command => Commands.Alert;

    /// <summary>Signs <paramref name="body"/> with the given keys (index in the chain's alert keys, private key).</summary>
    public static AlertPayload Sign(AlertBody body, IEnumerable<(int Index, byte[] PrivateKey)> keys, ISecp256k1? backend = null)
    {
        backend ??= Secp256k1.Default;
        var bytes = body.ToBytes();
        var hash = new Hash256(Hashes.DoubleSha256(bytes));
        return new AlertPayload(bytes, [.. keys.OrderBy(k => k.Index).Select(k => new AlertSignature((byte)k.Index, backend.Sign(k.PrivateKey, hash)))]);
    }

    public void Write(ByteWriter writer)
    {
        WireFormat.WriteBytes(writer, Body, AlertBody.MaxSize, nameof(Body));
        WireFormat.WriteCount(writer, Signatures.Count, AlertKeys.MaxKeys, nameof(Signatures));
        foreach (var signature in Signatures)
        {
            writer.WriteByte(signature.KeyIndex);
            writer.WriteBytes(signature.Signature);
        }
    }

    public static AlertPayload Read(ref ByteReader reader)
    {
        var body = WireFormat.ReadBytes(ref reader, AlertBody.MaxSize, nameof(Body));
        var signatures = new AlertSignature[WireFormat.ReadCount(ref reader, AlertKeys.MaxKeys, 1 + AlertSignature.SignatureSize, nameof(Signatures))];
        for (var i = 0; i < signatures.Length; i++)
            signatures[i] = new AlertSignature(reader.ReadByte(), reader.ReadBytes(AlertSignature.SignatureSize));
        return new AlertPayload(body, signatures);
    }

    public bool Equals(AlertPayload? other) =>
        other is not null && Body.AsSpan().SequenceEqual(other.Body) && SequenceEquality.Equal(Signatures, other.Signatures);

    public override int GetHashCode() => Hash.GetHashCode();
}
