package store_test

import (
	"slices"
	"strings"
	"testing"
)

// The engines print an expression each its own way: PostgreSQL writes
// kind IN ('a', 'b') back as (kind = ANY (ARRAY['a'::text, 'b'::text]))
// and x BETWEEN 1 AND 9 as ((x >= 1) AND (x <= 9)). So the parity test
// compares checks and partial-index predicates by what survives that:
// the columns they read, the literals they hold, and their NULL tests.

// sqlToken is a word, quoted identifier, string, number or sign of SQL
// text, at start in it.
type sqlToken struct {
	kind  byte // 'w' word, 'q' quoted identifier, 's' string, 'n' number, 'p' sign
	text  string
	start int
}

// sqlTokens splits SQL text into tokens, leaving out space and comments.
func sqlTokens(s string) []sqlToken {
	var out []sqlToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(s[i:], "--"):
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return out
			}
			i += end + 4
		case c == '\'' || c == '"':
			var b strings.Builder
			j := i + 1
			for j < len(s) {
				if s[j] == c {
					if j+1 < len(s) && s[j+1] == c {
						b.WriteByte(c)
						j += 2
						continue
					}
					break
				}
				b.WriteByte(s[j])
				j++
			}
			kind := byte('s')
			text := b.String()
			if c == '"' {
				kind, text = 'q', strings.ToLower(text)
			}
			out = append(out, sqlToken{kind, text, i})
			i = j + 1
		case isWordByte(c):
			j := i
			for j < len(s) && (isWordByte(s[j]) || s[j] == '.') {
				j++
			}
			kind := byte('w')
			if '0' <= c && c <= '9' {
				kind = 'n'
			}
			out = append(out, sqlToken{kind, strings.ToLower(s[i:j]), i})
			i = j
		default:
			out = append(out, sqlToken{'p', string(c), i})
			i++
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

// checksOf returns the expressions of the CHECK constraints of a CREATE
// TABLE statement, the columns' and the table's.
func checksOf(create string) []string {
	toks := sqlTokens(create)
	var out []string
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].kind != 'w' || toks[i].text != "check" || toks[i+1].text != "(" {
			continue
		}
		depth := 0
		for j := i + 1; j < len(toks); j++ {
			if toks[j].kind != 'p' {
				continue
			}
			switch toks[j].text {
			case "(":
				depth++
			case ")":
				depth--
			}
			if depth == 0 {
				out = append(out, create[toks[i+1].start+1:toks[j].start])
				i = j
				break
			}
		}
	}
	return out
}

// whereOf is the predicate of a CREATE INDEX statement, "" when it has none.
func whereOf(create string) string {
	for _, t := range sqlTokens(create) {
		if t.kind == 'w' && t.text == "where" {
			return create[t.start+len("where"):]
		}
	}
	return ""
}

// expressionColumns returns the columns among names that expr reads, in
// alphabetical order.
func expressionColumns(expr string, names []string) []string {
	var cols []string
	for _, t := range sqlTokens(expr) {
		if (t.kind == 'w' || t.kind == 'q') && slices.Contains(names, t.text) && !slices.Contains(cols, t.text) {
			cols = append(cols, t.text)
		}
	}
	slices.Sort(cols)
	return cols
}

// expressionPrint is what the parity test compares of expr: the columns
// it reads, its literals in order, and its NULL tests.
func expressionPrint(expr string, names []string) string {
	toks := sqlTokens(expr)
	var literals []string
	nulls := 0
	notNulls := 0
	for i, t := range toks {
		switch {
		case t.kind == 's':
			literals = append(literals, "'"+t.text+"'")
		case t.kind == 'n':
			literals = append(literals, t.text)
		case t.kind == 'w' && t.text == "is" && i+1 < len(toks):
			if toks[i+1].text == "not" {
				notNulls++
			} else {
				nulls++
			}
		}
	}
	slices.Sort(literals)
	out := "reads (" + strings.Join(expressionColumns(expr, names), ", ") + ")"
	if len(literals) > 0 {
		out += " with " + strings.Join(literals, ", ")
	}
	out += strings.Repeat(" is null", nulls) + strings.Repeat(" is not null", notNulls)
	return out
}

// TestExpressionPrint: an expression as a migration writes it and as
// PostgreSQL prints it back compare alike, and different ones do not.
func TestExpressionPrint(t *testing.T) {
	names := []string{"kind", "status", "passport", "x", "sent_at", "valid_to", "valid_from"}
	for _, c := range []struct {
		name, written, printed string
		same                   bool
	}{
		{"IN list", `kind IN ('embassy','consulate')`, `(kind = ANY (ARRAY['embassy'::text, 'consulate'::text]))`, true},
		{"BETWEEN", `length(x) BETWEEN 1 AND 64`, `((length(x) >= 1) AND (length(x) <= 64))`, true},
		{"several columns and an empty string", `valid_to = '' OR valid_to >= valid_from`, `((valid_to = ''::text) OR (valid_to >= valid_from))`, true},
		{"quote in a literal", `kind = 'it''s'`, `(kind = 'it''s'::text)`, true},
		{"another literal", `status = 'pending'`, `(status = 'confirmed'::text)`, false},
		{"another column", `status = 'pending'`, `(kind = 'pending'::text)`, false},
		{"IS NULL against IS NOT NULL", `sent_at IS NULL`, `(sent_at IS NOT NULL)`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, p := expressionPrint(c.written, names), expressionPrint(c.printed, names)
			if (w == p) != c.same {
				t.Errorf("%q reads %q, %q reads %q", c.written, w, c.printed, p)
			}
		})
	}
	create := `CREATE TABLE t (
		kind TEXT NOT NULL CHECK (kind IN ('a', 'check (b)')), -- CHECK (not this)
		x TEXT, /* check (nor this) */
		CHECK ((x) <> "status")
	)`
	if got := checksOf(create); !slices.Equal(got, []string{`kind IN ('a', 'check (b)')`, `(x) <> "status"`}) {
		t.Errorf("checksOf: %q", got)
	}
	if got := whereOf(`CREATE INDEX i ON t ("where") WHERE status = 'a'`); got != ` status = 'a'` {
		t.Errorf("whereOf: %q", got)
	}
}
