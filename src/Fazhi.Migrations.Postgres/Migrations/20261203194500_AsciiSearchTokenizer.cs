using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fazhi.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Nothing on PostgreSQL: the SQLite search table changed its FTS5 tokenizer (see the SQLite migration of the same
    /// name); PostgreSQL's table keeps its text with a pg_trgm index. Kept so that both providers list the same migrations.
    /// </summary>
    public partial class AsciiSearchTokenizer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
