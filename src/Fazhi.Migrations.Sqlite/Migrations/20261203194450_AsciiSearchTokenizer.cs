using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fazhi.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The search table's FTS5 tokenizer becomes <c>ascii</c> (was <c>unicode61</c>). Its text is lower-case bigrams of
    /// letters and digits separated by spaces (CaseSearch), so both tokenizers cut it into the same tokens, except that
    /// <c>unicode61</c> also folded accented Latin letters; <c>ascii</c> does it without decoding and classifying every
    /// character. The table is contentless: it is recreated empty here, and the migrator writes every case's row again
    /// from the ledgers (<c>CaseSearch.RebuildIfEmptyAsync</c>). PostgreSQL is unchanged.
    /// </summary>
    public partial class AsciiSearchTokenizer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, "ascii");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, "unicode61");

        private static void Recreate(MigrationBuilder migrationBuilder, string tokenizer)
        {
            // FTS5 leaves the content table of unindexed columns behind when a contentless table is dropped.
            migrationBuilder.Sql("DROP TABLE case_search");
            migrationBuilder.Sql("DROP TABLE IF EXISTS case_search_content");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE case_search USING fts5(tokens, case_type UNINDEXED, case_id UNINDEXED, tokenize = '"
                + tokenizer + "', content = '', contentless_delete = 1, contentless_unindexed = 1)");
        }
    }
}
