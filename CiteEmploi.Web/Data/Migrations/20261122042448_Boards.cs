using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CiteEmploi.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Boards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Boards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    VotesPerPerson = table.Column<int>(type: "INTEGER", nullable: false),
                    VotesAreRevealed = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsLocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    TimerDuration = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    TimerEndsAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    TimerPausedRemaining = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    TimerFreezesWhenOver = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Columns = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Boards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Boards_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BoardActivities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BoardId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CardId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BoardActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BoardActivities_Boards_BoardId",
                        column: x => x.BoardId,
                        principalTable: "Boards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Cards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BoardId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ColumnId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AuthorKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Colour = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FreinCode = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    PublicCode = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Position = table.Column<double>(type: "REAL", nullable: false),
                    Voters = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    EditedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    EditedByName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    DeletedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    DeletedByName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cards_Boards_BoardId",
                        column: x => x.BoardId,
                        principalTable: "Boards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BoardActivities_BoardId_Id",
                table: "BoardActivities",
                columns: new[] { "BoardId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BoardActivities_CiteId",
                table: "BoardActivities",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Boards_CiteId",
                table: "Boards",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_BoardId_ColumnId_Position",
                table: "Cards",
                columns: new[] { "BoardId", "ColumnId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Cards_CiteId",
                table: "Cards",
                column: "CiteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BoardActivities");

            migrationBuilder.DropTable(
                name: "Cards");

            migrationBuilder.DropTable(
                name: "Boards");
        }
    }
}
