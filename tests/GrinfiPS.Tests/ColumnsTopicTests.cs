using System.Text.RegularExpressions;
using GrinfiPS.Leads;

namespace GrinfiPS.Tests;

/// <summary>about_GrinfiPS_Columns lists every header the column table recognises, so the two cannot drift.</summary>
public sealed class ColumnsTopicTests
{
    private static readonly string s_topic = File.ReadAllText(
        Path.Combine(ExportFixtureTests.RepoRoot(), "docs", "en-US", "about_GrinfiPS_Columns.md"));

    [Fact]
    public void The_topic_lists_every_recognised_header()
    {
        var listed = Regex.Matches(s_topic, "`([^`]+)`").Select(m => HeaderName.Normalise(m.Groups[1].Value)).ToHashSet();

        var missing = KnownColumns.All.Where(c => !listed.Contains(c.Key)).Select(c => c.Header).ToList();

        Assert.True(missing.Count == 0, "about_GrinfiPS_Columns does not list: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("GrinfiUnmappedColumns")]
    [InlineData("GrinfiColumnCollision")]
    [InlineData("GrinfiColumnMapKeyUnused")]
    [InlineData("GrinfiReadOnlyColumnEdited")]
    [InlineData("GrinfiInvalidColumnMap")]
    [InlineData("GrinfiWrongDelimiter")]
    [InlineData("GrinfiInvalidLinkedInId")]
    public void The_topic_explains_each_warning_and_error(string id)
    {
        Assert.Contains($"- {id}", s_topic);
    }

    [Fact]
    public void The_warning_ids_the_topic_explains_are_the_ones_the_code_uses()
    {
        Assert.Equal(
            new[] { "GrinfiUnmappedColumns", "GrinfiColumnCollision", "GrinfiColumnMapKeyUnused", "GrinfiReadOnlyColumnEdited" },
            new[] { ColumnWarning.Unmapped, ColumnWarning.Collision, ColumnWarning.MapKeyUnused, ColumnWarning.ReadOnlyEdited });
    }
}
