using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CiteEmploi.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryStructuresAndServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "StructureId",
                table: "Memberships",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DirectoryIsPublic",
                table: "Cites",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Structures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Siret = table.Column<string>(type: "TEXT", maxLength: 14, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 2083, nullable: true),
                    OpeningHours = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Networks = table.Column<string>(type: "TEXT", nullable: false),
                    QpvCodes = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true),
                    UpdatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Structures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Structures_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Services",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StructureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Thematiques = table.Column<string>(type: "TEXT", nullable: false),
                    Publics = table.Column<string>(type: "TEXT", nullable: false),
                    PublicsDetails = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Frais = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FraisDetails = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AccessConditions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ModesAccueil = table.Column<string>(type: "TEXT", nullable: false),
                    ModesMobilisation = table.Column<string>(type: "TEXT", nullable: false),
                    MobilisablePar = table.Column<string>(type: "TEXT", nullable: false),
                    MobilisationLink = table.Column<string>(type: "TEXT", maxLength: 2083, nullable: true),
                    MobilisationDetails = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    WeeklyHours = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    NumberOfWeeks = table.Column<int>(type: "INTEGER", nullable: true),
                    OpeningHours = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    EligibilityZone = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UpdatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", nullable: true),
                    Contact = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Services", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Services_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_StructureId",
                table: "Memberships",
                column: "StructureId");

            migrationBuilder.CreateIndex(
                name: "IX_Services_CiteId_Source_ExternalId",
                table: "Services",
                columns: new[] { "CiteId", "Source", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Services_CiteId_Status_UpdatedOn",
                table: "Services",
                columns: new[] { "CiteId", "Status", "UpdatedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Services_CiteId_StructureId",
                table: "Services",
                columns: new[] { "CiteId", "StructureId" });

            migrationBuilder.CreateIndex(
                name: "IX_Services_StructureId",
                table: "Services",
                column: "StructureId");

            migrationBuilder.CreateIndex(
                name: "IX_Structures_CiteId_NormalizedName",
                table: "Structures",
                columns: new[] { "CiteId", "NormalizedName" });

            migrationBuilder.CreateIndex(
                name: "IX_Structures_CiteId_Source_ExternalId",
                table: "Structures",
                columns: new[] { "CiteId", "Source", "ExternalId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Memberships_Structures_StructureId",
                table: "Memberships",
                column: "StructureId",
                principalTable: "Structures",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Memberships_Structures_StructureId",
                table: "Memberships");

            migrationBuilder.DropTable(
                name: "Services");

            migrationBuilder.DropTable(
                name: "Structures");

            migrationBuilder.DropIndex(
                name: "IX_Memberships_StructureId",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "StructureId",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "DirectoryIsPublic",
                table: "Cites");
        }
    }
}
