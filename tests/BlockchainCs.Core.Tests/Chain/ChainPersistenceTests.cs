using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace BlockchainCs.Core.Tests.Chain;

/// <summary>The database file: reopening, refusing what is not a chain, never overwriting one, and writing blocks atomically.</summary>
public sealed class ChainPersistenceTests : IDisposable
{
    private readonly ChainBuilder _b = new();

    public void Dispose() => _b.Dispose();

    private static Block MineGenesis(Block candidate) => ChainBuilder.Mine(candidate);

    [Fact]
    public void Open_AfterClose_SameTipUtxoSetAndInvalidMarks()
    {
        _b.MineBlock(_b.B.PubKeyHash, _b.Pay(_b.A, _b.C, 3));
        var side = _b.BuildBlockOn(_b.Genesis, 1, _b.D.PubKeyHash, []);
        _b.Chain.MarkInvalid([side]);
        _b.MineBlock(_b.A.PubKeyHash, _b.Pay(_b.B, _b.D, 5));
        var tip = _b.Chain.Tip;
        var digest = _b.UtxoDigest();
        var genesis = _b.Genesis;

        _b.Reopen();

        Assert.Equal(tip, _b.Chain.Tip);
        Assert.Equal(digest, _b.UtxoDigest());
        Assert.Equal(genesis, _b.Chain.GenesisHash);
        Assert.Equal(ChainBuilder.TargetBits, _b.Chain.Parameters.TargetBits);
        Assert.True(_b.Chain.IsKnownInvalid(side.Hash));
        Assert.False(_b.Chain.HasBlock(side.Hash));
        Assert.Equal([17, 5, 3, 5], _b.Wallets.Select(_b.Balance));
        Assert.Equal(digest, _b.ReindexedDigest());
    }

    [Fact]
    public void Open_AfterClose_ChainKeepsGrowing()
    {
        _b.MineBlock(_b.A.PubKeyHash);
        _b.Reopen();

        var block = _b.MineBlock(_b.B.PubKeyHash, _b.Pay(_b.A, _b.B, 15));

        Assert.Equal(block.Hash, _b.Chain.Tip.Hash);
        Assert.Equal(5, _b.Balance(_b.A));
        Assert.Equal(25, _b.Balance(_b.B));
    }

    [Fact]
    public void Open_MissingFile_StoreExceptionAndNoFileCreated()
    {
        var path = _b.Directory.File("missing.db");

        Assert.Throws<StoreException>(() => Blockchain.Open(path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_StoreExceptionAndFileUnchanged()
    {
        var path = _b.Directory.File("garbage.db");
        var garbage = new byte[8192];
        new Random(1234).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        Assert.Throws<StoreException>(() => Blockchain.Open(path));
        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Fact]
    public void Open_TextFile_StoreException()
    {
        var path = _b.Directory.File("notes.db");
        File.WriteAllText(path, "not a database\n");

        Assert.Throws<StoreException>(() => Blockchain.Open(path));
        Assert.Equal("not a database\n", File.ReadAllText(path));
    }

    [Fact]
    public void Open_SqliteDatabaseOfAnotherProgram_StoreException()
    {
        var path = _b.Directory.File("other.db");
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('satoshi');";
            command.ExecuteNonQuery();
        }

        Assert.Throws<StoreException>(() => Blockchain.Open(path));
    }

    [Fact]
    public void Open_StoreWithoutAChain_StoreException()
    {
        var path = _b.Directory.File("empty.db");
        ChainStore.Create(path).Dispose();

        Assert.Throws<StoreException>(() => Blockchain.Open(path));
    }

    [Fact]
    public void Create_WhenTheFileExists_StoreExceptionAndTheFirstFileUnchanged()
    {
        _b.MineBlock(_b.A.PubKeyHash);
        var tip = _b.Chain.Tip;
        _b.Chain.Dispose();
        var bytes = File.ReadAllBytes(_b.DatabasePath);

        Assert.Throws<StoreException>(() =>
            Blockchain.Create(_b.DatabasePath, _b.B.PubKeyHash, new ChainParameters { TargetBits = ChainBuilder.TargetBits }, MineGenesis, _b.Time));

        Assert.Equal(bytes, File.ReadAllBytes(_b.DatabasePath));
        _b.Reopen();
        Assert.Equal(tip, _b.Chain.Tip);
    }

    [Fact]
    public void Create_WhileTheFirstIsOpen_StoreExceptionAndTheFirstChainWorks()
    {
        Assert.Throws<StoreException>(() =>
            Blockchain.Create(_b.DatabasePath, _b.B.PubKeyHash, new ChainParameters { TargetBits = ChainBuilder.TargetBits }, MineGenesis, _b.Time));

        _b.MineBlock(_b.A.PubKeyHash);
        Assert.Equal(20, _b.Balance(_b.A));
        Assert.Equal(0, _b.Balance(_b.B));
    }

    [Fact]
    public void AddBlock_RuleBrokenWhileConnecting_NothingWritten()
    {
        // The block's first payment is valid and would change the set; its second has a bad signature. The
        // failure comes after the first payment was applied in memory, as a crash in the middle of the block would.
        _b.MineBlock(_b.B.PubKeyHash);
        var tip = _b.Chain.Tip;
        var digest = _b.UtxoDigest();
        var count = _b.StoredBlockCount();
        var good = _b.Pay(_b.A, _b.C, 4);
        var bad = _b.Pay(_b.B, _b.C, 4);
        var signature = bad.Inputs[0].Signature.ToArray();
        signature[33] ^= 0x80;
        var block = _b.BuildBlockOn(tip.Hash, 2, _b.D.PubKeyHash, [good, bad.WithSignatures([signature])]);

        var error = Assert.Throws<RuleException>(() => _b.Chain.AddBlock(block));

        Assert.Equal(RuleErrorCode.BadSignature, error.Code);
        Assert.Equal(tip, _b.Chain.Tip);
        Assert.Equal(digest, _b.UtxoDigest());
        Assert.Equal(count, _b.StoredBlockCount());
        Assert.False(_b.Chain.HasBlock(block.Hash));
        Assert.Null(_b.Chain.GetHashAtHeight(2));

        _b.Reopen();
        Assert.Equal(tip, _b.Chain.Tip);
        Assert.Equal(digest, _b.UtxoDigest());
        Assert.Equal(digest, _b.ReindexedDigest());
        Assert.Equal(BlockAddStatus.Connected, _b.Chain.AddBlock(_b.BuildBlockOn(tip.Hash, 2, _b.D.PubKeyHash, [good, bad])).Status);
    }
}
