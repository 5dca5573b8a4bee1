using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Bridges.Hosting;

/// <summary>Builds the host's logger factory from <see cref="LoggingOptions"/>.</summary>
public static class BridgesLogging
{
    /// <summary>A console logger factory as configured; framework chatter below warnings is hidden unless asked for.</summary>
    public static ILoggerFactory Create(IConfiguration configuration)
    {
        var options = configuration.GetSection(LoggingOptions.SectionName).Get<LoggingOptions>() ?? new LoggingOptions();
        return LoggerFactory.Create(builder =>
        {
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
        });
    }
}
