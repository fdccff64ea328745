package store_test

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// A schema, as the parity test compares it: for each table, facts named
// so that the same fact of the two engines has the same name ("column
// verify_by", "index (slot_id)", "foreign key (slot_id)", "checks on
// (ends_at, starts_at)") and a value in words both engines can be brought
// to ("integer not null default 0").
type schema map[string]map[string]string

// viewsAndTriggers is the table name under which a schema lists its views
// and triggers.
const viewsAndTriggers = "(views and triggers)"

func (s schema) add(table, fact, value string) {
	if s[table] == nil {
		s[table] = map[string]string{}
	}
	// Two indexes or checks on the same columns are one fact, their
	// descriptions listed in order.
	if old, ok := s[table][fact]; ok {
		vs := append(strings.Split(old, "; "), value)
		slices.Sort(vs)
		value = strings.Join(vs, "; ")
	}
	s[table][fact] = value
}

// column is one column as both engines describe it.
type column struct {
	name, class, def string
	notNull, serial  bool
}

func (s schema) addColumns(table string, cols []column, key []string) {
	var names []string
	for _, c := range cols {
		v := c.class
		if c.notNull {
			v += " not null"
		} else {
			v += " nullable"
		}
		if c.def != "" {
			v += " default " + c.def
		}
		if c.serial {
			v += " generated"
		}
		s.add(table, "column "+c.name, v)
		names = append(names, c.name)
	}
	s.add(table, "columns in order", strings.Join(names, ", "))
	s.add(table, "primary key", "("+strings.Join(key, ", ")+")")
}

// readSQLite describes the tables of the SQLite database db.
func readSQLite(t *testing.T, db *sql.DB) schema {
	t.Helper()
	s := schema{viewsAndTriggers: {}}
	// Views and triggers are not compared beyond their names: none is
	// used today, and one added to a dialect shows here as a difference.
	others := queryStrings(t, db, `SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger')`)
	for i := 0; i < len(others); i += 2 {
		s.add(viewsAndTriggers, others[i]+" "+others[i+1], "present")
	}
	tables := queryStrings(t, db, `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	for i := 0; i < len(tables); i += 2 {
		table, create := tables[i], tables[i+1]
		withoutRowid := strings.Contains(strings.ToUpper(create), "WITHOUT ROWID")
		rows := queryStrings(t, db, `SELECT name, type, "notnull", COALESCE(dflt_value, ''), pk FROM pragma_table_info(?) ORDER BY cid`, table)
		var cols []column
		var key []string
		keyAt := map[string]string{}
		for j := 0; j < len(rows); j += 5 {
			c := column{name: rows[j], class: sqliteClass(rows[j+1]), notNull: rows[j+2] == "1", def: normalDefault(rows[j+3])}
			if rows[j+4] != "0" {
				keyAt[rows[j+4]] = c.name
			}
			cols = append(cols, c)
		}
		for k := 1; keyAt[fmt.Sprint(k)] != ""; k++ {
			key = append(key, keyAt[fmt.Sprint(k)])
		}
		// A single INTEGER PRIMARY KEY of a rowid table is the rowid,
		// numbered by SQLite as PostgreSQL numbers an identity column,
		// and never NULL (a NULL written to it is given a number).
		if len(key) == 1 && !withoutRowid {
			for k := range cols {
				if cols[k].name == key[0] && strings.EqualFold(rows[5*k+1], "INTEGER") {
					cols[k].serial, cols[k].notNull = true, true
				}
			}
		}
		s.addColumns(table, cols, key)
		names := columnNames(cols)

		idx := queryStrings(t, db, `SELECT l.name, l."unique", COALESCE(m.sql, '') FROM pragma_index_list(?) l
			LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name WHERE l.origin <> 'pk'`, table)
		for j := 0; j < len(idx); j += 3 {
			on := queryStrings(t, db, `SELECT COALESCE(name, '<expression>') FROM pragma_index_info(?) ORDER BY seqno`, idx[j])
			v := "plain"
			if idx[j+1] == "1" {
				v = "unique"
			}
			if w := whereOf(idx[j+2]); w != "" {
				v += " where " + expressionPrint(w, names)
			}
			s.add(table, "index ("+strings.Join(on, ", ")+")", v)
		}

		fks := queryStrings(t, db, `SELECT id, "table", "from", COALESCE("to", ''), on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, table)
		type fk struct {
			parent, onUpdate, onDelete string
			from, to                   []string
		}
		var byID []*fk
		at := map[string]*fk{}
		for j := 0; j < len(fks); j += 6 {
			f := at[fks[j]]
			if f == nil {
				f = &fk{parent: fks[j+1], onUpdate: fks[j+4], onDelete: fks[j+5]}
				at[fks[j]] = f
				byID = append(byID, f)
			}
			f.from = append(f.from, fks[j+2])
			f.to = append(f.to, fks[j+3])
		}
		for _, f := range byID {
			// REFERENCES parent without columns names the parent's key.
			if slices.Contains(f.to, "") {
				f.to = queryStrings(t, db, `SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`, f.parent)
			}
			s.add(table, "foreign key ("+strings.Join(f.from, ", ")+")", foreignKey(f.parent, f.to, f.onDelete, f.onUpdate))
		}

		for _, check := range checksOf(create) {
			s.add(table, "checks on ("+strings.Join(expressionColumns(check, names), ", ")+")", expressionPrint(check, names))
		}
	}
	return s
}

