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
		if end := textEnd(q, i); end > i {
			b.WriteString(q[i:end])
			i = end
			continue
		}
		if q[i] == '?' && !(i+1 < len(q) && '0' <= q[i+1] && q[i+1] <= '9') {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		} else {
			b.WriteByte(q[i])
		}
		i++
	}
	return b.String()
}

// textEnd is the index just past the string literal, quoted identifier or
// comment that starts at q[i], len(q) when it is not closed, or i when none
// starts there.
func textEnd(q string, i int) int {
	switch {
	case q[i] == '\'' || q[i] == '"':
		// A doubled quote inside is the quote itself: the text ends at
		// the first and the next starts at the second, to the same effect.
		if end := strings.IndexByte(q[i+1:], q[i]); end >= 0 {
			return i + end + 2
		}
		return len(q)
	case strings.HasPrefix(q[i:], "--"):
		// PostgreSQL ends the comment at a carriage return too.
		if end := strings.IndexAny(q[i:], "\n\r"); end >= 0 {
			return i + end
		}
		return len(q)
	case strings.HasPrefix(q[i:], "/*"):
		return blockCommentEnd(q, i)
	}
	return i
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
