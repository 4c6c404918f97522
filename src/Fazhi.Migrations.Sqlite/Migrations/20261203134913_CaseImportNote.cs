using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fazhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseImportNote : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "import_note",
                table: "reconsideration_cases",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "imported_on",
                table: "reconsideration_cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "import_note",
                table: "litigation_cases",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "imported_on",
                table: "litigation_cases",
                type: "TEXT",
                nullable: true);

            // An import no longer writes an "imported" event per case: the case row keeps the date and the note, and the
            // timeline shows them (CaseEvent.Timeline). Existing imported events move onto their cases.
            foreach (var (table, type) in new[] { ("reconsideration_cases", "reconsideration"), ("litigation_cases", "litigation") })
            {
                var imported = $"FROM case_events e WHERE e.case_type = '{type}' AND e.kind = 'imported' AND e.case_id = {table}.id";
                migrationBuilder.Sql($"UPDATE {table} SET imported_on = (SELECT e.occurred_on {imported} ORDER BY e.occurred_on LIMIT 1), "
                    + $"import_note = (SELECT e.note {imported} ORDER BY e.occurred_on LIMIT 1) WHERE EXISTS (SELECT 1 {imported} AND e.note IS NOT NULL)");
            }

            migrationBuilder.Sql("DELETE FROM case_events WHERE kind = 'imported' AND case_type IN ('reconsideration', 'litigation')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The import notes back into events (the event takes the case's id, which no other event has).
            foreach (var (table, type) in new[] { ("reconsideration_cases", "reconsideration"), ("litigation_cases", "litigation") })
            {
                migrationBuilder.Sql("INSERT INTO case_events (id, case_type, case_id, kind, occurred_on, note, document_kind, user_id, recorded_at_utc) "
                    + $"SELECT id, '{type}', id, 'imported', imported_on, import_note, NULL, NULL, created_at_utc FROM {table} WHERE imported_on IS NOT NULL AND import_note IS NOT NULL");
            }

            migrationBuilder.DropColumn(
                name: "import_note",
                table: "reconsideration_cases");

            migrationBuilder.DropColumn(
                name: "imported_on",
                table: "reconsideration_cases");

            migrationBuilder.DropColumn(
                name: "import_note",
                table: "litigation_cases");

            migrationBuilder.DropColumn(
                name: "imported_on",
                table: "litigation_cases");
        }
    }
}
