namespace GrinfiPS.Tests;

/// <summary>Test classes that measure the process (its heap) and so must not run beside others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Runs alone";
}
