using BlockchainCs.Fuzz;
using SharpFuzz;

// BlockchainCs.Fuzz list                  the targets
// BlockchainCs.Fuzz seeds TARGET DIR      writes the target's seed corpus (valid inputs) into DIR
// BlockchainCs.Fuzz replay TARGET PATH... runs inputs (files or directories) once: regression checks
// BlockchainCs.Fuzz TARGET                runs under afl-fuzz (scripts/fuzz.sh) with instrumented assemblies
const string Usage = "usage: BlockchainCs.Fuzz list | seeds TARGET DIR | replay TARGET PATH... | TARGET";
switch (args)
{
    case ["list"]:
        foreach (var target in FuzzTargets.All)
            Console.WriteLine(target.Name);
        return 0;
    case ["seeds", var name, var directory]:
    {
        var target = FindOrExit(name);
        Directory.CreateDirectory(directory);
        var n = 0;
        // AFL++ refuses empty seed files; an empty payload (verack, getaddr, ...) is seeded with one byte instead.
        foreach (var seed in target.Seeds())
            File.WriteAllBytes(Path.Combine(directory, $"seed{n++}"), seed.Length == 0 ? [0] : seed);
        Console.WriteLine($"{n} seeds for {target.Name} in {directory}");
        return 0;
    }

    case ["replay", var name, .. var paths] when paths.Length > 0:
    {
        var target = FindOrExit(name);
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p) : [p]).ToList();
        foreach (var file in files)
            target.Decode(File.ReadAllBytes(file));
        Console.WriteLine($"{target.Name}: {files.Count} inputs replayed without a crash");
        return 0;
    }

    case [var name]:
    {
        // Instrumented code may run only once the fuzzer has set up its coverage map, inside Run: the target is looked
        // up there (FuzzTargets builds its seeds from our types).
        FuzzTarget? target = null;
        Fuzzer.OutOfProcess.Run(stream =>
        {
            target ??= FuzzTargets.Find(name) ?? throw new ArgumentException($"no fuzz target {name}");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            target.Decode(memory.ToArray());
        });
        return 0;
    }

    default:
        Console.Error.WriteLine(Usage);
        return 2;
}

static FuzzTarget FindOrExit(string name)
{
    if (FuzzTargets.Find(name) is { } target)
        return target;
    Console.Error.WriteLine($"no fuzz target {name}; {Usage}");
    Environment.Exit(2);
    return null;
}
