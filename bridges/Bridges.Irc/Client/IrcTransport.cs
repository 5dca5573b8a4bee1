using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Bridges.Irc.Client;

/// <summary>Opens the TCP (and optionally TLS) stream for a connection.</summary>
internal static class IrcTransport
{
    public static async ValueTask<Stream> ConnectAsync(IrcConnectionOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, ct).ConfigureAwait(false);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            var network = new NetworkStream(socket, ownsSocket: true);
            if (!options.UseTls)
            {
                return network;
            }

            var ssl = new SslStream(network, leaveInnerStreamOpen: false);
            try
            {
                var auth = new SslClientAuthenticationOptions
                {
                    TargetHost = options.TlsServerName ?? options.Host,
                    EnabledSslProtocols = SslProtocols.None,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    ClientCertificates = options.ClientCertificate is null ? null : [options.ClientCertificate],
                    RemoteCertificateValidationCallback = CreateValidator(options),
                };
                await ssl.AuthenticateAsClientAsync(auth, ct).ConfigureAwait(false);
                return ssl;
            }
            catch
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static RemoteCertificateValidationCallback? CreateValidator(IrcConnectionOptions options)
    {
        switch (options.TlsValidation)
        {
            case IrcTlsValidation.AcceptAny:
                return static (_, _, _, _) => true;
            case IrcTlsValidation.CustomCa:
                var roots = new X509Certificate2Collection();
                roots.ImportFromPemFile(options.TlsCaFile!);
                return (_, certificate, _, errors) => ValidateWithRoots(certificate, errors, roots);
            default:
                return null;
        }
    }

    private static bool ValidateWithRoots(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        // Only chain errors are re-checked against our roots; a name mismatch or a missing certificate stays fatal.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var cert = new X509Certificate2(certificate);
        return chain.Build(cert);
    }
}
