namespace CiteEmploi.Web.Hosting;

public static class HttpsEndpoints
{
    /// <summary>True when the app listens on an https:// address: then plain HTTP is redirected and HSTS sent.</summary>
    public static bool Configured(IConfiguration configuration) =>
        (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}
