// A text dump of what a database's public schema defines, made to compare two databases by string
// equality (the migration drift test): the committed migrations must build the same schema as
// schema.prisma plus the hand-written migrations.
import pg from "pg";

// Each query returns [sort key, line]. Nothing here prints the database's own name (pg_get_indexdef names
// the schema, "public."), so databases with different names compare equal.
const SECTIONS: Array<[title: string, sql: string]> = [
  [
    "extensions",
    // Names only: versions differ between servers without meaning a schema difference.
    `SELECT extname, extname FROM pg_extension WHERE extname <> 'plpgsql'`,
  ],
  [
    // Labels in sort order, which comparisons and ORDER BY follow. ALTER TYPE … ADD VALUE appends, so a value
    // added mid-enum in schema.prisma shows here as drift: add it last, or hand-edit the migration to
    // ADD VALUE … BEFORE/AFTER.
    "enums",
    `SELECT t.typname, t.typname || ': ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`,
  ],
  [
    "tables",
    `SELECT relname, relname || CASE relkind WHEN 'p' THEN ' (partitioned)' ELSE '' END
       FROM pg_class
      WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND relname <> '_prisma_migrations'`,
  ],
  [
    // By name, not position: ADD COLUMN appends, so a migrated table and a freshly created one list the
    // same columns in different orders, which changes nothing a query can see by name.
    "columns",
    `SELECT c.relname || '.' || a.attname,
            c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
              || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
              || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
              || CASE a.attidentity WHEN 'a' THEN ' identity always'
                                    WHEN 'd' THEN ' identity by default' ELSE '' END
              || CASE a.attgenerated WHEN 's' THEN ' generated stored' ELSE '' END
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
        AND c.relname <> '_prisma_migrations' AND a.attnum > 0 AND NOT a.attisdropped`,
  ],
  [
    // contype 'n' (NOT NULL as a constraint, Postgres 18 and PGlite) repeats the columns' nullability.
    "constraints",
    `SELECT c.relname || '.' || k.conname, c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relname <> '_prisma_migrations' AND k.contype <> 'n'`,
  ],
  [
    "indexes",
    `SELECT i.relname, pg_get_indexdef(i.oid)
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname <> '_prisma_migrations'`,
  ],
  [
    "sequences",
    `SELECT c.relname, c.relname || ' ' || format_type(s.seqtypid, NULL)
       FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
      WHERE c.relnamespace = 'public'::regnamespace`,
  ],
  [
    "views",
    `SELECT c.relname, c.relname || ': ' || pg_get_viewdef(c.oid)
       FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')`,
  ],
  [
    // Functions an extension installed belong to the extension, listed above.
    "functions",
    `SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid)
       FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
  ],
  [
    "triggers",
    `SELECT c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal`,
  ],
];

/**
 * Tables, columns, constraints, indexes, sequences, views, enums, functions, triggers and extensions
 * of the public schema, one section each, sorted by name; _prisma_migrations is left out.
 */
export async function describeCatalog(connectionString: string): Promise<string> {
  const client = new pg.Client({ connectionString });
  client.on("error", () => {});
  await client.connect();
  try {
    const out: string[] = [];
    for (const [title, sql] of SECTIONS) {
      const result = await client.query<string[]>({ text: sql, rowMode: "array" });
      const lines = result.rows
        .map(([key = "", line = ""]) => [key, line.trimEnd()] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, line]) => line);
      out.push(`## ${title}`, ...lines, "");
    }
    return out.join("\n");
  } finally {
    await client.end().catch(() => {});
  }
}