// readPostgres describes the tables of the public schema of the
// PostgreSQL database db.
func readPostgres(t *testing.T, db *sql.DB) schema {
	t.Helper()
	s := schema{viewsAndTriggers: {}}
	// The names of a list of attribute numbers of a relation, in order.
	attnames := func(rel, nums string) string {
		return `(SELECT string_agg(COALESCE(a.attname, '<expression>'), ', ' ORDER BY k.ord)
			FROM unnest(` + nums + `) WITH ORDINALITY k(num, ord)
			LEFT JOIN pg_attribute a ON a.attrelid = ` + rel + ` AND a.attnum = k.num AND k.num <> 0)`
	}
	others := queryStrings(t, db, `SELECT 'view', viewname FROM pg_views WHERE schemaname = 'public'
		UNION ALL SELECT 'trigger', t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal`)
	for i := 0; i < len(others); i += 2 {
		s.add(viewsAndTriggers, others[i]+" "+others[i+1], "present")
	}
	tables := queryStrings(t, db, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`)
	for _, table := range tables {
		rows := queryStrings(t, db, `SELECT column_name, data_type, is_nullable, COALESCE(column_default, ''), is_identity
			FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, table)
		var cols []column
		for j := 0; j < len(rows); j += 5 {
			def := rows[j+3]
			serial := rows[j+4] == "YES" || strings.HasPrefix(def, "nextval(")
			if serial {
				def = ""
			}
			cols = append(cols, column{name: rows[j], class: postgresClass(rows[j+1]), notNull: rows[j+2] == "NO", def: normalDefault(def), serial: serial})
		}
		key := queryStrings(t, db, `SELECT `+attnames("c.conrelid", "c.conkey")+` FROM pg_constraint c
			WHERE c.conrelid = $1::regclass AND c.contype = 'p'`, table)
		if len(key) == 1 {
			key = strings.Split(key[0], ", ")
		}
		s.addColumns(table, cols, key)
		names := columnNames(cols)

		// Unique constraints are read as the unique indexes that keep them.
		idx := queryStrings(t, db, `SELECT `+attnames("i.indrelid", "i.indkey::int2[]")+`, i.indisunique, COALESCE(pg_get_expr(i.indpred, i.indrelid), '')
			FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT i.indisprimary`, table)
		for j := 0; j < len(idx); j += 3 {
			v := "plain"
			if idx[j+1] == "true" {
				v = "unique"
			}
			if idx[j+2] != "" {
				v += " where " + expressionPrint(idx[j+2], names)
			}
			s.add(table, "index ("+idx[j]+")", v)
		}

		fks := queryStrings(t, db, `SELECT `+attnames("c.conrelid", "c.conkey")+`, c.confrelid::regclass::text, `+attnames("c.confrelid", "c.confkey")+`,
			c.confdeltype, c.confupdtype FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype = 'f'`, table)
		for j := 0; j < len(fks); j += 5 {
			s.add(table, "foreign key ("+fks[j]+")", foreignKey(fks[j+1], strings.Split(fks[j+2], ", "), postgresAction(fks[j+3]), postgresAction(fks[j+4])))
		}

		checks := queryStrings(t, db, `SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype = 'c'`, table)
		for _, def := range checks {
			check := strings.TrimSpace(strings.TrimPrefix(def, "CHECK"))
			s.add(table, "checks on ("+strings.Join(expressionColumns(check, names), ", ")+")", expressionPrint(check, names))
		}
	}
	return s
}

