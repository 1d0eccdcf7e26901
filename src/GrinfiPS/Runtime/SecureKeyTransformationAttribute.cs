using System.Management.Automation;
using System.Security;

namespace GrinfiPS.Runtime;

/// <summary>
/// Lets -ApiKey refuse plain text with advice instead of PowerShell's raw "cannot convert
/// System.String to System.Security.SecureString": the key belongs in a SecureString or the
/// environment, never in a command line that history and transcripts keep.
/// </summary>
internal sealed class SecureKeyTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        if (value is string)
        {
            throw new ArgumentTransformationMetadataException(
                "-ApiKey takes a SecureString, not plain text (a key typed on the command line stays in the history and in transcripts). " +
                "Use Connect-Grinfi -ApiKey (Read-Host -AsSecureString 'API key'), or ConvertTo-SecureString $key -AsPlainText -Force from a vault, " +
                "or set $env:GRINFI_API_KEY and run Connect-Grinfi without -ApiKey.");
        }
        return value is SecureString ? value : inputData;
    }
}
