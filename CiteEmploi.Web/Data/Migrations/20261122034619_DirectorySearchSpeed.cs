using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CiteEmploi.Web.Data.Migrations
{
    /// <summary>
    /// The directory's search index rebuilt for speed (see Features/Annuaire/Search/DirectorySearchIndex.cs and
    /// docs/benchmarks.md): folded texts, a rowid range per Cité, a vocabulary, three FTS5 tables without positions.
    /// The index only derives from the published services: its old rows are dropped, not converted, and the services
    /// are indexed again (the directory's indexer rebuilds an index that does not match the published services).
    /// </summary>
    public partial class DirectorySearchSpeed : Migration
    {
        /// <summary>The first migration's definition, for <see cref="Down"/>.</summary>
        private const string FirstDefinitionSql =
            "CREATE VIRTUAL TABLE IF NOT EXISTS DirectorySearch USING fts5(" +
            "service_id UNINDEXED, cite_id UNINDEXED, name, structure, barriers, topics, publics, place, description, codes, " +
            "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'); " +
            "CREATE TABLE IF NOT EXISTS DirectorySearchKeys (service_id TEXT NOT NULL PRIMARY KEY, fts_rowid INTEGER NOT NULL); " +
            "INSERT INTO DirectorySearch (DirectorySearch, rank) VALUES ('rank', 'bm25(0, 0, 10.0, 4.0, 6.0, 3.0, 2.0, 2.0, 1.0, 0)')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.IsSqlite())
            {
                // On a new database the first migration already created the current tables (it runs the current
                // CreateTableSql): dropping and creating them again is harmless, they are empty.
                migrationBuilder.Sql(
                    "DROP TABLE IF EXISTS DirectorySearch; DROP TABLE IF EXISTS DirectorySearchKeys; " +
                    "DROP TABLE IF EXISTS DirectorySearchName; DROP TABLE IF EXISTS DirectorySearchWhat; " +
                    "DROP TABLE IF EXISTS DirectorySearchTerms; DROP TABLE IF EXISTS DirectorySearchCites; " +
                    CiteEmploi.Web.Features.Annuaire.Search.DirectorySearchIndex.CreateTableSql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.IsSqlite())
            {
                migrationBuilder.Sql(
                    "DROP TABLE IF EXISTS DirectorySearch; DROP TABLE IF EXISTS DirectorySearchKeys; " +
                    "DROP TABLE IF EXISTS DirectorySearchName; DROP TABLE IF EXISTS DirectorySearchWhat; " +
                    "DROP TABLE IF EXISTS DirectorySearchTerms; DROP TABLE IF EXISTS DirectorySearchCites; " +
                    FirstDefinitionSql);
            }
        }
    }
}
