using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Bridges.Matrix.AppService;

/// <summary>Appservice instruments on the <c>Bridges</c> meter.</summary>
internal static class AppServiceMetrics
{
    private static readonly Meter Meter = new("Bridges");
    private static readonly Counter<long> Transactions = Meter.CreateCounter<long>("appservice.transactions", description: "Transactions received from the homeserver, by outcome.");
    private static readonly Counter<long> Events = Meter.CreateCounter<long>("appservice.events", description: "Events received in new transactions.");

    public static void Transaction(string appService, string outcome, int events)
    {
        Transactions.Add(1, new TagList { { "appservice", appService }, { "outcome", outcome } });
        if (events > 0)
        {
            Events.Add(events, new KeyValuePair<string, object?>("appservice", appService));
        }
    }
}
