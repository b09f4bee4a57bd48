using System.Collections;
using System.Reflection;
using CodeExecution.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CodeExecution.Infrastructure.Tests;

/// <summary>
/// The settings the Functions app binds, derived from its own container: every options type it configures from a
/// configuration section (<c>SectionName</c>), and the setting names (<c>Section__Property__Sub</c>) its properties take.
/// </summary>
public static class BoundSettings
{
    /// <summary>The options types the app binds from configuration, by section.</summary>
    public static IReadOnlyList<(Type Type, string Section)> OptionsTypes { get; } = Discover();

    /// <summary>Every scalar setting name the bound options accept.</summary>
    public static IReadOnlySet<string> Leaves { get; } =
        OptionsTypes.SelectMany(o => LeavesOf(o.Type, o.Section)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The section names, e.g. <c>Storage</c> and <c>CodeExecution</c>.</summary>
    public static IReadOnlySet<string> Sections { get; } =
        OptionsTypes.Select(o => o.Section).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Top-level scalar settings of each options type: the ones a deployment is expected to set.</summary>
    public static IEnumerable<string> TopLevelScalars() =>
        OptionsTypes.SelectMany(o => SettableProperties(o.Type).Where(p => IsScalar(p.PropertyType)).Select(p => $"{o.Section}__{p.Name}"));

    private static List<(Type, string)> Discover()
    {
        var services = new ServiceCollection();
        services.AddCodeExecutionFunctions(new ConfigurationBuilder().Build());
        return services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .Select(t => (Type: t, Section: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(o => o.Section is not null)
            .Select(o => (o.Type, o.Section!))
            .ToList();
    }

    private static IEnumerable<string> LeavesOf(Type type, string prefix)
    {
        foreach (var property in SettableProperties(type))
        {
            var name = $"{prefix}__{property.Name}";
            if (IsScalar(property.PropertyType))
            {
                yield return name;
            }
            else if (!typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                foreach (var leaf in LeavesOf(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, name))
                {
                    yield return leaf;
                }
            }
        }
    }

    private static IEnumerable<PropertyInfo> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan);
    }
}
