package store

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestRebind(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"no placeholder", `SELECT 1`, `SELECT 1`},
		{"placeholders in order", `SELECT a FROM t WHERE b = ? AND c IN (?, ?)`, `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)`},
		{"ten and more", strings.Repeat("?,", 11) + "?", "$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12"},
		{"question mark in a string", `SELECT 'why?' WHERE a = ?`, `SELECT 'why?' WHERE a = $1`},
		{"doubled quote inside a string", `SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{"empty string", `WHERE a = '' AND b = ?`, `WHERE a = '' AND b = $1`},
		{"quoted identifier", `SELECT "why?" FROM t WHERE a = ?`, `SELECT "why?" FROM t WHERE a = $1`},
		{"doubled quote inside an identifier", `SELECT "a""?" , ?`, `SELECT "a""?" , $1`},
		{"line comment", "SELECT ? -- and ?\nFROM t WHERE a = ?", "SELECT $1 -- and ?\nFROM t WHERE a = $2"},
		{"line comment to a carriage return", "SELECT ? -- ?\r?", "SELECT $1 -- ?\r$2"},
		{"line comment at the end", `SELECT ? -- is it?`, `SELECT $1 -- is it?`},
		{"block comment", `SELECT /* ? */ ?`, `SELECT /* ? */ $1`},
		{"nested block comment", `SELECT /* a /* ? */ ? */ ?`, `SELECT /* a /* ? */ ? */ $1`},
		{"unclosed string", `SELECT ? 'abc?`, `SELECT $1 'abc?`},
		{"unclosed comment", `SELECT ? /* ?`, `SELECT $1 /* ?`},
		{"a minus is no comment", `SELECT ? - ?`, `SELECT $1 - $2`},
		{"a slash is no comment", `SELECT ? / ?`, `SELECT $1 / $2`},
		{"concatenated placeholders", `SELECT ?||?`, `SELECT $1||$2`},
		{"cast after a placeholder", `SELECT ?::text`, `SELECT $1::text`},
		{"SQLite's numbered placeholder is left", `SELECT ?1, ?`, `SELECT ?1, $1`},
		{"json_each argument", `WHERE id IN (SELECT value FROM json_each(?))`, `WHERE id IN (SELECT value FROM json_each($1))`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := numberPlaceholders(c.in); got != c.want {
				t.Errorf("numberPlaceholders(%q)\n got %q\nwant %q", c.in, got, c.want)
			}
			sqlite := &DB{Dialect: SQLite}
			if got := sqlite.rebind(c.in); got != c.in {
				t.Errorf("SQLite's rebind changed %q to %q", c.in, got)
			}
		})
	}
}

// FuzzRebind checks, for any query text without a $ of its own, that the
// rewrite only turns some ? into $1, $2, ... in order (putting a ? back for
// each $n gives the query again), and that the same text quoted as a
// string or an identifier, or made a comment, is left as it is.
func FuzzRebind(f *testing.F) {
	for _, q := range []string{
		`SELECT a FROM t WHERE b = ? AND c IN (?, ?)`,
		`SELECT 'it''s ?', "a?" FROM t -- ?` + "\n" + `WHERE a = ?`,
		`SELECT /* a /* ? */ ? */ ?`,
		`SELECT ? /* ?`,
		`SELECT ?||? - ? / ?`,
		`SELECT ?00, ?`,
	} {
		f.Add(q)
	}
	placeholder := regexp.MustCompile(`\$[0-9]+`)
	f.Fuzz(func(t *testing.T, q string) {
		if strings.Contains(q, "$") {
			t.Skip("the query's own $ could not be told from a placeholder")
		}
		got := numberPlaceholders(q)
		n := 0
		back := placeholder.ReplaceAllStringFunc(got, func(p string) string {
			n++
			if p != "$"+strconv.Itoa(n) {
				t.Errorf("placeholder %d is %s in %q", n, p, got)
			}
			return "?"
		})
		if back != q {
			t.Fatalf("numberPlaceholders(%q) = %q, which is not the query with its ? numbered", q, got)
		}
		if n > strings.Count(q, "?") {
			t.Fatalf("%d placeholders from %d question marks", n, strings.Count(q, "?"))
		}
		for _, text := range []string{
			`'` + strings.ReplaceAll(q, `'`, `''`) + `'`,
			`"` + strings.ReplaceAll(q, `"`, `""`) + `"`,
			"-- " + strings.NewReplacer("\n", " ", "\r", " ").Replace(q) + "\r",
			"/* " + strings.ReplaceAll(strings.ReplaceAll(q, "*/", "* /"), "/*", "/ *") + " */",
		} {
			if got := numberPlaceholders(text + " ?"); got != text+" $1" {
				t.Fatalf("numberPlaceholders(%q) = %q, want the text left and one placeholder after it", text+" ?", got)
			}
		}
	})
}
