using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fazhi.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Drops the index on (org_id, received_year) of reconsideration cases: the receipt count of a year and its list now
    /// read a range of (org_id, received_on, id), which the list pages need anyway, so a large import builds one index
    /// fewer. The received_year column stays.
    /// </summary>
    public partial class DropReceivedYearIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reconsideration_cases_org_id_received_year",
                table: "reconsideration_cases");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_org_id_received_year",
                table: "reconsideration_cases",
                columns: new[] { "org_id", "received_year" });
        }
    }
}
