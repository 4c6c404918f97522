using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fazhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MatterListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reconsideration_cases_org_id_matter_received_on_id",
                table: "reconsideration_cases");

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_matter_received_on_id",
                table: "reconsideration_cases",
                columns: new[] { "matter", "received_on", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reconsideration_cases_matter_received_on_id",
                table: "reconsideration_cases");

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_org_id_matter_received_on_id",
                table: "reconsideration_cases",
                columns: new[] { "org_id", "matter", "received_on", "id" });
        }
    }
}
