using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CiteEmploi.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class BoardGuests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BoardGuestCodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BoardId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    OpenedByName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BoardGuestCodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BoardGuestCodes_Boards_BoardId",
                        column: x => x.BoardId,
                        principalTable: "Boards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BoardGuests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BoardId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    JoinedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BoardGuests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BoardGuests_BoardGuestCodes_CodeId",
                        column: x => x.CodeId,
                        principalTable: "BoardGuestCodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BoardGuestCodes_BoardId_ClosedAt",
                table: "BoardGuestCodes",
                columns: new[] { "BoardId", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BoardGuestCodes_CiteId",
                table: "BoardGuestCodes",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_BoardGuestCodes_Code",
                table: "BoardGuestCodes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BoardGuests_CiteId",
                table: "BoardGuests",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_BoardGuests_CodeId",
                table: "BoardGuests",
                column: "CodeId");

            migrationBuilder.CreateIndex(
                name: "IX_BoardGuests_SecretHash",
                table: "BoardGuests",
                column: "SecretHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BoardGuests");

            migrationBuilder.DropTable(
                name: "BoardGuestCodes");
        }
    }
}
