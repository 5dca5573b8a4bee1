using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Bridges.Discord.Tests")]
