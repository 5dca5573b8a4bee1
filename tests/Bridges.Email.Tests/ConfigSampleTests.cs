using Bridges.Email.Bridge;
using Bridges.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace Bridges.Email.Tests;

public sealed class ConfigSampleTests
{
    [Fact]
    public void Email_sample_validates_and_binds_its_defaults()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "config-samples", "email.yaml");

        Assert.Empty(ConfigValidator.Validate(File.ReadAllText(path), [EmailNetwork.Plugin]));
        var config = new ConfigurationBuilder().AddYamlFile(path, optional: false).Build();
        var options = config.GetSection(EmailOptions.SectionName).Get<EmailOptions>()!;
        var defaults = new EmailOptions();
        Assert.Equal(defaults.MaxAttachmentBytes, options.MaxAttachmentBytes);
        Assert.Equal(defaults.IdleRenewSeconds, options.IdleRenewSeconds);
        Assert.Equal(defaults.PollIntervalSeconds, options.PollIntervalSeconds);
        Assert.Equal(defaults.ReconnectMaxDelaySeconds, options.ReconnectMaxDelaySeconds);
        Assert.False(options.AllowPlaintext);
        Assert.Empty(options.SharedMailboxes);
    }

    [Fact]
    public void A_shared_mailbox_parses_from_yaml_and_bad_values_name_their_key()
    {
        var path = Path.Combine(Path.GetTempPath(), $"email-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            bridges:
              email:
                shared_mailboxes:
                  support:
                    address: support@example.org
                    imap_host: imap.example.org
                    imap_tls: tls
                    smtp_host: smtp.example.org
                    smtp_tls: none
                    password: secret
            """);
        try
        {
            Assert.Empty(ConfigValidator.Validate(File.ReadAllText(path), [EmailNetwork.Plugin]));
            var config = new ConfigurationBuilder().AddYamlFile(path, optional: false).Build();
            var options = config.GetSection(EmailOptions.SectionName).Get<EmailOptions>()!;
            var support = options.SharedMailboxes["support"];
            Assert.Equal("support@example.org", support.Address);
            Assert.Equal(EmailTlsMode.Tls, support.ImapTls);
            Assert.Equal(EmailTlsMode.None, support.SmtpTls);
            Assert.Equal(993, support.ImapPort);

            var failures = new EmailOptionsValidator().Validate("email", options).Failures!;
            Assert.Equal(["bridges.email.shared_mailboxes.support.smtp_tls: none needs bridges.email.allow_plaintext: true"], failures);
            options.SharedMailboxes["Bad Name"] = new EmailMailboxOptions { Address = "not an address" };
            failures = new EmailOptionsValidator().Validate("email", options).Failures!;
            Assert.Contains("bridges.email.shared_mailboxes.Bad Name: the name must be 1-32 lowercase letters, digits or dashes", failures);
            Assert.Contains("bridges.email.shared_mailboxes.Bad Name.address: must be an email address", failures);
            Assert.Contains("bridges.email.shared_mailboxes.Bad Name.password: is required (or password_file)", failures);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
