namespace ReliefPlatform.ServiceDefaults.Data;

/// <summary>
/// Monthly range partitions of append-only tables (issue 23: audit trails, the application timeline and delivery
/// attempts grow by millions of rows a year and are kept for years). A month is a partition named
/// <c>{table}_y2026m12</c>, bounded at midnight China time on the month's first day; a <c>{table}_default</c>
/// partition keeps a row whose month has none (a back-dated import) instead of refusing it. Each month's table
/// has its own small indexes; the planner reads only the months a query's time range names, and vacuum, freezing
/// and an index rebuild work a month at a time.
/// </summary>
/// <remarks>
/// A table qualifies only if it has no unique key besides its primary key: PostgreSQL puts the partition key into
/// every unique index, so a unique key that guards exactly-once (a payment's reference, a delivery's event) would
/// only be unique within a month. The conversion refuses such a table rather than weaken its guarantee.
/// </remarks>
public static class MonthlyPartitions
{
    /// <summary>How many months after the current one get their partition ahead of time.</summary>
    public const int DefaultMonthsAhead = 3;

    /// <summary>
    /// <c>ensure_month_partition(table, month)</c>: creates the month's partition unless it exists. Returns
    /// <c>created</c>, <c>exists</c>, or <c>held</c> when the default partition already holds rows of that month
    /// (creating the month would mean moving them, which an append-only table refuses; they stay readable there).
    /// One home for the partitions' names and bounds: the conversion and <see cref="PartitionMaintainer{TDbContext}"/> call it.
    /// </summary>
    public const string FunctionSql = """
        CREATE OR REPLACE FUNCTION ensure_month_partition(parent regclass, month date) RETURNS text LANGUAGE plpgsql AS $fn$
        DECLARE
            parent_name text := (SELECT relname FROM pg_class WHERE oid = parent);
            partition_name text := format('%s_y%sm%s', parent_name, to_char(month, 'YYYY'), to_char(month, 'MM'));
            key_column text := (SELECT a.attname FROM pg_partitioned_table p
                JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0] WHERE p.partrelid = parent);
            from_bound timestamptz := date_trunc('month', month)::timestamp AT TIME ZONE 'Asia/Shanghai';
            to_bound timestamptz := (date_trunc('month', month) + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai';
            default_partition regclass := to_regclass(parent_name || '_default');
            held boolean;
        BEGIN
            IF to_regclass(partition_name) IS NOT NULL THEN
                RETURN 'exists';
            END IF;
            IF default_partition IS NOT NULL THEN
                EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %I >= %L AND %I < %L)', default_partition, key_column, from_bound, key_column, to_bound) INTO held;
                IF held THEN
                    RETURN 'held';
                END IF;
            END IF;
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', partition_name, parent_name, from_bound, to_bound);
            RETURN 'created';
        END $fn$;
        """;

    /// <summary>
    /// The migration step that turns an existing table into one partitioned by month on <paramref name="column"/>,
    /// keeping every row, its identity values and the identity's next value, its indexes (made on every partition)
    /// and its foreign keys. The primary key becomes (<paramref name="keyColumn"/>, <paramref name="column"/>):
    /// PostgreSQL requires the partition key in it, and the identity keeps the key alone unique in practice.
    /// Partitions are made from the oldest row's month to <see cref="DefaultMonthsAhead"/> months ahead.
    /// Triggers are not carried: the caller re-creates them (the audit trail's append-only triggers).
    /// </summary>
    public static string ConvertSql(string table, string column, string keyColumn) => FunctionSql + $$"""

        DO $convert$
        DECLARE
            index_definitions text[];
            foreign_keys text[];
            statement text;
            old_index record;
            month date;
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_constraint WHERE confrelid = '{{table}}'::regclass) THEN
                RAISE EXCEPTION '{{table}} is referenced by a foreign key: partitioning it needs the partition key in that key';
            END IF;
            IF EXISTS (SELECT 1 FROM pg_index WHERE indrelid = '{{table}}'::regclass AND indisunique AND NOT indisprimary) THEN
                RAISE EXCEPTION '{{table}} has a unique index: partitioned, it would be unique within a month only';
            END IF;
            SELECT array_agg(pg_get_indexdef(indexrelid)) INTO index_definitions
                FROM pg_index WHERE indrelid = '{{table}}'::regclass AND NOT indisprimary;
            SELECT array_agg(format('ALTER TABLE {{table}} ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid))) INTO foreign_keys
                FROM pg_constraint WHERE conrelid = '{{table}}'::regclass AND contype = 'f';

            ALTER TABLE {{table}} RENAME TO {{table}}_unpartitioned;
            FOR old_index IN SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = '{{table}}_unpartitioned'::regclass
            LOOP
                EXECUTE format('ALTER INDEX %I RENAME TO %I', old_index.relname, 'old_' || md5(old_index.relname));
            END LOOP;

            CREATE TABLE {{table}} (LIKE {{table}}_unpartitioned INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING STORAGE INCLUDING CONSTRAINTS)
                PARTITION BY RANGE ({{column}});
            ALTER TABLE {{table}} ADD CONSTRAINT pk_{{table}} PRIMARY KEY ({{keyColumn}}, {{column}});
            FOREACH statement IN ARRAY coalesce(index_definitions, '{}') LOOP
                EXECUTE statement;
            END LOOP;
            FOREACH statement IN ARRAY coalesce(foreign_keys, '{}') LOOP
                EXECUTE statement;
            END LOOP;
            CREATE TABLE {{table}}_default PARTITION OF {{table}} DEFAULT;

            FOR month IN SELECT generate_series(
                    date_trunc('month', least(coalesce((SELECT min({{column}}) FROM {{table}}_unpartitioned), now()), now()) AT TIME ZONE 'Asia/Shanghai'),
                    date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + interval '{{DefaultMonthsAhead}} months',
                    interval '1 month')::date
            LOOP
                PERFORM ensure_month_partition('{{table}}'::regclass, month);
            END LOOP;

            INSERT INTO {{table}} OVERRIDING SYSTEM VALUE SELECT * FROM {{table}}_unpartitioned;
            PERFORM setval(pg_get_serial_sequence('{{table}}', '{{keyColumn}}'), coalesce((SELECT max({{keyColumn}}) FROM {{table}}), 0) + 1, false);
            DROP TABLE {{table}}_unpartitioned;
        END $convert$;
        """;
}
