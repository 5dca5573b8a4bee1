using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Bridges.Telegram.Tests")]
