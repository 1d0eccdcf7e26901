namespace GrinfiPS.Client;

/// <summary>How a lead field's values compare and what a filter on it may hold.</summary>
internal enum FieldKind
{
    Text,
    Uuid,
    Number,
    Date,
    Array,
}
