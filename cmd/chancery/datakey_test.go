package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDataKey: the embedded SQLite database makes the key that encrypts
// uploaded files once, into chancery.key beside it (owner only), and
// finds it again at the next start; PostgreSQL, shared by several
// instances, does not start without -data-key.
func TestDataKey(t *testing.T) {
	t.Parallel()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := testConfig(t)
	if cfg.DB != "" {
		cfg.DataKey = ""
		if _, err := OpenApp(context.Background(), cfg, io.Discard, log); err == nil || !strings.Contains(err.Error(), "-data-key") {
			t.Fatalf("PostgreSQL without a data key: %v", err)
		}
		return
	}
	open := func() string {
		t.Helper()
		app, err := OpenApp(context.Background(), cfg, io.Discard, log)
		if err != nil {
			t.Fatal(err)
		}
		app.DB.Close()
		path := filepath.Join(cfg.Data, dataKeyFile)
		st, err := os.Stat(path)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("key file: %v %v", st, err)
		}
		b, _ := os.ReadFile(path)
		return string(b)
	}
	if first, again := open(), open(); first != again || len(first) < 44 {
		t.Errorf("the key changed between starts: %q %q", first, again)
	}
}
