using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Bridges.Hosting;

/// <summary>Builds the host's logger factory from <see cref="LoggingOptions"/>.</summary>
public static class BridgesLogging
{
    /// <summary>A console logger factory as configured; framework chatter below warnings is hidden unless asked for.</summary>
    public static ILoggerFactory Create(IConfiguration configuration) => LoggerFactory.Create(builder => Configure(builder, configuration));

    /// <summary>Adds the console logger as <c>logging</c> configures it (format, levels) to <paramref name="builder"/>.</summary>
    public static ILoggingBuilder Configure(ILoggingBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = configuration.GetSection(LoggingOptions.SectionName).Get<LoggingOptions>() ?? new LoggingOptions();
        if (options.Format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            builder.AddJsonConsole(o => o.IncludeScopes = true);
        }
        else
        {
            builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = false;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }

        builder.SetMinimumLevel(options.Level);
        builder.AddFilter("Microsoft", LogLevel.Warning);
        builder.AddFilter("System", LogLevel.Warning);
        foreach (var (category, level) in options.Levels)
        {
            builder.AddFilter(category, level);
        }

        return builder;
    }
}
