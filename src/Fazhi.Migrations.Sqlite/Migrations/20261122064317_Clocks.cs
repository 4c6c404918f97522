using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fazhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Clocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_years",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    lines = table.Column<string>(type: "TEXT", nullable: false),
                    imported_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_years", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "clocks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    case_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    handler_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    rule_id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    law_version = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    extended_days = table.Column<int>(type: "INTEGER", nullable: false),
                    calendar_version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    provisional = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    stopped_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    opened_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clocks", x => x.id);
                    table.ForeignKey(
                        name: "FK_clocks_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "clock_extensions",
                columns: table => new
                {
                    clock_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    days = table.Column<int>(type: "INTEGER", nullable: false),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    approved_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clock_extensions", x => new { x.clock_id, x.number });
                    table.ForeignKey(
                        name: "FK_clock_extensions_clocks_clock_id",
                        column: x => x.clock_id,
                        principalTable: "clocks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "clock_suspensions",
                columns: table => new
                {
                    clock_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clock_suspensions", x => new { x.clock_id, x.number });
                    table.ForeignKey(
                        name: "FK_clock_suspensions_clocks_clock_id",
                        column: x => x.clock_id,
                        principalTable: "clocks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_years_year",
                table: "calendar_years",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "IX_clocks_case_type_case_id",
                table: "clocks",
                columns: new[] { "case_type", "case_id" });

            migrationBuilder.CreateIndex(
                name: "IX_clocks_org_id_status_due_date",
                table: "clocks",
                columns: new[] { "org_id", "status", "due_date" });

            migrationBuilder.CreateIndex(
                name: "IX_clocks_status_due_date",
                table: "clocks",
                columns: new[] { "status", "due_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_years");

            migrationBuilder.DropTable(
                name: "clock_extensions");

            migrationBuilder.DropTable(
                name: "clock_suspensions");

            migrationBuilder.DropTable(
                name: "clocks");
        }
    }
}
