using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fazhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search: character bigrams written by Fazhi.Core.Cases.CaseSearch, matched with a trigram index.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            migrationBuilder.Sql("CREATE TABLE case_search (case_type varchar(40) NOT NULL, case_id uuid NOT NULL, tokens text NOT NULL, PRIMARY KEY (case_type, case_id))");
            migrationBuilder.Sql("CREATE INDEX ix_case_search_tokens ON case_search USING gin (tokens gin_trgm_ops)");

            migrationBuilder.CreateTable(
                name: "case_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    document_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reconsideration_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    org_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    law_version = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    respondent_org_id = table.Column<Guid>(type: "uuid", nullable: true),
                    respondent_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    matter = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    act_date = table.Column<DateOnly>(type: "date", nullable: true),
                    challenged_act = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    request = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    applicant_names = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    procedure = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    correction_requested_on = table.Column<DateOnly>(type: "date", nullable: true),
                    correction_items = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    correction_received_on = table.Column<DateOnly>(type: "date", nullable: true),
                    accepted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    deemed_accepted = table.Column<bool>(type: "boolean", nullable: false),
                    not_accepted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    not_accepted_reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    copy_sent_on = table.Column<DateOnly>(type: "date", nullable: true),
                    answer_received_on = table.Column<DateOnly>(type: "date", nullable: true),
                    hearing_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    hearing_place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    hearing_held_on = table.Column<DateOnly>(type: "date", nullable: true),
                    suspended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    suspension_ground = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    extended_days = table.Column<int>(type: "integer", nullable: false),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    facts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    reasoning = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    copied_to_superior_on = table.Column<DateOnly>(type: "date", nullable: true),
                    tracking_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    handler_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    received_year = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reconsideration_cases", x => x.id);
                    table.ForeignKey(
                        name: "FK_reconsideration_cases_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_reconsideration_cases_orgs_respondent_org_id",
                        column: x => x.respondent_org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "litigation_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    org_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    court = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    instance = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    filed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    filed_year = table.Column<int>(type: "integer", nullable: false),
                    complaint_received_on = table.Column<DateOnly>(type: "date", nullable: true),
                    cause = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    plaintiffs = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    defence_submitted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    stage = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    served_on = table.Column<DateOnly>(type: "date", nullable: true),
                    appealed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    performed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    reconsideration_case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    previous_instance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    handler_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_litigation_cases", x => x.id);
                    table.ForeignKey(
                        name: "FK_litigation_cases_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_litigation_cases_reconsideration_cases_reconsideration_case~",
                        column: x => x.reconsideration_case_id,
                        principalTable: "reconsideration_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "reconsideration_letters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recipient = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    replied_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reconsideration_letters", x => x.id);
                    table.ForeignKey(
                        name: "FK_reconsideration_letters_reconsideration_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "reconsideration_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reconsideration_parties",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    id_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reconsideration_parties", x => x.id);
                    table.ForeignKey(
                        name: "FK_reconsideration_parties_reconsideration_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "reconsideration_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "litigation_defendants",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_litigation_defendants", x => new { x.case_id, x.position });
                    table.ForeignKey(
                        name: "FK_litigation_defendants_litigation_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "litigation_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_litigation_defendants_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "litigation_hearings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false),
                    head_present = table.Column<bool>(type: "boolean", nullable: false),
                    head_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    head_rank = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    head_spoke = table.Column<bool>(type: "boolean", nullable: false),
                    staff_present = table.Column<bool>(type: "boolean", nullable: false),
                    absence_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    court_summoned_head = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_litigation_hearings", x => x.id);
                    table.ForeignKey(
                        name: "FK_litigation_hearings_litigation_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "litigation_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_events_case_id_occurred_on",
                table: "case_events",
                columns: new[] { "case_id", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "IX_litigation_cases_filed_on_id",
                table: "litigation_cases",
                columns: new[] { "filed_on", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_litigation_cases_org_id_case_number",
                table: "litigation_cases",
                columns: new[] { "org_id", "case_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_litigation_cases_org_id_closed_on",
                table: "litigation_cases",
                columns: new[] { "org_id", "closed_on" });

            migrationBuilder.CreateIndex(
                name: "IX_litigation_cases_org_id_filed_on_id",
                table: "litigation_cases",
                columns: new[] { "org_id", "filed_on", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_litigation_cases_org_id_filed_year",
                table: "litigation_cases",
                columns: new[] { "org_id", "filed_year" });

            migrationBuilder.CreateIndex(
                name: "IX_litigation_cases_org_id_stage_filed_on_id",
                table: "litigation_cases",
                columns: new[] { "org_id", "stage", "filed_on", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_litigation_cases_reconsideration_case_id",
                table: "litigation_cases",
                column: "reconsideration_case_id");

            migrationBuilder.CreateIndex(
                name: "IX_litigation_defendants_org_id",
                table: "litigation_defendants",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "IX_litigation_hearings_case_id_held_on",
                table: "litigation_hearings",
                columns: new[] { "case_id", "held_on" });

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_org_id_accepted_on",
                table: "reconsideration_cases",
                columns: new[] { "org_id", "accepted_on" });

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_org_id_case_number",
                table: "reconsideration_cases",
                columns: new[] { "org_id", "case_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_org_id_closed_on",
                table: "reconsideration_cases",
                columns: new[] { "org_id", "closed_on" });

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_org_id_received_on_id",
                table: "reconsideration_cases",
                columns: new[] { "org_id", "received_on", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_org_id_received_year",
                table: "reconsideration_cases",
                columns: new[] { "org_id", "received_year" });

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_org_id_stage_received_on_id",
                table: "reconsideration_cases",
                columns: new[] { "org_id", "stage", "received_on", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_received_on_id",
                table: "reconsideration_cases",
                columns: new[] { "received_on", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_respondent_org_id",
                table: "reconsideration_cases",
                column: "respondent_org_id");

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_cases_tracking_code",
                table: "reconsideration_cases",
                column: "tracking_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_letters_case_id_issued_on",
                table: "reconsideration_letters",
                columns: new[] { "case_id", "issued_on" });

            migrationBuilder.CreateIndex(
                name: "IX_reconsideration_parties_case_id_position",
                table: "reconsideration_parties",
                columns: new[] { "case_id", "position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE case_search");

            migrationBuilder.DropTable(
                name: "case_events");

            migrationBuilder.DropTable(
                name: "litigation_defendants");

            migrationBuilder.DropTable(
                name: "litigation_hearings");

            migrationBuilder.DropTable(
                name: "reconsideration_letters");

            migrationBuilder.DropTable(
                name: "reconsideration_parties");

            migrationBuilder.DropTable(
                name: "litigation_cases");

            migrationBuilder.DropTable(
                name: "reconsideration_cases");
        }
    }
}
