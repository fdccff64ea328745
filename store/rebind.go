package store

import (
	"strconv"
	"strings"
)

// rebind turns the ? placeholders every query is written with into
// PostgreSQL's $1, $2, ... . A ? inside a string literal ('why?'), a
// quoted identifier ("why?") or a comment (-- ? and /* ? */, which nest on
// PostgreSQL) is text, not a placeholder, and is left as it is. Queries
// are written for both engines, so PostgreSQL's own escape strings (E'…')
// and dollar quoting, which SQLite does not know, are not expected.
//
// Every other ? is a placeholder, so PostgreSQL's JSON operators ?, ?| and
// ?& cannot be written in a query: use jsonb_exists, jsonb_exists_any and
// jsonb_exists_all instead (none is used today). `? || ?` is two
// placeholders concatenated. ?NNN, SQLite's numbered placeholder, is not
// one the store writes: it is left as it is, for PostgreSQL to refuse,
// rather than turned into a $ followed by more digits, another parameter.
func (db *DB) rebind(q string) string {
	if db.Dialect != Postgres {
		return q
	}
	return numberPlaceholders(q)
}

// numberPlaceholders is rebind's rewrite, whatever the dialect.
func numberPlaceholders(q string) string {
	if strings.IndexByte(q, '?') < 0 {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); {
		switch c := q[i]; {
		case c == '?' && !(i+1 < len(q) && '0' <= q[i+1] && q[i+1] <= '9'):
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			i++
			continue
		case c == '\'' || c == '"':
			// A doubled quote inside is the quote itself: the scan ends
			// at it and the next one starts there again, to the same effect.
			end := strings.IndexByte(q[i+1:], c)
			if end < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			end += i + 2
			b.WriteString(q[i:end])
			i = end
			continue
		case c == '-' && strings.HasPrefix(q[i:], "--"):
			// PostgreSQL ends the comment at a carriage return too.
			end := strings.IndexAny(q[i:], "\n\r")
			if end < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+end])
			i += end
			continue
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			end := blockCommentEnd(q, i)
			b.WriteString(q[i:end])
			i = end
			continue
		}
		b.WriteByte(q[i])
		i++
	}
	return b.String()
}

// blockCommentEnd is the index just past the block comment that starts at
// q[start:], counting nested comments as PostgreSQL does; len(q) when it
// is not closed.
func blockCommentEnd(q string, start int) int {
	depth := 0
	for i := start; i+1 < len(q); i++ {
		switch {
		case q[i] == '/' && q[i+1] == '*':
			depth++
			i++
		case q[i] == '*' && q[i+1] == '/':
			depth--
			i++
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(q)
}
