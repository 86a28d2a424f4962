using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CiteEmploi.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DirectorySearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The directory's full-text index (SQLite FTS5); see Features/Annuaire/Search/DirectorySearchIndex.cs.
            if (migrationBuilder.IsSqlite())
            {
                migrationBuilder.Sql(CiteEmploi.Web.Features.Annuaire.Search.DirectorySearchIndex.CreateTableSql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.IsSqlite())
            {
                migrationBuilder.Sql("DROP TABLE IF EXISTS DirectorySearch; DROP TABLE IF EXISTS DirectorySearchKeys;");
            }
        }
    }
}
