using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using GrinfiPS.Client;

namespace GrinfiPS.Runtime;

/// <summary>
/// Import and removal hooks. On Windows PowerShell 5.1 the netstandard dependencies
/// (System.Text.Json and its helpers) ship in the module's <c>dependencies</c> folder and are
/// resolved from there by name, whatever version another assembly asks for (5.1 has no
/// binding redirects for modules). PowerShell 7 ships a System.Text.Json at least as new as
/// the one this module references, so there the framework's copy is used and nothing is
/// loaded from the folder.
/// </summary>
public sealed class ModuleLifecycle : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string s_dependencies =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleLifecycle).Assembly.Location) ?? ".", "dependencies");

    /// <summary>Registers the dependency resolver on .NET Framework.</summary>
    public void OnImport()
    {
        if (PlatformSetup.IsNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
            AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
        }
    }

    /// <summary>Closes this runspace's connections when the module is removed.</summary>
    public void OnRemove(PSModuleInfo module) => ConnectionStore.DisposeAll(System.Management.Automation.Runspaces.Runspace.DefaultRunspace);

    private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args) =>
        DependencyPath(s_dependencies, args.Name) is string path ? Assembly.LoadFrom(path) : null;

    /// <summary>
    /// The file in <paramref name="folder"/> for an assembly by simple name, ignoring the version
    /// asked for (System.Text.Json 8.0 asks for System.Memory 4.0.1.2; whichever ships is it).
    /// </summary>
    internal static string? DependencyPath(string folder, string assemblyName)
    {
        var name = new AssemblyName(assemblyName).Name;
        if (string.IsNullOrEmpty(name) || name!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return null;
        }
        var path = Path.Combine(folder, name + ".dll");
        return File.Exists(path) ? path : null;
    }
}
