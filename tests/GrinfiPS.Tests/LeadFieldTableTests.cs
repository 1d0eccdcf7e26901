using System.Management.Automation;
using System.Reflection;
using GrinfiPS.Client;
using GrinfiPS.Commands.Leads;
using GrinfiPS.Filters;
using GrinfiPS.Leads;
using GrinfiPS.Model;

namespace GrinfiPS.Tests;

/// <summary>
/// The lead fields are declared once (LeadFields); the filter type, the model, Set-GrinfiLead's
/// parameters and the column mapping must agree with that table, so a field added to it cannot
/// be forgotten elsewhere.
/// </summary>
public sealed class LeadFieldTableTests
{
    private static readonly IReadOnlyList<LeadField> s_readable = LeadFields.All.Where(f => f.Readable).ToList();

    [Fact]
    public void Every_field_the_lead_schema_has_is_in_the_table()
    {
        // The vendor's lead schema (components.schemas.lead), property by property.
        var schema = new[]
        {
            "uuid", "team_id", "user_id", "sender_profile_uuid", "list_uuid", "data_source_uuid", "pipeline_stage_uuid", "company_uuid",
            "name", "first_name", "last_name", "company_name", "company_ln_id", "position", "headline", "about", "avatar_url", "ln_id",
            "sn_id", "linkedin", "facebook", "twitter", "work_email", "personal_email", "work_phone_number", "personal_phone_number",
            "connections_number", "followers_number", "primary_language", "supported_languages", "has_open_profile",
            "has_verified_profile", "has_premium", "experience", "posts", "educations", "skills", "raw_address", "location", "tags",
            "status", "linkedin_status", "email_status", "unread_counts", "last_automation_approve_at", "created_at", "updated_at",
        };
        Assert.Equal(schema.OrderBy(n => n), s_readable.Select(f => f.Name).OrderBy(n => n));
    }

    [Fact]
    public void Writes_follow_the_create_and_update_schemas()
    {
        // create-lead-fields and the PUT body, with what PUT lets be null.
        var create = new[] { "linkedin_id", "first_name", "last_name", "company_name", "ln_id", "sn_id", "linkedin", "email", "about", "domain", "headline", "position", "raw_address" };
        var update = create.Where(f => f != "linkedin_id");
        var nullable = new[] { "ln_id", "sn_id", "linkedin", "headline", "position", "raw_address" };
        Assert.Equal(create.OrderBy(n => n), LeadFields.All.Where(f => f.OnCreate).Select(f => f.Name).OrderBy(n => n));
        Assert.Equal(update.OrderBy(n => n), LeadFields.All.Where(f => f.OnUpdate).Select(f => f.Name).OrderBy(n => n));
        Assert.Equal(nullable.OrderBy(n => n), LeadFields.All.Where(f => f.NullableOnUpdate).Select(f => f.Name).OrderBy(n => n));
    }

    [Fact]
    public void The_filter_type_has_a_property_for_every_field_searches_take()
    {
        var properties = typeof(LeadFilter).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name);
        Assert.Equal(s_readable.Where(f => f.Filterable).Select(f => f.Name).OrderBy(n => n), properties.OrderBy(n => n));
    }

    [Fact]
    public void The_model_has_a_property_for_every_field_answers_carry()
    {
        var properties = new HashSet<string>(typeof(GrinfiLead).GetProperties().Select(p => p.Name));
        Assert.Empty(s_readable.Where(f => !properties.Contains(f.Property)).Select(f => f.Property));
    }

    [Fact]
    public void Set_GrinfiLead_has_a_parameter_for_every_writable_field_with_its_API_name_as_an_alias()
    {
        var parameters = typeof(SetGrinfiLeadCommand).GetProperties()
            .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any())
            .ToDictionary(p => p.Name, p => p.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames).ToList());
        foreach (var field in LeadFields.Writable)
        {
            var parameter = field.Property;
            if (field.Name == "linkedin")
            {
                continue; // written through -LinkedInId (an update writes the handle as linkedin)
            }
            Assert.True(parameters.ContainsKey(parameter), $"Set-GrinfiLead has no -{parameter} for {field.Name}.");
            Assert.True(string.Equals(parameter, field.Name, StringComparison.OrdinalIgnoreCase) || parameters[parameter].Contains(field.Name),
                $"-{parameter} does not take {field.Name} as an alias.");
        }
    }

    [Fact]
    public void The_column_mapping_writes_every_writable_field_by_its_API_and_property_names()
    {
        foreach (var field in LeadFields.Writable.Where(f => f.Name != "linkedin"))
        {
            foreach (var header in new[] { field.Name, field.Property })
            {
                var plan = ColumnResolver.Resolve(new[] { header });
                var column = Assert.Single(plan.Columns);
                Assert.True(column.Kind == ColumnKind.Field && column.Target == field.Name, $"Column '{header}' does not write {field.Name} ({column}).");
            }
        }
    }

    [Fact]
    public void The_column_mapping_reads_uuid_as_the_contact_s_identity()
    {
        Assert.Equal(ColumnKind.Identity, Assert.Single(ColumnResolver.Resolve(new[] { "Uuid" }).Columns).Kind);
    }

    [Fact]
    public void The_column_mapping_knows_every_readable_field_it_cannot_write_as_read_only()
    {
        // work_email is where email is stored: its column writes email.
        foreach (var field in s_readable.Where(f => !f.Writable && f.Name != "uuid" && !LeadFields.All.Any(w => w.StoredAs == f.Name)))
        {
            var column = Assert.Single(ColumnResolver.Resolve(new[] { field.Property }).Columns);
            Assert.True(column.Kind == ColumnKind.ReadOnly, $"Column '{field.Property}' is {column.Kind}, not read-only.");
        }
    }
}
