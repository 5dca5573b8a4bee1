using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Bridges.Irc.Tests")]
[assembly: InternalsVisibleTo("Bridges.Bench")]
