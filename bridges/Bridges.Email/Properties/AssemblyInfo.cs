using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Bridges.Email.Tests")]
