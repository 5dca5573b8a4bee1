using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.AppServices;

/// <summary>
/// The ordered outgoing queue of one appservice. One transaction is in flight at a time; what arrives meanwhile
/// goes into the next one. A failed push is retried with the same txnId and body after an exponential backoff.
/// </summary>
internal sealed class AppServiceQueue : IAsyncDisposable
{
    private readonly AppServiceRegistration _registration;
    private readonly HomeserverContext _ctx;
    private readonly AppServiceHub _hub;
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _events = [];
    private readonly List<JsonObject> _ephemeral = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _nextTxnId = 1;
    private bool _inFlight;

    public AppServiceQueue(AppServiceRegistration registration, HomeserverContext ctx, AppServiceHub hub)
    {
        _registration = registration;
        _ctx = ctx;
        _hub = hub;
        _loop = Task.Run(RunAsync);
    }

    public int PendingTransactions
    {
        get
        {
            lock (_lock)
            {
                var max = _ctx.Options.MaxEventsPerTransaction;
                var queued = Math.Max((_events.Count + max - 1) / max, (_ephemeral.Count + max - 1) / max);
                return queued + (_inFlight ? 1 : 0);
            }
        }
    }

    public void Enqueue(JsonObject clientEvent, bool ephemeral)
    {
        lock (_lock)
        {
            (ephemeral ? _ephemeral : _events).Add(clientEvent);
        }

        _hub.NotifyChanged();
        if (_stop.IsCancellationRequested)
        {
            // Stopped: a late timer (typing expiry) may still report; nothing will deliver it.
            return;
        }

        try
        {
            _wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // Raced with DisposeAsync; the queue is gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping mid-push or mid-backoff is the normal way out.
        }

        _wake.Dispose();
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            await _wake.WaitAsync(ct);
            while (TakeBatch() is { } batch)
            {
                await DeliverAsync(batch.TxnId, batch.Body, batch.Events, batch.Ephemeral, ct);
                lock (_lock)
                {
                    _inFlight = false;
                }

                _hub.NotifyChanged();
            }
        }
    }

    private (string TxnId, JsonObject Body, int Events, int Ephemeral)? TakeBatch()
    {
        lock (_lock)
        {
            if (_events.Count == 0 && _ephemeral.Count == 0)
            {
                return null;
            }

            var max = _ctx.Options.MaxEventsPerTransaction;
            var events = _events.Take(max).ToList();
            var ephemeral = _ephemeral.Take(max).ToList();
            _events.RemoveRange(0, events.Count);
            _ephemeral.RemoveRange(0, ephemeral.Count);
            _inFlight = true;
            var txnId = (_nextTxnId++).ToString(CultureInfo.InvariantCulture);
            var body = new JsonObject { ["events"] = new JsonArray([.. events]) };
            if (ephemeral.Count > 0)
            {
                if (_registration.ReceiveEphemeral || _registration.Msc2409PushEphemeral)
                {
                    body["ephemeral"] = new JsonArray([.. ephemeral.Select(e => e.DeepClone())]);
                }

                if (_registration.Msc2409PushEphemeral)
                {
                    body["de.sorunome.msc2409.ephemeral"] = new JsonArray([.. ephemeral.Select(e => e.DeepClone())]);
                }
            }

            return (txnId, body, events.Count, ephemeral.Count);
        }
    }

    private async Task DeliverAsync(string txnId, JsonObject body, int events, int ephemeral, CancellationToken ct)
    {
        var path = "/_matrix/app/v1/transactions/" + Uri.EscapeDataString(txnId);
        Validate(path, body);
        var delay = _ctx.Options.AppServiceRetryInitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            var response = await _hub.Client.SendAsync(_registration, HttpMethod.Put, path, body, ct);
            _hub.RecordDelivery(new AppServiceDelivery(_registration.Id, txnId, attempt, response.Status, events,
                ephemeral, response.Error));
            if (response.IsOk)
            {
                return;
            }

            await Task.Delay(delay, _ctx.Time, ct);
            var doubled = delay * 2;
            delay = doubled > _ctx.Options.AppServiceRetryMaxDelay ? _ctx.Options.AppServiceRetryMaxDelay : doubled;
        }
    }

    private void Validate(string path, JsonObject body)
    {
        var element = JsonSerializer.SerializeToElement(body);
        var result = _ctx.Validator.ValidateRequest("PUT", path, element);
        if (!result.IsValid)
        {
            _ctx.Violations.Record(SpecViolationSource.Transaction, $"PUT {path} to {_registration.Id}", result.Violations);
        }

        foreach (var edu in body["ephemeral"] as JsonArray ?? [])
        {
            var eduResult = _ctx.Validator.ValidateEvent(JsonSerializer.SerializeToElement(edu));
            if (!eduResult.IsValid)
            {
                _ctx.Violations.Record(SpecViolationSource.Transaction, $"ephemeral {edu?["type"]} to {_registration.Id}",
                    eduResult.Violations);
            }
        }
    }
}
