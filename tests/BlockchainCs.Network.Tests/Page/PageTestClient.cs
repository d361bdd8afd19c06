using System.Net;

namespace BlockchainCs.Network.Tests.Page;

/// <summary>A browser-like HTTP client for the live page: no automatic cookies or redirects, so each test sets what it sends.</summary>
public sealed class PageTestClient(IPEndPoint endpoint) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

    public string Base { get; } = $"http://{endpoint}";

    public Task<HttpResponseMessage> GetAsync(string path, string? cookie = null, string? host = null, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        string? lastEventId = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Base + path);
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        if (host is not null)
            request.Headers.Host = host;
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        return _http.SendAsync(request, completion, cancellationToken);
    }

    public Task<HttpResponseMessage> PostAsync(string body, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Base + "/") { Content = new StringContent(body) };
        request.Headers.Add("Cookie", cookie);
        return _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
