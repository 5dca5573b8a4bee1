using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Tests;

/// <summary>A deliberately plain Matrix HTTP client for the tests: raw requests, JSON in and out.</summary>
internal sealed class MatrixHttp(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<MatrixResponse> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        return await MatrixResponse.ReadAsync(response);
    }

    public async Task<MatrixResponse> SendRawAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        return await MatrixResponse.ReadAsync(response);
    }

    public Task<MatrixResponse> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, null, token);

    public Task<MatrixResponse> PostAsync(string path, JsonNode body, string? token = null) => SendAsync(HttpMethod.Post, path, body, token);

    public Task<MatrixResponse> PutAsync(string path, JsonNode body, string? token = null) => SendAsync(HttpMethod.Put, path, body, token);

    /// <summary>Sends and requires a 200, returning the JSON body.</summary>
    public async Task<JsonNode> OkAsync(HttpMethod method, string path, JsonNode? body, string? token)
    {
        var response = await SendAsync(method, path, body, token);
        Assert.True(response.Status == HttpStatusCode.OK, $"{method} {path}: {(int)response.Status} {response.Text}");
        return response.Json!;
    }

    public async Task<string> CreateRoomAsync(string token, JsonObject? body = null) =>
        (await OkAsync(HttpMethod.Post, "/_matrix/client/v3/createRoom", body ?? [], token))["room_id"]!.GetValue<string>();

    public async Task<string> SendMessageAsync(string token, string roomId, string text, string? txnId = null, string? asUser = null)
    {
        var path = $"/_matrix/client/v3/rooms/{E(roomId)}/send/m.room.message/{txnId ?? Guid.NewGuid().ToString("N")}";
        if (asUser is not null)
        {
            path += "?user_id=" + E(asUser);
        }

        var json = await OkAsync(HttpMethod.Put, path, new JsonObject { ["msgtype"] = "m.text", ["body"] = text }, token);
        return json["event_id"]!.GetValue<string>();
    }

    public static string E(string value) => Uri.EscapeDataString(value);

    public void Dispose() => _http.Dispose();
}
