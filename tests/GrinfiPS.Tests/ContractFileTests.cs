using GrinfiPS.Sandbox.Contract;
using Xunit.Abstractions;

namespace GrinfiPS.Tests;

/// <summary>The committed contract is exactly what the vendor's document derives to.</summary>
public sealed class ContractFileTests
{
    private readonly ITestOutputHelper _output;

    public ContractFileTests(ITestOutputHelper output) => _output = output;

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GrinfiPS.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (GrinfiPS.sln) was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void CommittedContractIsWhatTheVendorDocumentDerivesTo()
    {
        var root = RepoRoot();
        var vendor = Path.GetFullPath(Path.Combine(root, "..", "shared", "vendor", "grinfi-openapi.yaml"));
        if (!File.Exists(vendor))
        {
            // CI clones the repository alone; the committed file is then all there is.
            _output.WriteLine($"The vendor's document is not at {vendor}: nothing to compare the committed contract with.");
            return;
        }
        var committed = File.ReadAllText(Path.Combine(root, "tests", "GrinfiPS.Sandbox", "Contract", "grinfi-contract.yaml")).Replace("\r\n", "\n");
        var derived = ContractDeriver.Derive(vendor);
        Assert.True(derived == committed,
            "tests/GrinfiPS.Sandbox/Contract/grinfi-contract.yaml differs from what the vendor's document derives to; run: dotnet pwsh ./build.ps1 Contract");
    }
}
