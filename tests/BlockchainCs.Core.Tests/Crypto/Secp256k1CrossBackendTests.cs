using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Tests.Crypto;

/// <summary>
/// The two backends must be interchangeable. Where libsecp256k1 is not installed the cross checks have nothing to
/// compare and pass trivially; the .NET backend is still covered by <see cref="Secp256k1BackendTests"/>.
/// </summary>
public sealed class Secp256k1CrossBackendTests
{
    private readonly DotNetSecp256k1 _dotNet = new();
    private readonly LibSecp256k1? _native = LibSecp256k1.TryLoad();

    [Fact]
    public void CreatePublicKey_RandomKeys_BackendsAgree()
    {
        if (_native is null)
            return;
        var random = new Random(3);
        for (var i = 0; i < 50; i++)
        {
            var privateKey = Secp256k1TestData.RandomPrivateKey(random);

            Assert.Equal(_native.CreatePublicKey(privateKey), _dotNet.CreatePublicKey(privateKey));
        }
    }

    [Fact]
    public void Verify_SignedByLibSecp256k1_DotNetAccepts()
    {
        if (_native is null)
            return;
        var random = new Random(5);
        for (var i = 0; i < 20; i++)
        {
            var privateKey = Secp256k1TestData.RandomPrivateKey(random);
            var digest = Hash256.Compute(BitConverter.GetBytes(i));
            var signature = _native.Sign(privateKey, digest);

            Assert.True(_dotNet.Verify(_native.CreatePublicKey(privateKey), digest, signature));
            Assert.False(_dotNet.Verify(_native.CreatePublicKey(privateKey), digest, Secp256k1TestData.WithHighS(signature)));
        }
    }

    [Fact]
    public void Verify_SignedByDotNet_LibSecp256k1Accepts()
    {
        if (_native is null)
            return;
        var random = new Random(9);
        for (var i = 0; i < 20; i++)
        {
            var privateKey = Secp256k1TestData.RandomPrivateKey(random);
            var digest = Hash256.Compute(BitConverter.GetBytes(i));
            var signature = _dotNet.Sign(privateKey, digest);

            Assert.True(_native.Verify(_dotNet.CreatePublicKey(privateKey), digest, signature));
            Assert.False(_native.Verify(_dotNet.CreatePublicKey(privateKey), digest, Secp256k1TestData.WithHighS(signature)));
        }
    }

    [Fact]
    public void Sign_LibSecp256k1_IsDeterministic()
    {
        // RFC 6979 nonces: the same key and digest always give the same signature.
        if (_native is null)
            return;
        var privateKey = Secp256k1TestData.ToScalar(42);
        var digest = Hash256.Compute([1, 2, 3]);

        Assert.Equal(_native.Sign(privateKey, digest), _native.Sign(privateKey, digest));
    }

    [Fact]
    public void Verify_LibSecp256k1_DoesNotAllocate()
    {
        // Verify is the hot path of block validation: everything it needs lives on the stack.
        if (_native is null)
            return;
        var privateKey = Secp256k1TestData.ToScalar(7);
        var publicKey = _native.CreatePublicKey(privateKey);
        var digest = Hash256.Compute([4, 5, 6]);
        var signature = _native.Sign(privateKey, digest);
        Assert.True(_native.Verify(publicKey, digest, signature));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var valid = 0;
        for (var i = 0; i < 100; i++)
            valid += _native.Verify(publicKey, digest, signature) ? 1 : 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(100, valid);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Default_LibraryInstalledOrNot_PicksLibSecp256k1WhenItLoads()
    {
        var expected = _native is null ? typeof(DotNetSecp256k1) : typeof(LibSecp256k1);

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
