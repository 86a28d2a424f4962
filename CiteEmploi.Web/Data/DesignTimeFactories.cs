using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CiteEmploi.Web.Data;

// `dotnet ef migrations add … --context <type>` builds each provider's model without a server: the connections below are
// never opened (a migration is written from the model alone). One factory per context type, so that the tool never
// takes one provider's context for the other's (decision 0032).

/// <summary>The SQLite model, for <c>--context AppDbContext</c> (migrations in <c>Data/Migrations</c>).</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=citeemploi-design.db").Options);
}

/// <summary>The PostgreSQL model, for <c>--context PostgreSqlAppDbContext</c> (migrations in <c>Data/PostgreSqlMigrations</c>).</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    public PostgreSqlAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlAppDbContext>();
        options.UseCiteEmploiPostgreSql("Host=127.0.0.1;Database=citeemploi_design");
        return new(options.Options);
    }
}
