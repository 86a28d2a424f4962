using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CiteEmploi.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DiagnosticSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DiagnosticSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FrozenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FrozenByName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosticSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiagnosticSnapshots_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSnapshots_CiteId_AsOf",
                table: "DiagnosticSnapshots",
                columns: new[] { "CiteId", "AsOf" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DiagnosticSnapshots");
        }
    }
}