// queryStrings runs q and returns every value of every row, row after row.
func queryStrings(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vs := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vs {
			ptrs[i] = &vs[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			out = append(out, v.String)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func columnNames(cols []column) []string {
	var names []string
	for _, c := range cols {
		names = append(names, c.name)
	}
	return names
}

// sqliteClass is the class of a column SQLite declares as decl: SQLite's
// affinity rules (sqlite.org/datatype3.html, 3.1), after the names that
// say a boolean or a time, which SQLite stores as numbers or text.
func sqliteClass(decl string) string {
	d := strings.ToUpper(decl)
	switch {
	case strings.Contains(d, "BOOL"):
		return "bool"
	case strings.Contains(d, "TIME") || strings.Contains(d, "DATE"):
		return "timestamp"
	case strings.Contains(d, "INT"):
		return "integer"
	case strings.Contains(d, "CHAR") || strings.Contains(d, "CLOB") || strings.Contains(d, "TEXT"):
		return "text"
	case d == "" || strings.Contains(d, "BLOB"):
		return "blob"
	case strings.Contains(d, "REAL") || strings.Contains(d, "FLOA") || strings.Contains(d, "DOUB"):
		return "real"
	}
	return "numeric"
}

// postgresClass is the class of a column of PostgreSQL's data type typ.
func postgresClass(typ string) string {
	switch {
	case typ == "boolean":
		return "bool"
	case strings.HasPrefix(typ, "timestamp") || typ == "date" || strings.HasPrefix(typ, "time "):
		return "timestamp"
	case typ == "smallint" || typ == "integer" || typ == "bigint":
		return "integer"
	case typ == "text" || strings.HasPrefix(typ, "character"):
		return "text"
	case typ == "bytea":
		return "blob"
	case typ == "real" || typ == "double precision":
		return "real"
	}
	return typ
}

// normalDefault is a column default as both engines can print it:
// PostgreSQL's casts ('{}'::text) and parentheses dropped, keywords in
// lower case.
func normalDefault(def string) string {
	def = strings.TrimSpace(def)
	for strings.HasPrefix(def, "(") && strings.HasSuffix(def, ")") {
		def = strings.TrimSpace(def[1 : len(def)-1])
	}
	if i := strings.LastIndex(def, "::"); i > 0 && !strings.Contains(def[i:], "'") {
		def = def[:i]
	}
	switch strings.ToLower(def) {
	case "true", "false", "null":
		return strings.ToLower(def)
	}
	return def
}

func postgresAction(code string) string {
	return map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}[code]
}

func foreignKey(parent string, to []string, onDelete, onUpdate string) string {
	return fmt.Sprintf("references %s (%s) on delete %s on update %s",
		parent, strings.Join(to, ", "), strings.ToLower(onDelete), strings.ToLower(onUpdate))
}
