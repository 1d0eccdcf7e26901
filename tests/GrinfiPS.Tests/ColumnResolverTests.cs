using System.Collections;
using System.Collections.Specialized;
using GrinfiPS.Client;
using GrinfiPS.Leads;
using GrinfiPS.Model;

namespace GrinfiPS.Tests;

public sealed class ColumnResolverTests
{
    private static ColumnPlan Resolve(IDictionary? map, params string[] headers) => ColumnResolver.Resolve(headers, map);

    private static ColumnPlan Resolve(params string[] headers) => ColumnResolver.Resolve(headers);

    private static PlannedColumn Column(ColumnPlan plan, string name) => Assert.Single(plan.Columns, c => c.Column == name);

    [Theory]
    [InlineData("E-mail", "email")]
    [InlineData("Email Address", "email")]
    [InlineData("E-mail Address", "email")]
    [InlineData("WorkEmail", "email")]
    [InlineData("work_email", "email")]
    [InlineData("Company Name", "company_name")]
    [InlineData("Job Title", "position")]
    [InlineData("LinkedIn Profile", "linkedin_id")]
    [InlineData("Person Linkedin Url", "linkedin_id")]
    [InlineData("LinkedIn", "linkedin_id")]
    [InlineData("linkedin", "linkedin_id")]
    [InlineData("Website", "domain")]
    [InlineData("first_name", "first_name")]
    [InlineData("First Name", "first_name")]
    [InlineData("FIRST-NAME", "first_name")]
    [InlineData("first.name", "first_name")]
    [InlineData(" firstName ", "first_name")]
    [InlineData("\uFEFFFirst Name", "first_name")]
    [InlineData("RawAddress", "raw_address")]
    [InlineData("LnId", "ln_id")]
    [InlineData("sn_id", "sn_id")]
    public void Maps_the_headers_that_were_dropped_and_the_modules_own(string header, string field)
    {
        var column = Assert.Single(Resolve(header).Columns);

        Assert.Equal(ColumnKind.Field, column.Kind);
        Assert.Equal(field, column.Target);
    }

    [Fact]
    public void A_phone_number_is_warned_with_what_it_is_never_guessed()
    {
        var plan = Resolve("First Name", "Phone Number");

        Assert.Equal(ColumnKind.Unwritable, Column(plan, "Phone Number").Kind);
        var warning = Assert.Single(plan.Warnings);
        Assert.Equal(ColumnWarning.Unmapped, warning.Id);
        Assert.Equal(new[] { "Phone Number" }, warning.Columns);
        Assert.StartsWith("Column 'Phone Number' is not written: a phone number; the API takes no phone field", warning.Message);
    }

    [Fact]
    public void One_warning_names_every_column_not_written_and_both_ways_to_settle_it()
    {
        var plan = Resolve("First Name", "Record ID", "Favourite Colour", "Assistant's Phone", "Lifecycle Stage");

        var warning = Assert.Single(plan.Warnings);
        Assert.Equal(new[] { "Record ID", "Favourite Colour", "Assistant's Phone", "Lifecycle Stage" }, warning.Columns);
        var lines = warning.Message.Split(Environment.NewLine);
        Assert.Equal("4 columns are not written:", lines[0]);
        Assert.StartsWith("  'Record ID': another tool's record id;", lines[1]);
        Assert.Equal("  'Favourite Colour': no lead field or custom field has this name.", lines[2]);
        Assert.StartsWith("  'Assistant''s Phone': a phone number;", lines[3]);
        Assert.StartsWith("  'Lifecycle Stage': a stage", lines[4]);
        Assert.Contains("-ColumnMap @{ 'Favourite Colour' = '<field>' }", warning.Message);
        Assert.Contains("-ColumnMap @{ 'Record ID' = $null; 'Favourite Colour' = $null; 'Assistant''s Phone' = $null; 'Lifecycle Stage' = $null }", warning.Message);
        Assert.Contains("Select-Object * -ExcludeProperty 'Record ID', 'Favourite Colour', 'Assistant''s Phone', 'Lifecycle Stage'", warning.Message);
    }

    [Fact]
    public void Columns_that_are_the_same_kind_of_thing_share_a_line()
    {
        var warning = Assert.Single(Resolve("Email", "Phone", "Mobile", "City", "Fax").Warnings);

        var lines = warning.Message.Split(Environment.NewLine);
        Assert.StartsWith("  'Phone', 'Mobile', 'Fax': a phone number;", lines[1]);
        Assert.StartsWith("  'City': a part of an address;", lines[2]);
        Assert.Equal(new[] { "Phone", "Mobile", "City", "Fax" }, warning.Columns);
    }

