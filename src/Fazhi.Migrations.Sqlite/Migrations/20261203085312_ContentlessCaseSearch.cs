using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fazhi.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The SQLite search table no longer stores its bigram text, only the index built from it and the two unindexed
    /// columns (case type and id): contentless FTS5 with <c>contentless_unindexed</c> and <c>contentless_delete</c>
    /// (SQLite 3.48; the bundled library is 3.50). The stored text was about 500 bytes a case, written and read by
    /// nothing but FTS5 itself. Rows keep their rowids (lists order matches by rowid). PostgreSQL is unchanged.
    /// </summary>
    public partial class ContentlessCaseSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Through a plain copy, not ALTER TABLE … RENAME: FTS5's rename leaves the content table of a contentless
            // table with unindexed columns behind under its old name.
            migrationBuilder.Sql("CREATE TABLE case_search_copy AS SELECT rowid AS id, tokens, case_type, case_id FROM case_search");
            migrationBuilder.Sql("DROP TABLE case_search");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE case_search USING fts5(tokens, case_type UNINDEXED, case_id UNINDEXED, tokenize = 'unicode61', content = '', contentless_delete = 1, contentless_unindexed = 1)");
            migrationBuilder.Sql("INSERT INTO case_search (rowid, tokens, case_type, case_id) SELECT id, tokens, case_type, case_id FROM case_search_copy ORDER BY id");
            migrationBuilder.Sql("DROP TABLE case_search_copy");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("ContentlessCaseSearch cannot be reverted: the contentless search table no longer holds the text the earlier table stored.");
    }
}
