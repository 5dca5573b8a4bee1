namespace Bridges.Email.Bridge;

/// <summary>
/// What a reply to a bridged mail needs: its subject, who was on it, and its References, so the answer threads in
/// every mail client. Kept in the plugin store per login and Message-ID.
/// </summary>
/// <param name="MessageId">The mail's Message-ID.</param>
/// <param name="Subject">Its subject as sent.</param>
/// <param name="From">The sender's address.</param>
/// <param name="Participants">Everyone on From, To and Cc (addresses, lowercased).</param>
/// <param name="References">Its References, oldest first (at most <see cref="MaxReferences"/>).</param>
internal sealed record MailRecord(string MessageId, string Subject, string From, IReadOnlyList<string> Participants, IReadOnlyList<string> References)
{
    /// <summary>References kept per mail: the root and the nearest ancestors, which is what clients thread on.</summary>
    public const int MaxReferences = 20;

    /// <summary>The References of a reply to this mail: its own, then itself, trimmed in the middle so the root stays.</summary>
    public IReadOnlyList<string> ReferencesOfReply()
    {
        var all = References.Append(MessageId).ToList();
        return all.Count <= MaxReferences ? all : [all[0], .. all[^(MaxReferences - 1)..]];
    }
}
