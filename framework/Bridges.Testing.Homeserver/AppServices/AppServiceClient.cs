using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.AppServices;

/// <summary>Requests from the homeserver to appservices, authenticated with the <c>hs_token</c>.</summary>
internal sealed class AppServiceClient(HttpClient http, TimeSpan timeout, TimeProvider time)
{
    public async Task<AppServiceResponse> SendAsync(AppServiceRegistration registration, HttpMethod method,
        string path, JsonNode? body, CancellationToken ct)
    {
        if (registration.Url is null)
        {
            return new AppServiceResponse(null, null, "no url configured", false);
        }

        // Appended rather than resolved, so a url with a path prefix keeps it (as Synapse does).
        var uri = new Uri(registration.Url.ToString().TrimEnd('/') + path);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", registration.HsToken);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutSource.Token);
        try
        {
            using var response = await http.SendAsync(request, linked.Token);
            var text = await response.Content.ReadAsStringAsync(linked.Token);
            return new AppServiceResponse((int)response.StatusCode, text, null, false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AppServiceResponse(null, null, "timed out", true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any failure to reach the appservice is a failed attempt, never a dead queue.
            return new AppServiceResponse(null, null, ex.Message, false);
        }
    }
}
