package store

import (
	"context"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// MigrateTo applies the embedded migrations up to version only, so a test
// can write data as an older chancery did and then migrate it.
func (db *DB) MigrateTo(ctx context.Context, version int64) error {
	sub, err := fs.Sub(migrations, "migrations/"+db.Dialect)
	if err != nil {
		return err
	}
	dialect := goose.DialectSQLite3
	if db.Dialect == Postgres {
		dialect = goose.DialectPostgres
	}
	p, err := goose.NewProvider(dialect, db.write, sub, goose.WithGoMigrations(db.facetBackfill(), db.searchDescriptions()))
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, version)
	return err
}
