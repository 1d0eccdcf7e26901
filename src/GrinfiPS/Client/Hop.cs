using System;
using System.Net.Http;

namespace GrinfiPS.Client;

/// <summary>One request as it goes on the wire: where, how, and whether the body goes along.</summary>
internal readonly struct Hop
{
    public Hop(HttpMethod method, Uri target, bool withBody)
    {
        Method = method;
        Target = target;
        WithBody = withBody;
    }

    public HttpMethod Method { get; }

    public Uri Target { get; }

    public bool WithBody { get; }
}