    [Fact]
    public void A_plan_where_every_column_maps_has_no_warning()
    {
        var plan = Resolve("Uuid", "FirstName", "LastName", "CompanyName", "WorkEmail", "Position", "LinkedIn");

        Assert.Empty(plan.Warnings);
        Assert.Equal("Uuid", plan.Identity?.Column);
        Assert.All(plan.Columns, c => Assert.True(c.IsWritten));
    }

    [Theory]
    [InlineData("Uuid")]
    [InlineData("LeadUuid")]
    [InlineData("lead_uuid")]
    [InlineData("Lead UUID")]
    public void Uuid_columns_identify_the_contact(string header)
    {
        Assert.Equal(ColumnKind.Identity, Assert.Single(Resolve(header).Columns).Kind);
    }

    [Fact]
    public void Two_columns_on_one_field_warn_and_the_first_wins()
    {
        var plan = Resolve("Email", "First Name", "E-mail Address", "WorkEmail");

        Assert.Equal("Email", plan.ColumnFor("email")?.Column);
        Assert.Equal(ColumnKind.Duplicate, Column(plan, "E-mail Address").Kind);
        Assert.Equal(ColumnKind.Duplicate, Column(plan, "WorkEmail").Kind);
        Assert.Equal("email", Column(plan, "WorkEmail").Target);
        var warning = Assert.Single(plan.Warnings);
        Assert.Equal(ColumnWarning.Collision, warning.Id);
        Assert.Equal(new[] { "Email", "E-mail Address", "WorkEmail" }, warning.Columns);
        Assert.Contains("Columns 'Email', 'E-mail Address' and 'WorkEmail' all mean email; the first, 'Email', is written", warning.Message);
        Assert.Contains("-ColumnMap @{ 'E-mail Address' = $null; 'WorkEmail' = $null }", warning.Message);
    }

    [Fact]
    public void Collisions_count_custom_fields_and_the_uuid_too()
    {
        var plan = ColumnResolver.Resolve(new[] { "Uuid", "LeadUuid", "industry", "Industry Name" },
            new Hashtable { ["Industry Name"] = "Industry" }, new[] { "Industry" });

        Assert.Equal(2, plan.Warnings.Count);
        Assert.Contains(plan.Warnings, w => w.Message.Contains("'Uuid' and 'LeadUuid' both mean the contact's Uuid"));
        Assert.Contains(plan.Warnings, w => w.Message.Contains("both mean the custom field 'Industry'"));
        Assert.Equal(ColumnKind.Duplicate, Column(plan, "Industry Name").Kind);
    }

