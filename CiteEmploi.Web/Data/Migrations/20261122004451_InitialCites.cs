using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CiteEmploi.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Cites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PerimeterType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TerritoryName = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    BudgetYear = table.Column<int>(type: "INTEGER", nullable: false),
                    BudgetAmount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    CoordinatorName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    CoordinatorEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    CoordinatorPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    IsDemonstration = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CoFunders = table.Column<string>(type: "TEXT", nullable: false),
                    Qpvs = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cites", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cites_NormalizedName",
                table: "Cites",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cites_Slug",
                table: "Cites",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Cites");
        }
    }
}
