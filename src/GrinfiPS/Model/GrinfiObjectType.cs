namespace GrinfiPS.Model;

/// <summary>What a pipeline stage or custom field applies to.</summary>
public enum GrinfiObjectType
{
    /// <summary>Contacts.</summary>
    Lead,

    /// <summary>Companies.</summary>
    Company,
}
