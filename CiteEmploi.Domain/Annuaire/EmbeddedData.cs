using System.Text.Json;

namespace CiteEmploi.Domain.Annuaire;

/// <summary>Reads the JSON files embedded in the Domain assembly (see the csproj's logical names).</summary>
internal static class EmbeddedData
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static T Read<T>(string logicalName)
    {
        var assembly = typeof(EmbeddedData).Assembly;
        using var stream = assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing from {assembly.GetName().Name}.");
        return JsonSerializer.Deserialize<T>(stream, Options)
            ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is empty.");
    }
}
