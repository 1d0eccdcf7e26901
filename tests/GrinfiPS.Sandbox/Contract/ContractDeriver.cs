using System.Globalization;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Interfaces;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Readers;
using Microsoft.OpenApi.Writers;

namespace GrinfiPS.Sandbox.Contract;

/// <summary>
/// Derives the committed contract from the vendor's OpenAPI document: the operations
/// <see cref="ContractScope"/> keeps, with their parameters, bodies, responses and the
/// schemas they reach, and none of the vendor's prose (descriptions, summaries, examples,
/// tags). The output is deterministic, so a test can compare it with the committed file.
/// </summary>
internal static class ContractDeriver
{
    /// <summary>Reads the vendor's document and writes the contract as YAML text.</summary>
    public static string Derive(string vendorPath)
    {
        OpenApiDocument vendor;
        using (var stream = File.OpenRead(vendorPath))
        {
            vendor = new OpenApiStreamReader().Read(stream, out var diagnostic);
            if (diagnostic.Errors.Count > 0)
            {
                throw new InvalidDataException($"{vendorPath} is not a valid OpenAPI document: " +
                    string.Join("; ", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
            }
        }
        return ToYaml(Reduce(vendor));
    }

    /// <summary>The kept part of a vendor document, stripped of prose. Changes the vendor model in place.</summary>
    public static OpenApiDocument Reduce(OpenApiDocument vendor)
    {
        var walker = new Stripper();
        var paths = new OpenApiPaths();
        var used = new HashSet<ContractScope.Rule>();
        foreach (var (path, item) in vendor.Paths)
        {
            var kept = new OpenApiPathItem();
            foreach (var (method, operation) in item.Operations)
            {
                if (ContractScope.Match(path, method) is not { } rule) continue;
                used.Add(rule);
                walker.Operation(operation);
                kept.Operations[method] = operation;
            }
            foreach (var parameter in item.Parameters)
            {
                walker.Parameter(parameter);
                kept.Parameters.Add(parameter);
            }
            if (kept.Operations.Count > 0) paths[path] = kept;
        }
        var unused = ContractScope.Rules.Where(r => !used.Contains(r)).ToList();
        if (unused.Count > 0)
        {
            // A scope entry that keeps nothing means the vendor moved or renamed an operation we use.
            throw new InvalidDataException("The vendor document has no operation for: " + string.Join(", ", unused));
        }

        var components = new OpenApiComponents();
        foreach (var (name, schema) in vendor.Components.Schemas)
        {
            if (walker.Schemas.Contains(name)) components.Schemas[name] = schema;
        }
        foreach (var (name, parameter) in vendor.Components.Parameters)
        {
            if (walker.Parameters.Contains(name)) components.Parameters[name] = parameter;
        }
        foreach (var (name, scheme) in vendor.Components.SecuritySchemes)
        {
            scheme.Description = null;
            components.SecuritySchemes[name] = scheme;
        }

        return new OpenApiDocument
        {
            Info = new OpenApiInfo { Title = vendor.Info.Title, Version = vendor.Info.Version },
            Paths = paths,
            Components = components,
            SecurityRequirements = vendor.SecurityRequirements,
        };
    }

    public static string ToYaml(OpenApiDocument document)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        text.WriteLine("# Derived from the vendor's OpenAPI document (Grinfi API) by");
        text.WriteLine("#   dotnet GrinfiPS.Sandbox.dll --derive-contract <vendor.yaml> <this file>");
        text.WriteLine("# (build.ps1 Contract). Do not edit by hand: change ContractScope or the deriver.");
        document.SerializeAsV3(new OpenApiYamlWriter(text));
        text.WriteLine();
        return text.ToString();
    }

    /// <summary>Removes prose and examples, and notes which components the kept operations reach.</summary>
    private sealed class Stripper
    {
        private readonly HashSet<OpenApiSchema> _seen = new(ReferenceEqualityComparer.Instance);

        public HashSet<string> Schemas { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Parameters { get; } = new(StringComparer.Ordinal);

        public void Operation(OpenApiOperation operation)
        {
            operation.Summary = null;
            operation.Description = null;
            operation.Tags.Clear();
            operation.ExternalDocs = null;
            operation.Extensions.Clear();
            foreach (var parameter in operation.Parameters) Parameter(parameter);
            if (operation.RequestBody is { } body)
            {
                body.Description = null;
                body.Extensions.Clear();
                foreach (var media in body.Content.Values) Media(media);
            }
            foreach (var response in operation.Responses.Values)
            {
                // OpenAPI 3.0 requires a description on a response; an empty one says nothing.
                response.Description = "";
                response.Extensions.Clear();
                foreach (var media in response.Content.Values) Media(media);
                foreach (var header in response.Headers.Values)
                {
                    header.Description = null;
                    header.Example = null;
                    header.Examples.Clear();
                    Schema(header.Schema);
                }
            }
        }

        public void Parameter(OpenApiParameter parameter)
        {
            if (parameter.Reference is { } reference) Parameters.Add(reference.Id);
            parameter.Description = null;
            parameter.Example = null;
            parameter.Examples.Clear();
            parameter.Extensions.Clear();
            Schema(parameter.Schema);
            foreach (var media in parameter.Content.Values) Media(media);
        }

        private void Media(OpenApiMediaType media)
        {
            media.Example = null;
            media.Examples.Clear();
            media.Extensions.Clear();
            Schema(media.Schema);
        }

        private void Schema(OpenApiSchema? schema)
        {
            if (schema is null || !_seen.Add(schema)) return;
            if (schema.Reference is { } reference) Schemas.Add(reference.Id);
            schema.Title = null;
            schema.Description = null;
            schema.Example = null;
            schema.ExternalDocs = null;
            schema.Extensions.Clear();
            foreach (var property in schema.Properties.Values) Schema(property);
            Schema(schema.Items);
            Schema(schema.AdditionalProperties);
            Schema(schema.Not);
            foreach (var branch in schema.AllOf) Schema(branch);
            foreach (var branch in schema.AnyOf) Schema(branch);
            foreach (var branch in schema.OneOf) Schema(branch);
        }
    }
}
