using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Tests.Crypto;

/// <summary>
/// The two backends must be interchangeable: the same public keys, byte-identical signatures, each accepting the
/// other's. Pure C# crypto has had JIT-related wrong results upstream, so the managed backend is warmed up first (the
/// comparisons then run on tier-1 code). Where libsecp256k1 is missing these tests are reported skipped, not passed.
/// </summary>
public sealed class Secp256k1CrossBackendTests
{
    private const int WarmUpRounds = 400;

    private readonly NBitcoinSecp256k1 _managed = new();

    private LibSecp256k1 NativeWarmedUp()
    {
        var native = Secp256k1TestData.RequireNative();
        var random = new Random(1);
        var key = Secp256k1TestData.RandomPrivateKey(random);
        var publicKey = _managed.CreatePublicKey(key);
        for (var i = 0; i < WarmUpRounds; i++)
        {
            var digest = Hash256.Compute(BitConverter.GetBytes(i));
            Assert.True(_managed.Verify(publicKey, digest, _managed.Sign(key, digest)));
        }

        return native;
    }

    [Fact]
    public void CreatePublicKey_RandomKeys_BackendsAgree()
    {
        var native = NativeWarmedUp();
        var random = new Random(3);
        for (var i = 0; i < 100; i++)
        {
            var privateKey = Secp256k1TestData.RandomPrivateKey(random);

            Assert.Equal(native.CreatePublicKey(privateKey), _managed.CreatePublicKey(privateKey));
        }
    }

    [Fact]
    public void Sign_RandomKeys_SignaturesByteIdentical()
    {
        var native = NativeWarmedUp();
        var random = new Random(4);
        for (var i = 0; i < 100; i++)
        {
            var privateKey = Secp256k1TestData.RandomPrivateKey(random);
            var digest = Hash256.Compute(BitConverter.GetBytes(random.NextInt64()));

            Assert.Equal(native.Sign(privateKey, digest), _managed.Sign(privateKey, digest));
        }
    }

    [Fact]
    public void Verify_SignedByLibSecp256k1_ManagedAccepts()
    {
        var native = NativeWarmedUp();
        var random = new Random(5);
        for (var i = 0; i < 50; i++)
        {
            var privateKey = Secp256k1TestData.RandomPrivateKey(random);
            var digest = Hash256.Compute(BitConverter.GetBytes(i));
            var signature = native.Sign(privateKey, digest);

            Assert.True(_managed.Verify(native.CreatePublicKey(privateKey), digest, signature));
            Assert.False(_managed.Verify(native.CreatePublicKey(privateKey), digest, Secp256k1TestData.WithHighS(signature)));
        }
    }

    [Fact]
    public void Verify_SignedByManaged_LibSecp256k1Accepts()
    {
        var native = NativeWarmedUp();
        var random = new Random(9);
        for (var i = 0; i < 50; i++)
        {
            var privateKey = Secp256k1TestData.RandomPrivateKey(random);
            var digest = Hash256.Compute(BitConverter.GetBytes(i));
            var signature = _managed.Sign(privateKey, digest);

            Assert.True(native.Verify(_managed.CreatePublicKey(privateKey), digest, signature));
            Assert.False(native.Verify(_managed.CreatePublicKey(privateKey), digest, Secp256k1TestData.WithHighS(signature)));
        }
    }

    [Fact]
    public void Verify_TamperedSignatures_BothBackendsRefuseAlike()
    {
        var native = NativeWarmedUp();
        var random = new Random(11);
        var privateKey = Secp256k1TestData.RandomPrivateKey(random);
        var publicKey = native.CreatePublicKey(privateKey);
        var digest = Hash256.Compute([7, 7, 7]);
        var signature = native.Sign(privateKey, digest);
        for (var bit = 0; bit < signature.Length * 8; bit += 7)
        {
            var tampered = (byte[])signature.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.Equal(native.Verify(publicKey, digest, tampered), _managed.Verify(publicKey, digest, tampered));
            Assert.False(_managed.Verify(publicKey, digest, tampered));
        }
    }

    [Fact]
    public void Sign_LibSecp256k1_IsDeterministic()
    {
        // RFC 6979 nonces: the same key and digest always give the same signature.
        var native = Secp256k1TestData.RequireNative();
        var privateKey = Secp256k1TestData.ToScalar(42);
        var digest = Hash256.Compute([1, 2, 3]);

        Assert.Equal(native.Sign(privateKey, digest), native.Sign(privateKey, digest));
    }

    [Fact]
    public void Verify_LibSecp256k1_DoesNotAllocate()
    {
        // Verify is the hot path of block validation: everything it needs lives on the stack.
        var native = Secp256k1TestData.RequireNative();
        var privateKey = Secp256k1TestData.ToScalar(7);
        var publicKey = native.CreatePublicKey(privateKey);
        var digest = Hash256.Compute([4, 5, 6]);
        var signature = native.Sign(privateKey, digest);
        Assert.True(native.Verify(publicKey, digest, signature));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var valid = 0;
        for (var i = 0; i < 100; i++)
            valid += native.Verify(publicKey, digest, signature) ? 1 : 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(100, valid);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Default_LibraryInstalledOrNot_PicksLibSecp256k1WhenItLoads()
    {
        var forced = Environment.GetEnvironmentVariable(Secp256k1.BackendVariable);
        var expected = forced == "nbitcoin" || LibSecp256k1.TryLoad() is null ? typeof(NBitcoinSecp256k1) : typeof(LibSecp256k1);

        Assert.IsType(expected, Secp256k1.Default);
        Assert.Same(Secp256k1.Default, Secp256k1.Default);
    }

    [Fact]
    public void TryLoad_CalledTwice_ReturnsSameInstance()
    {
        Assert.Same(LibSecp256k1.TryLoad(), LibSecp256k1.TryLoad());
    }

    [Fact]
    public void LoadFirst_NoSuchLibrary_ReturnsNull()
    {
        Assert.Null(LibSecp256k1.LoadFirst(["libdoes-not-exist-secp256k1.so", "/nonexistent/libsecp256k1.so"]));
    }

    [Fact]
    public void LoadFirst_LibraryWithoutSecp256k1Exports_ReturnsNull()
    {
        // A real library that is not libsecp256k1: every platform's C runtime under its usual name.
        Assert.Null(LibSecp256k1.LoadFirst(["libc.so.6", "libSystem.dylib", "msvcrt.dll"]));
    }
}
