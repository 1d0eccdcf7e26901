namespace GrinfiPS.Client;

/// <summary>
/// The largest page a collection has served within one command: a later read of the same
/// collection (the activities of the next contact) ends on a page shorter than that without
/// asking again. See <see cref="CollectionPager{T}"/>.
/// </summary>
internal sealed class PageSizes
{
    /// <summary>The most items one page held so far (0 before the first page).</summary>
    public int Largest { get; private set; }

    public void Saw(int count) => Largest = System.Math.Max(Largest, count);
}
