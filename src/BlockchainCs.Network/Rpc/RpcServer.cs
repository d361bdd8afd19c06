using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlockchainCs.Network.Events;
using BlockchainCs.Network.Page;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network.Rpc;

/// <summary>
/// The node's JSON-RPC 2.0 endpoint over HTTP (ASP.NET Core's Kestrel, in its slim AOT-compatible form): POST / with
/// the cookie as HTTP Basic credentials (401 without), a body of at most <see cref="RpcConfig.MaxBodyBytes"/> (413
/// beyond, before it is read), batches of at most <see cref="RpcConfig.MaxBatch"/> calls, no CORS headers (a web page
/// elsewhere cannot read the answers). GET requests are the live page's (<see cref="LivePage"/>), reads only.
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RpcDispatcher _dispatcher;
    private readonly RpcCookie _cookie;
    private readonly ILogger _log;

    private RpcServer(WebApplication app, RpcDispatcher dispatcher, RpcCookie cookie, ILogger log)
    {
        _app = app;
        _dispatcher = dispatcher;
        _cookie = cookie;
        _log = log;
    }

    /// <summary>The address it listens on (the real port when the configured one was 0).</summary>
    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>The live page's address, key included (open it in a browser).</summary>
    public string PageAddress { get; private set; } = "";

    public static async Task<RpcServer> StartAsync(RpcConfig config, RpcMethods methods, NodeEvents events, RpcCookie cookie, ILogger log)
    {
        var dispatcher = new RpcDispatcher(methods, config.MaxBatch);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = config.MaxBodyBytes;
            options.Listen(config.Bind);
        });
        var app = builder.Build();
        var server = new RpcServer(app, dispatcher, cookie, log);
        app.MapPost("/", server.HandleAsync);
        var access = new PageAccess(cookie, IPAddress.IsLoopback(config.Bind.Address));
        app.MapGet("/{**path}", new LivePage(methods, events, access, log, app.Lifetime.ApplicationStopping).HandleAsync);
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new NodeStartException($"cannot serve RPC on {config.Bind}: {e.Message} (--rpc-bind HOST:PORT or --no-rpc)", e);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        server.Endpoint = address is not null && Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? new IPEndPoint(config.Bind.Address, uri.Port)
            : config.Bind;
        server.PageAddress = PageAccess.Address(server.Endpoint, access.Key);
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!_cookie.Accepts(context.Request.Headers.Authorization))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"jsonrpc\"";
            return;
        }

        JsonNode? request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        catch (JsonException)
        {
            await WriteAsync(context, RpcDispatcher.Error(null, RpcErrorCode.ParseError, "parse error: the body is not JSON"));
            return;
        }

        var response = await _dispatcher.DispatchAsync(request);
        if (response is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent; // notifications only
            return;
        }

        await WriteAsync(context, response);
    }

    private static async Task WriteAsync(HttpContext context, JsonNode response)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        catch (OperationCanceledException)
        {
            _log.LogDebug("RPC requests still running at shutdown were cut");
        }

        await _app.DisposeAsync();
        _cookie.Dispose();
    }
}
