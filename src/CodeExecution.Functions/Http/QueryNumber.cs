using System.Globalization;
using CodeExecution.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace CodeExecution.Functions.Http;

/// <summary>Reads a whole-number query parameter held to a range; anything else is a 400 naming the parameter.</summary>
public static class QueryNumber
{
    /// <returns><paramref name="fallback"/> when the parameter is absent; its value when it is one number from <paramref name="min"/> to <paramref name="max"/>.</returns>
    public static int Read(HttpRequest request, string name, int fallback, int min, int max)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return fallback;
        }

        return values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidRequestError($"{name}: must be one whole number from {min} to {max}; it was '{string.Join(",", values.AsEnumerable())}'.", name);
    }
}
