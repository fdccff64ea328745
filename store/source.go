package store

import (
	"context"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
)

// sourceColumnsAs lists a source's columns as scanned by scanSource, each ""
// when the source is missing from a LEFT JOIN (a statement set by the mission).
func sourceColumnsAs(alias string) string {
	cols := []string{"id", "title", "publisher", "published", "date_kind", "url", "language", "version_of", "note"}
	for i, c := range cols {
		cols[i] = "COALESCE(" + alias + "." + c + ", '')"
	}
	return strings.Join(cols, ", ")
}

// sourceFields are the destinations of sourceColumnsAs's columns.
func sourceFields(s *mission.Source) []any {
	return []any{&s.ID, &s.Title, &s.Publisher, &s.Published, &s.DateKind, &s.URL, &s.Language, &s.VersionOf, &s.Note}
}

// Sources returns every source, newest first.
func (db *DB) Sources(ctx context.Context) ([]mission.Source, error) {
	return findSources(ctx, db.reader(), "")
}

// Source returns one source, or ENOTFOUND.
func (db *DB) Source(ctx context.Context, id string) (mission.Source, error) {
	ss, err := findSources(ctx, db.reader(), id)
	if err != nil {
		return mission.Source{}, err
	}
	if len(ss) == 0 {
		return mission.Source{}, chancery.Errorf(chancery.ENOTFOUND, "error.source_not_found", "ID", id)
	}
	return ss[0], nil
}

func findSources(ctx context.Context, q queryer, id string) ([]mission.Source, error) {
	query := `SELECT ` + sourceColumnsAs("s") + ` FROM sources s`
	var args []any
	if id != "" {
		query += ` WHERE s.id = ?`
		args = append(args, id)
	}
	rows, err := q.query(ctx, query+` ORDER BY s.published DESC, s.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []mission.Source
	for rows.Next() {
		var s mission.Source
		if err := rows.Scan(sourceFields(&s)...); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SaveSource creates or updates a source and audits the change.
func (db *DB) SaveSource(ctx context.Context, who Actor, s mission.Source) (changed bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.saveSource(ctx, who, s)
		changed = c != unchanged
		return err
	})
	return changed, err
}

func (tx *Tx) saveSource(ctx context.Context, who Actor, s mission.Source) (change, error) {
	if err := s.Validate(); err != nil {
		return unchanged, err
	}
	old, err := findSources(ctx, tx, s.ID)
	if err != nil {
		return unchanged, err
	}
	if len(old) == 1 {
		if old[0].Equal(s) {
			return unchanged, nil
		}
		if _, err := tx.exec(ctx, `UPDATE sources SET title=?, publisher=?, published=?, date_kind=?, url=?, language=?, version_of=?, note=? WHERE id=?`,
			s.Title, s.Publisher, s.Published, string(s.DateKind), s.URL, s.Language, s.VersionOf, s.Note, s.ID); err != nil {
			return unchanged, err
		}
		return updated, tx.audit(ctx, who, "source.update", "source", s.ID, old[0], s)
	}
	if _, err := tx.exec(ctx, `INSERT INTO sources (id, title, publisher, published, date_kind, url, language, version_of, note) VALUES (?,?,?,?,?,?,?,?,?)`,
		s.ID, s.Title, s.Publisher, s.Published, string(s.DateKind), s.URL, s.Language, s.VersionOf, s.Note); err != nil {
		return unchanged, err
	}
	return created, tx.audit(ctx, who, "source.create", "source", s.ID, nil, s)
}
