using System.Globalization;
using System.Runtime.InteropServices;
using Bridges.Testing.Homeserver;

// bridges-test-homeserver: the test homeserver as a process, for tests that drive a bridge binary.
// Prints "listening on http://127.0.0.1:PORT" once ready and runs until SIGTERM or Ctrl+C.
const string Usage = "usage: bridges-test-homeserver [--port N] [--server-name NAME] [--registration FILE]... [--fail-on-violation]";

var options = new TestHomeserverOptions
{
    FailOnSpecViolation = false,
    OnSpecViolation = v => Console.Error.WriteLine("spec violation: " + v),
};
var failOnViolation = false;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--port":
                options.Port = int.Parse(Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            case "--server-name":
                options.ServerName = Value(args, ref i);
                break;
            case "--registration":
                options.AppServices.Add(AppServiceRegistrationFile.Load(Value(args, ref i)));
                break;
            case "--fail-on-violation":
                failOnViolation = true;
                break;
            case "--help" or "-h":
                Console.WriteLine(Usage);
                return 0;
            default:
                throw new FormatException($"unknown argument '{args[i]}'");
        }
    }
}
catch (Exception ex) when (ex is FormatException or OverflowException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

var homeserver = await TestHomeserver.StartAsync(options);
Console.WriteLine($"listening on http://127.0.0.1:{homeserver.BaseUrl.Port}");
await Console.Out.FlushAsync();
await stop.Task;
await homeserver.DisposeAsync();

var violations = homeserver.Violations.Count;
if (violations > 0)
{
    Console.Error.WriteLine($"{violations} spec violation(s) seen");
}

return failOnViolation && violations > 0 ? 3 : 0;

static string Value(string[] args, ref int i) =>
    ++i < args.Length ? args[i] : throw new FormatException($"{args[i - 1]} needs a value");
