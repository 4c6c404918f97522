using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fazhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AnnualReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "annual_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    measures_heading = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    shortcomings_heading = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    first_responsibility_heading = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    next_year_heading = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    other_heading = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    measures = table.Column<string>(type: "TEXT", nullable: false),
                    shortcomings = table.Column<string>(type: "TEXT", nullable: false),
                    first_responsibility = table.Column<string>(type: "TEXT", nullable: false),
                    next_year = table.Column<string>(type: "TEXT", nullable: false),
                    other = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    secrecy_reviewed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    secrecy_reviewed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    secrecy_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    return_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    approved_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    approved_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    published_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    frozen_figures = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_annual_reports", x => x.id);
                    table.ForeignKey(
                        name: "FK_annual_reports_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "manual_facts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fact_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: true),
                    value = table.Column<double>(type: "REAL", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    entered_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    entered_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_manual_facts", x => x.id);
                    table.ForeignKey(
                        name: "FK_manual_facts_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_annual_reports_org_id_year_version",
                table: "annual_reports",
                columns: new[] { "org_id", "year", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_annual_reports_status_year",
                table: "annual_reports",
                columns: new[] { "status", "year" });

            migrationBuilder.CreateIndex(
                name: "IX_manual_facts_org_id_year_fact_id",
                table: "manual_facts",
                columns: new[] { "org_id", "year", "fact_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "annual_reports");

            migrationBuilder.DropTable(
                name: "manual_facts");
        }
    }
}
