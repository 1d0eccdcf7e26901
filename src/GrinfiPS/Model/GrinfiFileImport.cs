using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>A CSV file import: uploaded, then started; the API applies its rows in the background.</summary>
public sealed class GrinfiFileImport : GrinfiObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "file_name", "status", "rows_count", "list_uuid", "created_at");

    internal GrinfiFileImport(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>The uploaded file's name: as the API's record says, else the name it was uploaded under (the vendor's record has none).</summary>
    public string? FileName => JsonRead.String(Json, "file_name") ?? UploadedAs;

    /// <summary>The name the file was uploaded under.</summary>
    internal string? UploadedAs { get; init; }

    /// <summary>What the upload's answer said of the file (the import job itself reports nothing).</summary>
    public string? Status => JsonRead.String(Json, "status");

    /// <summary>Whether the import job was started (the API answers that with no body).</summary>
    public bool Started { get; internal set; }

    /// <summary>How -Wait ended: Finished, TimedOut or Unknown; NotWaited without -Wait.</summary>
    public ImportWaitResult WaitResult { get; internal set; }

    /// <summary>Contacts the list gained while -Wait watched it (rows that updated contacts elsewhere are not counted).</summary>
    public long? ContactsAdded => ListLeadCountAfter - ListLeadCountBefore;

    /// <summary>Rows uploaded (after the local checks).</summary>
    public int RowsSent { get; internal set; }

    /// <summary>Rows left out because the API would reject them (reported as errors with their row numbers).</summary>
    public int RowsRejected { get; internal set; }

    /// <summary>The list the contacts go to.</summary>
    public string? ListUuid => JsonRead.String(Json, "list_uuid");

    /// <summary>Contacts in the list before the import (with -Wait).</summary>
    public long? ListLeadCountBefore { get; internal set; }

    /// <summary>Contacts in the list when -Wait ended.</summary>
    public long? ListLeadCountAfter { get; internal set; }

    /// <summary>When the import was made (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    private protected override ISet<string> KnownFields => s_fields;
}
