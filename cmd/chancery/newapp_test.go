package main

import (
	"context"
	"io"
	"log/slog"
)

// NewApp prepares an app as serve does, in one step for the tests: it opens and migrates the database and, on an
// empty one, loads the default dataset and creates the first admin.
func NewApp(ctx context.Context, cfg Config, out io.Writer, log *slog.Logger) (*App, error) {
	a, err := OpenApp(ctx, cfg, out, log)
	if err != nil {
		return nil, err
	}
	if err := a.Prepare(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}
