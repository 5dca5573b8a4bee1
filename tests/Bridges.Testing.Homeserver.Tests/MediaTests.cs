using System.Net;
using System.Net.Http.Headers;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class MediaTests
{
    [Fact]
    public async Task Upload_then_authenticated_download()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        byte[] data = [1, 2, 3, 4, 5];

        var uploaded = await UploadAsync(http, alice.AccessToken, data, "image/png", "pic.png");
        Assert.Equal(HttpStatusCode.OK, uploaded.Status);
        var uri = uploaded.Json!["content_uri"]!.GetValue<string>();
        Assert.StartsWith("mxc://localhost/", uri, StringComparison.Ordinal);
        var mediaId = uri["mxc://localhost/".Length..];

        using var download = new HttpRequestMessage(HttpMethod.Get, $"/_matrix/client/v1/media/download/localhost/{mediaId}");
        download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", alice.AccessToken);
        var downloaded = await http.SendRawAsync(download);
        Assert.Equal(HttpStatusCode.OK, downloaded.Status);
        Assert.Equal(data, downloaded.Bytes);
        Assert.Equal("image/png", downloaded.Headers["Content-Type"]);
        Assert.Contains("pic.png", downloaded.Headers["Content-Disposition"], StringComparison.Ordinal);

        var named = await http.GetAsync($"/_matrix/client/v1/media/download/localhost/{mediaId}/other.png", alice.AccessToken);
        Assert.Equal(HttpStatusCode.OK, named.Status);
        var thumbnail = await http.GetAsync($"/_matrix/client/v1/media/thumbnail/localhost/{mediaId}?width=32&height=32", alice.AccessToken);
        Assert.Equal(data, thumbnail.Bytes);

        var anonymous = await http.GetAsync($"/_matrix/client/v1/media/download/localhost/{mediaId}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        var legacy = await http.GetAsync($"/_matrix/media/v3/download/localhost/{mediaId}");
        Assert.Equal(HttpStatusCode.NotFound, legacy.Status);
        Assert.Equal("M_NOT_FOUND", legacy.ErrCode);
        var missing = await http.GetAsync("/_matrix/client/v1/media/download/localhost/nothing", alice.AccessToken);
        Assert.Equal("M_NOT_FOUND", missing.ErrCode);
    }

    [Fact]
    public async Task Upload_over_the_limit_is_413()
    {
        await using var hs = await TestHomeserver.StartAsync(new TestHomeserverOptions { MaxUploadBytes = 10 });
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var response = await UploadAsync(http, alice.AccessToken, new byte[11], "application/octet-stream", null);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("M_TOO_LARGE", response.ErrCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(http, alice.AccessToken, new byte[10], "application/octet-stream", null)).Status);
    }

    [Fact]
    public async Task Create_then_upload_to_reserved_id()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var created = await http.OkAsync(HttpMethod.Post, "/_matrix/media/v1/create", null, alice.AccessToken);
        var mediaId = created["content_uri"]!.GetValue<string>()["mxc://localhost/".Length..];

        var early = await http.GetAsync($"/_matrix/client/v1/media/download/localhost/{mediaId}", alice.AccessToken);
        Assert.Equal("M_NOT_YET_UPLOADED", early.ErrCode);

        using var byBob = Put(mediaId, bob.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendRawAsync(byBob)).Status);
        using var put = Put(mediaId, alice.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await http.SendRawAsync(put)).Status);
        using var again = Put(mediaId, alice.AccessToken);
        Assert.Equal("M_CANNOT_OVERWRITE_MEDIA", (await http.SendRawAsync(again)).ErrCode);
        Assert.Equal("hello"u8.ToArray(), (await http.GetAsync($"/_matrix/client/v1/media/download/localhost/{mediaId}", alice.AccessToken)).Bytes);
    }

    private static HttpRequestMessage Put(string mediaId, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/_matrix/media/v3/upload/localhost/{mediaId}")
        {
            Content = new ByteArrayContent("hello"u8.ToArray()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<MatrixResponse> UploadAsync(MatrixHttp http, string token, byte[] data, string contentType, string? fileName)
    {
        var path = "/_matrix/media/v3/upload" + (fileName is null ? "" : "?filename=" + Uri.EscapeDataString(fileName));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(data) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendRawAsync(request);
    }
}
