using System.Globalization;

namespace Bridges.Bench;

/// <summary>Prints one figure as <c>name value unit</c>.</summary>
internal static class Figure
{
    public static void Print(string name, double value, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {value:0.###} {unit}"));
}