    [Fact]
    public void ColumnMap_wins_over_a_headers_usual_meaning()
    {
        var plan = Resolve(new Hashtable { ["Title"] = "headline", ["Company"] = "CompanyName" }, "Title", "Company");

        Assert.Equal("headline", Column(plan, "Title").Target);
        Assert.True(Column(plan, "Title").FromColumnMap);
        Assert.Equal("company_name", Column(plan, "Company").Target);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void ColumnMap_keys_match_columns_in_any_case()
    {
        var plan = Resolve(new Hashtable { ["profile"] = "linkedin_id" }, "Profile");

        Assert.Equal("linkedin_id", Column(plan, "Profile").Target);
        Assert.Equal(ColumnValue.LinkedIn, Column(plan, "Profile").Value);
    }

    [Theory]
    [InlineData("LinkedIn", "linkedin_id")]
    [InlineData("WorkEmail", "email")]
    [InlineData("Job Title", "position")]
    [InlineData("Uuid", null)]
    public void ColumnMap_targets_are_read_as_column_names_are(string target, string? field)
    {
        var column = Assert.Single(Resolve(new Hashtable { ["X"] = target }, "X").Columns);

        Assert.Equal(field is null ? ColumnKind.Identity : ColumnKind.Field, column.Kind);
        Assert.Equal(field, column.Target);
    }

    [Fact]
    public void A_null_or_empty_ColumnMap_target_leaves_the_column_out_quietly()
    {
        var plan = Resolve(new OrderedDictionary { ["Phone Number"] = null, ["Notes"] = "" }, "Email", "Phone Number", "Notes");

        Assert.Equal(ColumnKind.Ignored, Column(plan, "Phone Number").Kind);
        Assert.Equal(ColumnKind.Ignored, Column(plan, "Notes").Kind);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void A_ColumnMap_key_no_column_has_is_warned_with_close_names()
    {
        var plan = Resolve(new Hashtable { ["Emial"] = "email" }, "Email", "Name");

        var warning = Assert.Single(plan.Warnings);
        Assert.Equal(ColumnWarning.MapKeyUnused, warning.Id);
        Assert.Equal(new[] { "Emial" }, warning.Columns);
        Assert.Contains("'Emial', which the input does not have", warning.Message);
        Assert.Contains("Did you mean 'Email'?", warning.Message);
    }

    [Fact]
    public void A_ColumnMap_target_that_is_no_field_is_an_error_with_suggestions()
    {
        var map = new Hashtable { ["Firm"] = "compnay_name" };

        var error = Assert.Throws<GrinfiException>(() => ColumnResolver.Resolve(new[] { "Firm" }, map, new[] { "deal_size" }));

        Assert.Equal("GrinfiInvalidColumnMap", error.ErrorId);
        Assert.Equal(GrinfiErrorKind.InvalidInput, error.Kind);
        Assert.Same(map, error.TargetObject);
        Assert.Contains("-ColumnMap maps 'Firm' to 'compnay_name', which is neither a writable lead field nor a custom field. Did you mean 'company_name'?", error.Message);
        Assert.Contains("New-GrinfiCustomField", error.RecommendedAction);
    }

    [Fact]
    public void A_misspelt_custom_field_target_suggests_the_custom_field()
    {
        var error = Assert.Throws<GrinfiException>(() =>
            ColumnResolver.Resolve(new[] { "Deal" }, new Hashtable { ["Deal"] = "dael_size" }, new[] { "deal_size", "industry" }));

        Assert.Contains("Did you mean 'deal_size'?", error.Message);
    }

    [Fact]
    public void A_target_is_checked_even_when_no_column_uses_it()
    {
        Assert.Throws<GrinfiException>(() => Resolve(new Hashtable { ["Absent"] = "no_such_field" }, "Email"));
    }

    [Fact]
    public void A_read_only_target_is_an_error_naming_what_to_use_instead()
    {
        var error = Assert.Throws<GrinfiException>(() => Resolve(new Hashtable { ["Stage"] = "PipelineStageName" }, "Stage"));

        Assert.Contains("'Stage' to 'PipelineStageName', which is read-only", error.Message);
        Assert.Contains("-PipelineStage", error.RecommendedAction);
    }

    [Fact]
    public void An_unwritable_target_is_an_error_saying_what_it_is()
    {
        var error = Assert.Throws<GrinfiException>(() => Resolve(new Hashtable { ["Tel"] = "Phone" }, "Tel"));

        Assert.Contains("which is a phone number", error.Message);
        Assert.Contains("-ColumnMap @{ 'Tel' = $null }", error.RecommendedAction);
    }

    [Fact]
    public void A_ColumnMap_target_may_be_a_custom_field()
    {
        var plan = ColumnResolver.Resolve(new[] { "Deal Size" }, new Hashtable { ["Deal Size"] = "DEAL_SIZE" }, new[] { "deal_size" });

        var column = Assert.Single(plan.Columns);
        Assert.Equal(ColumnKind.CustomField, column.Kind);
        Assert.Equal("deal_size", column.Target);
    }

    [Fact]
    public void A_column_named_like_a_custom_field_fills_it_by_itself()
    {
        var plan = ColumnResolver.Resolve(new[] { "Industry", "Phone" }, null, new[] { "industry", "phone" });

        Assert.Equal(("industry", ColumnKind.CustomField), (Column(plan, "Industry").Target, Column(plan, "Industry").Kind));
        // A custom field named like an unwritable header takes it: the team made it for that.
        Assert.Equal(ColumnKind.CustomField, Column(plan, "Phone").Kind);
        Assert.Empty(plan.Warnings);

        var without = ColumnResolver.Resolve(new[] { "Industry" }, null, Array.Empty<string>());
        Assert.Equal(ColumnKind.Unmapped, Assert.Single(without.Columns).Kind);
    }

    [Fact]
    public void The_modules_own_names_keep_their_meaning_over_a_custom_field_of_that_name()
    {
        var plan = ColumnResolver.Resolve(new[] { "Email", "CreatedAt" }, null, new[] { "email", "created at" });

        Assert.Equal(ColumnKind.Field, Column(plan, "Email").Kind);
        Assert.Equal(ColumnKind.ReadOnly, Column(plan, "CreatedAt").Kind);
    }

    [Theory]
    [InlineData("CreatedAt", "created_at", "Value", null)]
    [InlineData("created_at", "created_at", "Value", null)]
    [InlineData("Status", "status", "Value", null)]
    [InlineData("LinkedInStatus", "linkedin_status", "Value", null)]
    [InlineData("EmailStatus", "email_status", "Value", null)]
    [InlineData("Name", "name", "Value", "the FirstName and LastName columns")]
    [InlineData("PersonalEmail", "personal_email", "Value", "an Email column")]
    [InlineData("WorkPhoneNumber", "work_phone_number", "Value", null)]
    [InlineData("AvatarUrl", "avatar_url", "Value", null)]
    [InlineData("TeamId", "team_id", "Value", null)]
    [InlineData("ListUuid", "list_uuid", "Value", "-List")]
    [InlineData("list_uuid", "list_uuid", "Value", "-List")]
    [InlineData("ListName", "list_uuid", "ListName", "-List")]
    [InlineData("PipelineStageUuid", "pipeline_stage_uuid", "Value", "-PipelineStage")]
    [InlineData("PipelineStageName", "pipeline_stage_uuid", "PipelineStageName", "-PipelineStage")]
    [InlineData("Tags", "tags", "Value", "-AddTag and -RemoveTag")]
    [InlineData("TagNames", "tags", "TagNames", "-AddTag and -RemoveTag")]
    [InlineData("Location", "location", "Value", "a RawAddress column")]
    public void Read_only_columns_name_the_field_they_mirror_and_what_to_use_instead(string header, string field, string display, string? instead)
    {
        var plan = Resolve(header);

        var column = Assert.Single(plan.Columns);
        Assert.Equal(ColumnKind.ReadOnly, column.Kind);
        Assert.Equal(field, column.Target);
        Assert.Equal(field, column.ReadOnly!.Field.Name);
        Assert.Equal(display, column.ReadOnly.Display.ToString());
        if (instead is null)
        {
            Assert.Null(column.ReadOnly.Instead);
        }
        else
        {
            Assert.StartsWith(instead, column.ReadOnly.Instead);
        }
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void An_edited_read_only_column_is_warned_with_the_row_count_and_the_parameter()
    {
        var list = Assert.Single(Resolve("ListName").ReadOnly);
        var status = Assert.Single(Resolve("Status").ReadOnly);

        var warning = list.ReadOnly!.EditedWarning("ListName", 3);
        Assert.Equal(ColumnWarning.ReadOnlyEdited, warning.Id);
        Assert.Equal("Column 'ListName' differs from the contact's list in 3 rows, and was not written: no write takes list_uuid, which is read-only. To change it, use -List.", warning.Message);
        Assert.Contains("in 1 row,", status.ReadOnly!.EditedWarning("Status", 1).Message);
        Assert.Contains("Grinfi sets itself", status.ReadOnly.EditedWarning("Status", 1).Message);
    }

    [Fact]
    public void Every_property_of_the_modules_own_lead_objects_is_recognised()
    {
        var properties = typeof(GrinfiLead).GetProperties().Select(p => p.Name).ToArray();

        var plan = ColumnResolver.Resolve(properties);

        Assert.DoesNotContain(plan.Columns, c => c.Kind is ColumnKind.Unmapped or ColumnKind.Unwritable);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Every_lead_field_is_recognised_by_its_API_and_property_names()
    {
        foreach (var field in LeadFields.All)
        {
            foreach (var name in new[] { field.Name, field.Property })
            {
                var known = KnownColumns.Find(name);
                Assert.True(known is not null, $"{name} is not recognised");
                Assert.True(known!.Own, $"{name} is not marked as the module's own");
                if (!field.Writable && field.Name is not "uuid" and not "work_email")
                {
                    Assert.Equal((ColumnKind.ReadOnly, field.Name), (known.Kind, known.Target));
                }
            }
        }
        Assert.All(KnownColumns.All.Where(c => c.Kind == ColumnKind.Field), c => Assert.True(LeadFields.Get(c.Target!)!.Writable));
    }

    [Fact]
    public void Outlooks_courtesy_title_gives_way_to_its_job_title()
    {
        var outlook = Resolve("Title", "First Name", "Job Title");
        Assert.Equal(ColumnKind.Unwritable, Column(outlook, "Title").Kind);
        Assert.Equal("Job Title", outlook.ColumnFor("position")?.Column);

        var apollo = Resolve("First Name", "Title");
        Assert.Equal("Title", apollo.ColumnFor("position")?.Column);
    }

    [Theory]
    [InlineData("E-mail 1 - Label", "label")]
    [InlineData("Phone 1 - Label", "label")]
    [InlineData("Website 1 - Type", "label")]
    [InlineData("E-mail 2 - Value", "further e-mail")]
    [InlineData("Phone 3 - Value", "a phone number")]
    public void Googles_numbered_labels_and_further_values_are_warned(string header, string note)
    {
        var column = Assert.Single(Resolve(header).Columns);

        Assert.Equal(ColumnKind.Unwritable, column.Kind);
        Assert.Contains(note, column.Note);
    }

    [Fact]
    public void Googles_first_value_maps()
    {
        var plan = Resolve("E-mail 1 - Value", "Organization Name", "Organization Title", "Address 1 - Formatted");

        Assert.Equal(new[] { "email", "company_name", "position", "raw_address" }, plan.Columns.Select(c => c.Target));
    }

    [Theory]
    [InlineData("First Name;Last Name;Email", ";")]
    [InlineData("First Name\tLast Name", "`t")]
    public void A_semicolon_file_read_with_commas_is_an_error_naming_the_fix(string header, string delimiter)
    {
        var error = Assert.Throws<GrinfiException>(() => Resolve(header));

        Assert.Equal("GrinfiWrongDelimiter", error.ErrorId);
        Assert.Contains($"Import-Csv -Delimiter \"{delimiter}\"", error.RecommendedAction);
        Assert.Equal(header, error.TargetObject);
    }

    [Fact]
    public void A_single_ordinary_column_is_no_delimiter_error()
    {
        Assert.Equal("email", Assert.Single(Resolve("Email").Columns).Target);
    }

    [Theory]
    [InlineData("Website")]
    [InlineData("Website URL")]
    [InlineData("Company Website")]
    [InlineData("Company Domain")]
    [InlineData("companyDomain")]
    [InlineData("Domain")]
    public void A_company_website_becomes_domain_by_its_host(string header)
    {
        var column = Assert.Single(Resolve(header).Columns);

        Assert.Equal(("domain", ColumnValue.WebsiteHost), (column.Target, column.Value));
    }

    [Theory]
    [InlineData("Web Page")]
    [InlineData("Website 1 - Value")]
    [InlineData("Personal Website")]
    [InlineData("Company Linkedin Url")]
    public void A_persons_web_page_or_a_company_page_is_warned_not_made_a_domain(string header)
    {
        Assert.Equal(ColumnKind.Unwritable, Assert.Single(Resolve(header).Columns).Kind);
    }

    [Fact]
    public void Names_differing_only_in_case_spaces_dashes_underscores_or_dots_are_one_entry()
    {
        var keys = KnownColumns.All.Select(c => c.Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.DoesNotContain("", keys);
    }
}

public sealed class CellValuesTests
{
    [Theory]
    [InlineData("https://www.Acme.com/about?x=1#top", "acme.com")]
    [InlineData("http://acme.com", "acme.com")]
    [InlineData("acme.com", "acme.com")]
    [InlineData("www.acme.co.uk/", "acme.co.uk")]
    [InlineData("  ACME.COM  ", "acme.com")]
    [InlineData("https://shop.acme.com:8443/cart", "shop.acme.com")]
    [InlineData("https://user@acme.com/", "acme.com")]
    [InlineData("müller.de", "müller.de")]
    [InlineData("https://www.MÜLLER.de/impressum", "müller.de")]
    [InlineData("xn--mller-kva.de", "müller.de")]
    [InlineData("acme.com.", "acme.com")]
    public void A_website_becomes_its_host(string website, string host)
    {
        Assert.True(CellValues.TryGetHost(website, out var found, out var problem), problem);
        Assert.Equal(host, found);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    [InlineData("info@acme.com", "e-mail")]
    [InlineData("N/A", "top-level")]
    [InlineData("localhost", "top-level")]
    [InlineData("http://192.168.1.10/", "not a domain name")]
    [InlineData("ftp://acme.com", "not a website")]
    [InlineData("https://www.linkedin.com/company/acme", "linkedin.com")]
    [InlineData("facebook.com/acme", "facebook.com")]
    public void What_is_no_company_website_gives_no_host_and_says_why(string? website, string why)
    {
        Assert.False(CellValues.TryGetHost(website, out var host, out var problem));
        Assert.Equal("", host);
        Assert.Contains(why, problem);
    }

    [Theory]
    [InlineData("  Anna  ", "Anna")]
    [InlineData("\uFEFFAnna", "Anna")]
    [InlineData("\u00A0Anna\u00A0", "Anna")]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Cells_are_trimmed_and_empty_ones_are_null(string? cell, string? text)
    {
        Assert.Equal(text, CellValues.Text(cell));
    }

    [Fact]
    public void Non_string_cells_are_their_text()
    {
        Assert.Equal("42", CellValues.Text(42));
    }
}
