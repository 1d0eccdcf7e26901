using System.Text.RegularExpressions;
using GrinfiPS.Client;

namespace GrinfiPS.Client;

/// <summary>The API's rule for custom field names, checked before a request.</summary>
internal static class CustomFieldNames
{
    private static readonly Regex s_valid = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    public static void Validate(string name, string parameterName)
    {
        if (!s_valid.IsMatch(name))
        {
            var suggestion = Regex.Replace(name, "[^A-Za-z0-9_]", "_");
            if (suggestion.Length == 0 || char.IsDigit(suggestion[0]))
            {
                suggestion = "_" + suggestion;
            }
            throw GrinfiException.InvalidInput("GrinfiInvalidCustomFieldName",
                $"-{parameterName} '{name}' is not a valid custom field name.", name,
                $"Start with a letter or _, then use only letters, digits and _ (e.g. '{suggestion}').");
        }
    }
}
